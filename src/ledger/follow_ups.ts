/**
 * What storing a message sets off (`FollowUps`), written one call after the other: how the
 * MongoDB ledger (no transactions) writes them after the message, and how the pipeline redoes
 * what a crash left undone. SQLite writes them inside the message's transaction instead.
 */
import type { ConversationStore, FollowUps, MessageStore } from './port.ts';

/** Marks the answered request, then closes the conversation and records that it did. */
export async function writeFollowUps(
  store: Pick<MessageStore, 'updateMessage' | 'appendEvent'> &
    Pick<ConversationStore, 'closeConversation'>,
  { update, close }: FollowUps,
): Promise<void> {
  if (update !== undefined) await store.updateMessage(update.messageId, update.change);
  if (close !== undefined && (await store.closeConversation(close.conversationId, close.at))) {
    await store.appendEvent(close.event);
  }
}
