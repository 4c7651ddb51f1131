/**
 * Picking up through the portal: opening a message addressed to the participant, or
 * downloading it in the CSV of open requests, records its delivery and pickup via `portal`,
 * once (conditional ledger updates). The hub's copy is the portal user's only one, so a request
 * keeps its payload until the retention period after its answer deadline rather than after
 * the pickup: a creditor who opened a saldoverzoek on day one can still read and answer it on
 * the last day of its ten working days.
 */
import type { MessageRecord } from '../../../ledger/types.ts';
import { delivery, pickup } from '../../../lifecycle/index.ts';
import type { RestContext } from '../context.ts';

const DAY_MS = 86_400_000;

/** Records delivery and pickup of `record` (addressed to `participant`) via the portal. */
export async function portalPickUp(
  context: RestContext,
  record: MessageRecord,
  participant: string,
): Promise<void> {
  if (record.recipient !== participant) return;
  const now = context.clock.now();
  if (record.status === 'accepted') {
    const update = delivery(record.messageId, now, 'portal', participant);
    if (await context.ledger.updateMessage(record.messageId, update)) {
      context.onMoved?.(record, update);
    }
  }
  if (record.status === 'accepted' || record.status === 'delivered') {
    const update = pickup(
      record.messageId,
      participant,
      now,
      retentionDays(context, record, now),
      'portal',
    );
    if (await context.ledger.updateMessage(record.messageId, update)) {
      context.onMoved?.(record, update);
    }
  }
}

/** The configured retention, counted from the answer deadline when that is later than now. */
function retentionDays(context: RestContext, record: MessageRecord, now: Date): number {
  const due =
    record.openAnswerDueAt === undefined || record.openAnswerDueAt === null
      ? undefined
      : Date.parse(record.openAnswerDueAt);
  const untilDue = due === undefined ? 0 : Math.max(0, Math.ceil((due - now.getTime()) / DAY_MS));
  return context.config.retentionDays + untilDue;
}
