/**
 * The participant registry's chained history (issue 12): every change appends a
 * `participant-changed` event that holds the whole record after the change — kind, modules,
 * public body, preferent, transport, accepted versions (issue 13), status, certificates and
 * their status, and any field added later — so the chain is
 * the complete history, and the stored entry is a copy of its last event. An entry edited
 * directly in the database (made a public body so that it receives BSNs, a certificate added or
 * un-revoked) no longer equals its chain: `ledger verify` reports it and the registry refuses
 * to act on it. The event is appended before the entry is written, so a writer that crashed in
 * between leaves an entry that equals an earlier point of its chain: `behind`, no tampering,
 * brought up to date from the chain.
 */
import { canonicalJson } from '@knooppunt/standard';
import type { Participant } from './types.ts';

/** The event type of a registry change. */
export const PARTICIPANT_CHANGED = 'participant-changed';

/** The chain subject of a participant. */
export function participantSubject(oin: string): `participant:${string}` {
  return `participant:${oin}`;
}

/** The OIN a chain subject names, when it is a participant's. */
export function oinOfSubject(subject: string): string | undefined {
  return subject.startsWith('participant:') ? subject.slice('participant:'.length) : undefined;
}

/** What a participant's chain holds for the check: its events' data, in chain order. */
interface HistoryEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The record a registry event holds, when it holds one (events before issue 12 do not). */
export function recordOf(event: HistoryEvent): Participant | undefined {
  const record = event.data['record'];
  return event.type === PARTICIPANT_CHANGED && typeof record === 'object' && record !== null
    ? (record as Participant)
    : undefined;
}

/** How a stored entry stands against its chain. */
export type HistoryCheck =
  | { readonly state: 'ok' }
  /** Equals an earlier point of its chain (or is missing after its first event): `latest` is the truth. */
  | { readonly state: 'behind'; readonly latest: Participant }
  /** Differs from every point of its chain, or has no chain: `detail` says how. */
  | {
      readonly state: 'mismatch';
      readonly detail: string;
      /** The entry's fields that differ from the last record (none: no history, or no entry). */
      readonly fields: readonly string[];
    };

/** The record's fields that differ from `expected`, by name. */
function differing(record: Participant, expected: Participant): string[] {
  const names = new Set([...Object.keys(record), ...Object.keys(expected)]);
  return [...names]
    .filter(
      (name) =>
        canonicalJson((record as unknown as Record<string, unknown>)[name] ?? null) !==
        canonicalJson((expected as unknown as Record<string, unknown>)[name] ?? null),
    )
    .sort();
}

/**
 * Checks a stored entry (`undefined`: none stored) against its chain's events in order. Pure;
 * the registry runs it on every read it caches, `ledger verify` on every participant.
 */
export function checkParticipant(
  record: Participant | undefined,
  events: readonly HistoryEvent[],
): HistoryCheck {
  const records = events.map(recordOf);
  const latest = records[records.length - 1];
  if (latest === undefined) {
    return record === undefined
      ? { state: 'ok' }
      : {
          state: 'mismatch',
          fields: [],
          detail:
            records.length === 0
              ? 'the registry entry has no history'
              : 'the last event of its history does not hold the entry',
        };
  }
  if (record === undefined) {
    // A crash between the first event and the first write, or an entry deleted.
    return records.length === 1
      ? { state: 'behind', latest }
      : { state: 'mismatch', fields: [], detail: 'the registry entry is gone, its history is not' };
  }
  const stored = canonicalJson(record);
  if (stored === canonicalJson(latest)) return { state: 'ok' };
  if (
    records
      .slice(0, -1)
      .some((earlier) => earlier !== undefined && canonicalJson(earlier) === stored)
  )
    return { state: 'behind', latest };
  const names = differing(record, latest);
  return {
    state: 'mismatch',
    fields: names,
    detail: `${names.join(', ')} ${names.length === 1 ? 'differs' : 'differ'} from its history`,
  };
}
