/**
 * The answers the participant still owes, earliest deadline first: the request (a link to it),
 * who asked, by when, how late (the hub's count of working days), and a link to answer it.
 * A list, so it reads the same on a phone.
 */
import { Paragraph, Strong } from '@utrecht/component-library-react';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { answerStanding, formatDueDate } from '../../../shared/format.ts';
import type { OpenAnswer } from '../api_types.ts';
import { messageTypeName, ParticipantName } from '../names.tsx';
import { answerHref, caseHref, messageHref } from '../router.ts';

export interface OpenAnswersListProps {
  readonly label: string;
  readonly answers: readonly OpenAnswer[];
  /** Leave out the case link on the case's own page. */
  readonly showCase?: boolean;
}

export function OpenAnswersList({ label, answers, showCase = true }: OpenAnswersListProps) {
  if (answers.length === 0) return <Paragraph>Er staan geen antwoorden open.</Paragraph>;
  return (
    <ul aria-label={label} className="kp-message-list">
      {answers.map((a) => {
        const standing = answerStanding(a.overdue, a.workingDaysOverdue);
        return (
          <li
            key={a.messageId}
            className={a.overdue ? 'kp-message kp-message--late' : 'kp-message'}
          >
            <Paragraph className="kp-message-title">
              <AppLink href={messageHref(a.messageId)}>{messageTypeName(a.messageType)}</AppLink>{' '}
              {a.overdue ? (
                <Strong className="kp-tag">{standing}</Strong>
              ) : (
                <span>({standing})</span>
              )}
            </Paragraph>
            <Paragraph className="kp-message-meta">
              <span>
                Antwoord uiterlijk{' '}
                <time dateTime={a.answerDueAt}>{formatDueDate(a.answerDueAt)}</time>
              </span>
              <span>
                Van <ParticipantName oin={a.sender} />
              </span>
              {showCase && (
                <span>
                  <AppLink href={caseHref(a.conversationId)}>Dossier bekijken</AppLink>
                </span>
              )}
              <span>
                <AppLink href={answerHref(a.messageId)}>
                  Beantwoorden
                  <span className="kp-visually-hidden">: {messageTypeName(a.messageType)}</span>
                </AppLink>
              </span>
            </Paragraph>
          </li>
        );
      })}
    </ul>
  );
}
