/**
 * Which participant kinds may use which modules, as sender and as recipient
 * (DOMAIN.md, "Who may use which module"). Data only.
 */
import type { ModuleAccess, Module, ParticipantKind, ParticipantKindSpec, Role } from './types.ts';

const BOTH: ModuleAccess = Object.freeze({ send: true, receive: true });
const RECEIVE_ONLY: ModuleAccess = Object.freeze({ send: false, receive: true });
const WITH_COURT_DECISION: ModuleAccess = Object.freeze({
  send: true,
  receive: true,
  requiredAttachment: 'rechterlijke-uitspraak',
});
const WITH_CONSENT: ModuleAccess = Object.freeze({
  send: true,
  receive: true,
  requiredAttachment: 'toestemmingsverklaring',
});

const ROWS: Readonly<Record<ParticipantKind, { role: Role; modules: [Module, ModuleAccess][] }>> = {
  schuldeiser: {
    role: 'schuldeiser',
    modules: [
      ['schuldinventarisatie', BOTH],
      ['betalingsregeling', BOTH],
      ['schuldregeling', BOTH],
      ['meldingen-bewindvoering', RECEIVE_ONLY],
      // Sends signals, receives their outcomes (the catalogue's rows decide which way).
      ['vroegsignalering', BOTH],
    ],
  },
  'schuldhulpverlener-fase-1': {
    role: 'schuldhulpverlener',
    modules: [
      ['schuldinventarisatie', BOTH],
      ['betalingsregeling', BOTH],
      // Municipal debt help receives signals and answers with their outcome.
      ['vroegsignalering', BOTH],
    ],
  },
  'schuldhulpverlener-fase-2': {
    role: 'schuldhulpverlener',
    modules: [
      ['schuldinventarisatie', BOTH],
      ['betalingsregeling', BOTH],
      ['schuldregeling', BOTH],
      ['waarborgfonds', BOTH],
      ['vroegsignalering', BOTH],
    ],
  },
  kredietbank: {
    role: 'kredietbank',
    modules: [
      ['schuldinventarisatie', BOTH],
      ['betalingsregeling', BOTH],
      ['schuldregeling', BOTH],
      ['waarborgfonds', BOTH],
    ],
  },
  bewindvoerder: {
    role: 'bewindvoerder',
    modules: [
      ['meldingen-bewindvoering', BOTH],
      ['schuldinventarisatie', WITH_COURT_DECISION],
      ['betalingsregeling', WITH_COURT_DECISION],
    ],
  },
  'overige-schuldhulpverlener': {
    role: 'schuldhulpverlener',
    modules: [
      ['schuldinventarisatie', WITH_CONSENT],
      ['betalingsregeling', WITH_CONSENT],
    ],
  },
  // Not in DOMAIN.md's table: the Waarborgfonds takes part in its own module only.
  waarborgfonds: { role: 'waarborgfonds', modules: [['waarborgfonds', BOTH]] },
};

/** Role and module access per participant kind. */
export const PARTICIPANT_KIND_SPECS: ReadonlyMap<ParticipantKind, ParticipantKindSpec> = new Map(
  (Object.entries(ROWS) as [ParticipantKind, (typeof ROWS)[ParticipantKind]][]).map(
    ([kind, row]) => [kind, Object.freeze({ kind, role: row.role, modules: new Map(row.modules) })],
  ),
);
