/**
 * A list of messages (the inbox, a case): each a link to the message named by its type, with
 * "Nieuw" while unread, who sent it, when it arrived and by when it must be answered. A list,
 * not a table, so it reads the same on a phone as on a laptop.
 */
import { Paragraph, Strong } from '@utrecht/component-library-react';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { formatDateTime, formatDueDate } from '../../../shared/format.ts';
import type { MessageSummary } from '../api_types.ts';
import { messageTypeName, ParticipantName } from '../names.tsx';
import { messageHref } from '../router.ts';

const isUnread = (m: MessageSummary) => m.status === 'accepted' || m.status === 'delivered';

export interface MessageListProps {
  /** The list's accessible name. */
  readonly label: string;
  readonly messages: readonly MessageSummary[];
  /** The participant (OIN): its own messages say "aan", the others "van". */
  readonly participant: string;
  /** Numbered, oldest first (a case), rather than a plain list. */
  readonly ordered?: boolean;
  /** When a deadline counts as passed (the hub's now). */
  readonly now?: string;
}

export function MessageList({ label, messages, participant, ordered, now }: MessageListProps) {
  const List = ordered === true ? 'ol' : 'ul';
  const at = Date.parse(now ?? new Date().toISOString());
  return (
    <List aria-label={label} className="kp-message-list">
      {messages.map((m) => {
        const mine = m.sender === participant;
        const unread = !mine && isUnread(m);
        const open = !mine && m.answerDueAt !== undefined && m.answeredAt === undefined;
        const late = open && Date.parse(m.answerDueAt ?? '') <= at;
        return (
          <li key={m.messageId} className={unread ? 'kp-message kp-message--unread' : 'kp-message'}>
            <Paragraph className="kp-message-title">
              <AppLink href={messageHref(m.messageId)}>{messageTypeName(m.messageType)}</AppLink>
              {unread && (
                <>
                  {' '}
                  <Strong className="kp-tag">Nieuw</Strong>
                </>
              )}
              {mine && <span className="kp-tag kp-tag--quiet">Verzonden</span>}
            </Paragraph>
            <Paragraph className="kp-message-meta">
              <span>
                {mine ? 'Aan' : 'Van'} <ParticipantName oin={mine ? m.recipient : m.sender} />
              </span>
              <span>
                {mine ? 'Verzonden' : 'Ontvangen'}{' '}
                <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
              </span>
              {open && m.answerDueAt !== undefined && (
                <span>
                  Antwoord uiterlijk{' '}
                  <time dateTime={m.answerDueAt}>{formatDueDate(m.answerDueAt)}</time>
                  {late && (
                    <>
                      {' '}
                      <Strong>(te laat)</Strong>
                    </>
                  )}
                </span>
              )}
              {m.answeredAt !== undefined && <span>Beantwoord</span>}
            </Paragraph>
          </li>
        );
      })}
    </List>
  );
}
