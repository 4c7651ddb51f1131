/**
 * A participant's declarations for vroegsignalering (early signals; docs/catalogue.md): the
 * postal areas a municipality serves (`postcodegebieden`) and the kinds of fixed cost a creditor
 * collects (`vasteLasten`). The registry checks them with these functions when a participant is
 * added or updated; the directory shows them; the pipeline routes a signal by them. One
 * municipality serves each postal area, so a declaration that overlaps another municipality's is
 * refused: a signal must have exactly one place to go.
 */
import {
  firstSharedPc4,
  isPostcodegebied,
  isVasteLast,
  messageTypesOfModule,
  moduleAccess,
  roleOf,
  servesPc4,
  UsageError,
} from '@knooppunt/standard';
import type { ParticipantKind, VasteLast } from '@knooppunt/standard';
import type { Participant } from './types.ts';

/** The declarations as given to `participants add/update` (absent: keep what the record has). */
export interface VroegsignaleringInput {
  readonly postcodegebieden?: readonly string[];
  readonly vasteLasten?: readonly string[];
}

/** The declarations a record holds after a change; an empty list is no declaration. */
export type VroegsignaleringFields = Pick<Participant, 'postcodegebieden' | 'vasteLasten'>;

/** Whether a participant of `kind` may take signals: municipal debt help in the module. */
function takesSignals(kind: ParticipantKind): boolean {
  return (
    roleOf(kind) === 'schuldhulpverlener' &&
    (moduleAccess(kind, 'vroegsignalering')?.receive ?? false)
  );
}

/** Whether a participant of `kind` may send signals: a creditor in the module. */
function sendsSignals(kind: ParticipantKind): boolean {
  return roleOf(kind) === 'schuldeiser' && (moduleAccess(kind, 'vroegsignalering')?.send ?? false);
}

/**
 * Checks the declarations of a participant of `kind` (given, or kept from `existing`) against
 * its kind and the other municipalities (`others`, every other participant); returns the fields
 * to store. Throws USAGE_INVALID naming what is wrong.
 */
export function checkVroegsignalering(
  kind: ParticipantKind,
  input: VroegsignaleringInput,
  existing: VroegsignaleringFields | undefined,
  others: readonly Participant[],
): VroegsignaleringFields {
  const areas = input.postcodegebieden ?? existing?.postcodegebieden ?? [];
  const kinds = input.vasteLasten ?? existing?.vasteLasten ?? [];
  if (areas.length > 0 && !takesSignals(kind)) {
    throw new UsageError(
      'USAGE_INVALID',
      `a ${kind} takes no early signals: only municipal debt help declares postal areas`,
    );
  }
  if (kinds.length > 0 && !sendsSignals(kind)) {
    throw new UsageError(
      'USAGE_INVALID',
      `a ${kind} sends no early signals: only a creditor declares kinds of fixed cost`,
    );
  }
  const badArea = areas.find((area) => !isPostcodegebied(area));
  if (badArea !== undefined) {
    throw new UsageError(
      'USAGE_INVALID',
      `'${badArea}' is no postal area: four digits (3511) or a range low to high (3500-3585)`,
    );
  }
  const badKind = kinds.find((one) => !isVasteLast(one));
  if (badKind !== undefined) {
    throw new UsageError('USAGE_INVALID', `'${badKind}' is no kind of fixed cost`);
  }
  for (const other of others) {
    const shared = firstSharedPc4(areas, other.postcodegebieden ?? []);
    if (shared !== undefined) {
      throw new UsageError(
        'USAGE_INVALID',
        `postal area ${shared} is already served by ${other.name} (${other.oin}): one municipality serves each area`,
      );
    }
  }
  return {
    ...(areas.length === 0 ? {} : { postcodegebieden: [...new Set(areas)] }),
    ...(kinds.length === 0 ? {} : { vasteLasten: [...new Set(kinds)] as VasteLast[] }),
  };
}

/** The versions of the standard that have every type of vroegsignalering (2.1 on). */
function signalVersions(): readonly string[] {
  const [first, ...rest] = messageTypesOfModule('vroegsignalering').map((spec) => spec.versions);
  return (first ?? []).filter((version) => rest.every((versions) => versions.includes(version)));
}

/**
 * Checks that a participant with declarations `fields` takes a version of the standard that
 * has the signal types (`versions`: its accepted versions after the change). A municipality
 * the directory names for an area but that takes no signal, or a creditor that cannot take the
 * municipality's answer, would make every signal fail. Throws USAGE_INVALID naming what to add.
 */
export function checkSignalVersions(
  fields: VroegsignaleringFields,
  versions: readonly string[],
): void {
  const declares =
    fields.postcodegebieden !== undefined
      ? 'postal areas'
      : fields.vasteLasten !== undefined
        ? 'kinds of fixed cost'
        : undefined;
  const needed = signalVersions();
  if (declares === undefined || versions.some((version) => needed.includes(version))) return;
  throw new UsageError(
    'USAGE_INVALID',
    `a participant that declares ${declares} takes part in early signals, which exist only in version ${needed.join(', ')} of the standard, and it takes ${versions.join(', ')}: declare ${[...versions, ...needed].join(', ')} as its versions`,
  );
}

/**
 * The municipality that serves the PC4 area `pc4`, if any, among `participants` — suspended or
 * not (a signal to a suspended one is refused as RECIPIENT_SUSPENDED, not as unserved).
 */
export function municipalityServing(
  participants: readonly Participant[],
  pc4: string,
): Participant | undefined {
  return participants.find(
    (participant) =>
      participant.modules.includes('vroegsignalering') &&
      servesPc4(participant.postcodegebieden ?? [], pc4),
  );
}
