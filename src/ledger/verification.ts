/**
 * The record of a chain verification (`knooppunt ledger verify`): an event in the ledger's own
 * chain of verifications, so that the hub shows operators when the ledger was last verified and
 * whether it held (metrics, alerts, the console) — the counts only, never what was found.
 */
import type { MessageStore } from './port.ts';
import type { NewLedgerEvent } from './types.ts';
import type { ChainReport } from './verify_chain.ts';

/** The subject of the verification records. */
export const VERIFICATION_SUBJECT = 'ledger:verification';

/** What a verification found, as recorded. */
export interface VerificationRecord {
  readonly at: string;
  readonly ok: boolean;
  readonly events: number;
  readonly seals: number;
  readonly unsealed: number;
  readonly problems: number;
}

/** The event that records `report`, made at `at` by `actor` (e.g. `cli`). */
export function verificationEvent(report: ChainReport, at: string, actor: string): NewLedgerEvent {
  return {
    subject: VERIFICATION_SUBJECT,
    type: 'chain-verified',
    at,
    actor,
    data: {
      ok: report.ok,
      events: report.events,
      seals: report.seals,
      unsealed: report.unsealed,
      problems: report.problems.length,
    },
  };
}

/** The last recorded verification, if the ledger was ever verified. */
export async function lastVerification(
  store: Pick<MessageStore, 'listEvents'>,
): Promise<VerificationRecord | undefined> {
  const last = (await store.listEvents(VERIFICATION_SUBJECT)).at(-1);
  if (last === undefined) return undefined;
  const { data } = last;
  return {
    at: last.at,
    ok: data['ok'] === true,
    events: Number(data['events'] ?? 0),
    seals: Number(data['seals'] ?? 0),
    unsealed: Number(data['unsealed'] ?? 0),
    problems: Number(data['problems'] ?? 0),
  };
}
