/** The one conversation rule the ledger itself enforces while storing (no I/O). */
import { ConversationError } from '@knooppunt/standard';
import type { ConversationRecord, MessageRecord } from './types.ts';

/** Throws CONVERSATION_NOT_PARTICIPANT when neither sender nor recipient owns the conversation. */
export function assertConversationParty(
  conversation: ConversationRecord,
  record: MessageRecord,
): void {
  if (conversation.owner !== record.sender && conversation.owner !== record.recipient) {
    throw new ConversationError(
      'CONVERSATION_NOT_PARTICIPANT',
      `neither sender nor recipient owns conversation ${conversation.conversationId}`,
    );
  }
}
