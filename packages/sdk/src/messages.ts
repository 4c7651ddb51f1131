/**
 * Building messages the way the hub will check them: the envelope filled in (a fresh message
 * id, which also makes retries idempotent; the conversation; the type's default version — its
 * oldest, 2.0 where it has it, which every participant takes — unless the draft names one; the
 * module when the type has only one; created now), the payload validated against its schema
 * before anything is sent, and the envelope signed with the sender's key.
 */
import { randomUUID } from 'node:crypto';
import {
  createSchemaRegistry,
  defaultVersion,
  MESSAGE_TYPE_SPECS,
  signalPc4,
  signMessage,
  systemClock,
  UsageError,
} from '@knooppunt/standard';
import type {
  Clock,
  EnvelopeFields,
  MessageTypeName,
  Module,
  Payload,
  Routing,
  SchemaRegistry,
  SignedMessage,
  Signer,
} from '@knooppunt/standard';
import type { MessagePayloads, VersionedPayloads } from './types.generated.ts';

/** The message types a participant can send (the hub's own notice is not one of them). */
export type SendableType = Exclude<keyof MessagePayloads, 'verloopmelding'> & MessageTypeName;

/** A version of the standard the SDK knows payload types for (`2.0`, `2.1`). */
export type StandardVersion = keyof VersionedPayloads;

/** The payload of type `T` at version `V` (never, when `T` has no such version). */
export type PayloadAt<T, V extends StandardVersion> = T extends keyof VersionedPayloads[V]
  ? VersionedPayloads[V][T]
  : never;

/**
 * The version and its payload: the type's default version (no `version`), or the one named.
 * Send a later version only to a recipient that takes it (the directory's `acceptedVersions`);
 * the hub refuses others with VERSION_NOT_ACCEPTED.
 */
export type VersionedPayload<T extends SendableType> =
  | { readonly version?: undefined; readonly payload: MessagePayloads[T] }
  | {
      [V in StandardVersion]: { readonly version: V; readonly payload: PayloadAt<T, V> };
    }[StandardVersion];

/** What a caller says about a message; the rest is filled in. */
export type Draft<T extends SendableType = SendableType> = DraftFields<T> & VersionedPayload<T>;

/** The fields of a draft beside its version and payload. */
export interface DraftFields<T extends SendableType = SendableType> {
  readonly type: T;
  readonly recipient: string;
  /** Needed only when the type belongs to more than one module. */
  readonly module?: Module;
  /** @defaultValue a new conversation */
  readonly conversationId?: string;
  /** The message this one answers. */
  readonly inReplyTo?: string;
  /** @defaultValue a random UUID; keep it to send the same message again */
  readonly messageId?: string;
}

/**
 * The envelope's `postcode` of a type the hub routes by postcode (vroegsignalering): the PC4
 * area of the payload's `adres.postcode`, so the hub can check the recipient on the envelope.
 */
function postcodeField(routing: Routing, payload: unknown): { postcode?: string } {
  if (routing !== 'postcode') return {};
  const pc4 = signalPc4(payload);
  if (pc4 === undefined) {
    throw new UsageError(
      'USAGE_INVALID',
      'a message routed by postcode needs a Dutch adres.postcode',
    );
  }
  return { postcode: pc4 };
}

/** Builds, validates and signs messages for one sender. */
export class MessageFactory {
  readonly #oin: string;
  readonly #signer: Signer;
  readonly #clock: Clock;
  readonly #schemas: SchemaRegistry;

  constructor(options: {
    readonly oin: string;
    readonly signer: Signer;
    readonly clock?: Clock;
    readonly schemas?: SchemaRegistry;
  }) {
    this.#oin = options.oin;
    this.#signer = options.signer;
    this.#clock = options.clock ?? systemClock;
    this.#schemas = options.schemas ?? createSchemaRegistry();
  }

  /**
   * The signed wire message. Throws a SchemaError (`SCHEMA_INVALID`, with a JSON pointer per
   * violation) for a payload the hub would refuse, and a UsageError for an ambiguous module.
   */
  create<T extends SendableType>(draft: Draft<T>): SignedMessage {
    const spec = MESSAGE_TYPE_SPECS.get(draft.type);
    if (spec === undefined) {
      throw new UsageError('USAGE_INVALID', `unknown message type ${String(draft.type)}`);
    }
    const modules = [...spec.modules];
    const module = draft.module ?? (modules.length === 1 ? modules[0] : undefined);
    if (module === undefined || !spec.modules.has(module)) {
      throw new UsageError(
        'USAGE_INVALID',
        `${draft.type} belongs to ${modules.join(', ')}: say which module`,
      );
    }
    // The recipient's versions are not known here: the type's oldest, which everyone takes.
    const version = draft.version ?? defaultVersion(draft.type);
    if (!spec.versions.includes(version)) {
      throw new UsageError(
        'USAGE_INVALID',
        `${draft.type} has version ${spec.versions.join(', ')}, not ${version}`,
      );
    }
    const payload = this.#schemas.validatePayload(draft.type, version, draft.payload);
    const fields: EnvelopeFields = {
      messageId: draft.messageId ?? randomUUID(),
      conversationId: draft.conversationId ?? randomUUID(),
      ...(draft.inReplyTo === undefined ? {} : { inReplyTo: draft.inReplyTo }),
      module,
      messageType: draft.type,
      version,
      sender: this.#oin,
      recipient: draft.recipient,
      createdAt: this.#clock.now().toISOString(),
      ...postcodeField(spec.routing, payload),
    };
    const message = signMessage(fields, payload as Payload, this.#signer);
    this.#schemas.validateEnvelope(message.envelope); // e.g. a recipient that is not an OIN
    return message;
  }
}
