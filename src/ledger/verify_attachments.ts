/**
 * Tamper evidence for attachments (standard 2.1): a message's `received` event records the
 * SHA-256 and size of each document it references, so `ledger verify` reads each document the
 * ledger still holds for the message and checks its bytes against the chain — a document
 * replaced or cut short in the database is found. A message whose payload was dropped has
 * dropped its documents too, and is not read. Housekeeping drops the documents just before
 * the payload (hub/housekeeping.ts: while the payload still names them), so a message due for
 * that purge at the time of verification may already lack them: not a finding (a document
 * still there is checked all the same).
 */
import { attachmentDigest } from '@knooppunt/standard';
import type { StoredAttachment } from './attachments.ts';
import type { LedgerEvent, MessageRecord } from './types.ts';
import type { ChainProblem } from './verify_chain.ts';

/** What attachment verification reads: a message's document by digest. */
export interface AttachmentReader {
  readAttachment(messageId: string, sha256: string): Promise<StoredAttachment | undefined>;
}

/** The digests and sizes a `received` event records (`attachments`), if any. */
export function recordedAttachments(received: LedgerEvent): { sha256: string; size: number }[] {
  const recorded = received.data['attachments'];
  if (!Array.isArray(recorded)) return [];
  return recorded.filter(
    (entry): entry is { sha256: string; size: number } =>
      typeof (entry as { sha256?: unknown }).sha256 === 'string' &&
      typeof (entry as { size?: unknown }).size === 'number',
  );
}

/** Checks the documents of `record` against what its `received` event recorded. */
export async function checkAttachments(
  record: MessageRecord,
  received: LedgerEvent | undefined,
  reader: AttachmentReader,
  problems: ChainProblem[],
  now?: string,
): Promise<void> {
  if (received === undefined || record.payload === null) return;
  const where = `message ${record.messageId}`;
  const beingPurged = now !== undefined && duePurge(record, now);
  for (const { sha256, size } of recordedAttachments(received)) {
    const stored = await reader.readAttachment(record.messageId, sha256);
    if (stored === undefined) {
      if (beingPurged) continue;
      problems.push({
        kind: 'message-attachment',
        where,
        detail: `attachment ${sha256} is missing`,
      });
    } else if (stored.content.length !== size || attachmentDigest(stored.content) !== sha256) {
      problems.push({
        kind: 'message-attachment',
        where,
        detail: `attachment ${sha256} does not match the digest and size its received event holds`,
      });
    }
  }
}

/**
 * Whether housekeeping purges the message's payload at `now` (ISO 8601): unfetched past its
 * expiry, or past retention after pickup — the queries of the ledger's `findDue`.
 */
export function duePurge(record: MessageRecord, now: string): boolean {
  const expires =
    (record.status === 'accepted' || record.status === 'delivered') && record.expiresAt <= now;
  return expires || (record.dropPayloadAfter !== undefined && record.dropPayloadAfter <= now);
}
