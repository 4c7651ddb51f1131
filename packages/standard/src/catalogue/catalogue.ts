/**
 * Lookups over the catalogue tables: the questions the pipeline asks about a message type,
 * a module or a participant kind. Each answer is a table read, never a chain of ifs.
 */
import { CatalogueError } from '../errors.ts';
import { MESSAGE_TYPE_SPECS } from './message_types.ts';
import { PARTICIPANT_KIND_SPECS } from './participant_kinds.ts';
import type {
  MessageTypeName,
  MessageTypeSpec,
  Module,
  ModuleAccess,
  ParticipantKind,
  ParticipantKindSpec,
  Role,
} from './types.ts';
import { MODULES } from './types.ts';

const MODULE_SET: ReadonlySet<string> = new Set(MODULES);

/** Whether a string names a module. */
export function isModule(value: string): value is Module {
  return MODULE_SET.has(value);
}

/** Whether a string names a message type of the catalogue. */
export function isMessageType(value: string): value is MessageTypeName {
  return MESSAGE_TYPE_SPECS.has(value as MessageTypeName);
}

/** The spec of a message type; throws `MESSAGE_TYPE_UNKNOWN` for a name not in the catalogue. */
export function messageTypeSpec(name: string): MessageTypeSpec {
  const spec = MESSAGE_TYPE_SPECS.get(name as MessageTypeName);
  if (spec === undefined) {
    throw new CatalogueError(
      'MESSAGE_TYPE_UNKNOWN',
      `message type '${name}' is not in the catalogue`,
    );
  }
  return spec;
}

/** Every message type spec, in catalogue order. */
export function allMessageTypes(): readonly MessageTypeSpec[] {
  return [...MESSAGE_TYPE_SPECS.values()];
}

/** Orders two standard versions (`major.minor`) numerically: `2.9` before `2.10`. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The versions of the standard the hub offers: every version any catalogue type has, oldest
 * first (a type that did not change in a version keeps its older schema).
 */
export function standardVersions(): readonly string[] {
  const versions = new Set(allMessageTypes().flatMap((spec) => spec.versions));
  return [...versions].sort(compareVersions);
}

/**
 * The version of `type` to send to a recipient that takes `recipientVersions` (its
 * `acceptedVersions`): the newest the type has that the recipient takes. When the recipient's
 * versions are not known, the type's oldest: the one every participant takes while the hub
 * offers it (participants/versions.ts). `writable` narrows the choice to the versions a sender
 * can write (a file format that carries one version's fields). `undefined` when the recipient
 * takes none of them. Throws `MESSAGE_TYPE_UNKNOWN` for a type not in the catalogue.
 */
export function defaultVersion(type: string): string;
export function defaultVersion(
  type: string,
  recipientVersions: readonly string[] | undefined,
  writable?: readonly string[],
): string | undefined;
export function defaultVersion(
  type: string,
  recipientVersions?: readonly string[],
  writable?: readonly string[],
): string | undefined {
  const candidates = messageTypeSpec(type)
    .versions.filter((version) => writable === undefined || writable.includes(version))
    .sort(compareVersions);
  if (recipientVersions === undefined) return candidates[0];
  return candidates.filter((version) => recipientVersions.includes(version)).at(-1);
}

/** The message types of one module. */
export function messageTypesOfModule(module: Module): readonly MessageTypeSpec[] {
  return allMessageTypes().filter((spec) => spec.modules.has(module));
}

/**
 * Checks that a type exists, at that version, in that module; returns its spec.
 * Throws `MODULE_UNKNOWN`, `MESSAGE_TYPE_UNKNOWN` or `MODULE_MISMATCH`.
 */
export function resolveMessageType(module: string, name: string, version: string): MessageTypeSpec {
  if (!isModule(module)) {
    throw new CatalogueError('MODULE_UNKNOWN', `module '${module}' is not in the catalogue`);
  }
  const spec = messageTypeSpec(name);
  if (!spec.versions.includes(version)) {
    throw new CatalogueError(
      'MESSAGE_TYPE_UNKNOWN',
      `message type '${name}' has no version ${version} (known: ${spec.versions.join(', ')})`,
    );
  }
  if (!spec.modules.has(module)) {
    throw new CatalogueError(
      'MODULE_MISMATCH',
      `message type '${name}' does not belong to module '${module}'`,
    );
  }
  return spec;
}

/** Whether `answer` may answer a message of type `request`. */
export function mayAnswer(request: MessageTypeName, answer: MessageTypeName): boolean {
  return MESSAGE_TYPE_SPECS.get(request)?.answeredBy.has(answer) ?? false;
}

/** Role and module access of a participant kind. */
export function participantKindSpec(kind: ParticipantKind): ParticipantKindSpec {
  const spec = PARTICIPANT_KIND_SPECS.get(kind);
  if (spec === undefined) throw new TypeError(`unknown participant kind ${kind}`);
  return spec;
}

/** The role a participant kind plays. */
export function roleOf(kind: ParticipantKind): Role {
  return participantKindSpec(kind).role;
}

/** How a participant kind may use a module; `undefined` when not at all. */
export function moduleAccess(kind: ParticipantKind, module: Module): ModuleAccess | undefined {
  return participantKindSpec(kind).modules.get(module);
}

/** Whether a participant of `kind` may send messages of `module`. */
export function maySendInModule(kind: ParticipantKind, module: Module): boolean {
  return moduleAccess(kind, module)?.send ?? false;
}

/** Whether a participant of `kind` may receive messages of `module`. */
export function mayReceiveInModule(kind: ParticipantKind, module: Module): boolean {
  return moduleAccess(kind, module)?.receive ?? false;
}
