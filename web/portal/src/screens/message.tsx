/**
 * Bericht: one message in readable Dutch. The envelope's facts (from, to, case, received,
 * deadline), a link to the case, the "Beantwoorden" button when the participant is to answer,
 * and the payload read along its schema (labels from the schema, amounts in euros, dates in
 * Dutch). Opening a message addressed to the participant picks it up (the hub records it), so
 * the unread counts are read again.
 */
import { Alert, ButtonGroup, Heading, Paragraph, Strong } from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AppButtonLink, AppLink } from '../../../shared/components/app_link.tsx';
import { FactList, type Fact } from '../../../shared/components/fact_list.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatDateTime, formatDueDate, MESSAGE_STATUS_NL } from '../../../shared/format.ts';
import { getMessage, getSchema, getSchemas } from '../api.ts';
import type { MessageSummary, PortalMessage } from '../api_types.ts';
import { PayloadNodes } from '../components/payload_view.tsx';
import { messageTypeName, moduleName, ParticipantName } from '../names.tsx';
import { readPayload } from '../payload_reader.ts';
import { answerHref, caseHref, messageHref } from '../router.ts';
import { INBOX_KEY, OVERVIEW_KEY, SCHEMAS_KEY, useSession } from '../session.ts';

/** The envelope's facts in Dutch. */
function envelopeFacts(m: MessageSummary, participant: string, now: Date): readonly Fact[] {
  const owed = m.recipient === participant && m.answerDueAt !== undefined;
  const due = m.answerDueAt;
  const late = due !== undefined && m.answeredAt === undefined && Date.parse(due) <= now.getTime();
  return [
    ['Van', <ParticipantName oin={m.sender} />],
    ['Aan', <ParticipantName oin={m.recipient} />],
    ['Dossier', <AppLink href={caseHref(m.conversationId)}>{m.conversationId}</AppLink>],
    [
      'Antwoord op',
      m.inReplyTo === undefined ? undefined : (
        <AppLink href={messageHref(m.inReplyTo)}>{m.inReplyTo}</AppLink>
      ),
    ],
    ['Module', moduleName(m.module)],
    ['Ontvangen', <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>],
    [
      'Termijn',
      due === undefined ? undefined : (
        <>
          {owed ? 'Antwoord uiterlijk ' : 'Te beantwoorden uiterlijk '}
          <time dateTime={due}>{formatDueDate(due)}</time>
          {m.answeredAt !== undefined && ' (beantwoord)'}
          {late && (
            <>
              {' '}
              <Strong>(te laat)</Strong>
            </>
          )}
        </>
      ),
    ],
    ['Status', MESSAGE_STATUS_NL[m.status]],
    ['Bericht-id', <span className="kp-break">{m.messageId}</span>],
  ];
}

function Payload({ detail }: { readonly detail: PortalMessage }) {
  const { messageType, version } = detail.message;
  const schema = useQuery({
    queryKey: ['schema', messageType, version],
    queryFn: () => getSchema(messageType, version),
    staleTime: Infinity,
  });
  if (detail.payload === null) {
    return <Paragraph>De inhoud van dit bericht is na de bewaartermijn verwijderd.</Paragraph>;
  }
  const payload = detail.payload;
  return (
    <QueryView query={schema}>
      {(document) => <PayloadNodes nodes={readPayload(document, payload)} level={3} />}
    </QueryView>
  );
}

export function MessageScreen({ id }: { readonly id: string }) {
  const { participant } = useSession();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: ['message', id], queryFn: () => getMessage(id) });
  const schemas = useQuery({ queryKey: SCHEMAS_KEY, queryFn: getSchemas, staleTime: Infinity });
  const opened = detail.data?.message.messageId;
  useEffect(() => {
    // Opening picked it up: the counts and the inbox have changed.
    if (opened === undefined) return;
    void client.invalidateQueries({ queryKey: OVERVIEW_KEY });
    void client.invalidateQueries({ queryKey: INBOX_KEY });
  }, [opened, client]);

  const title =
    detail.data === undefined ? 'Bericht' : messageTypeName(detail.data.message.messageType);
  return (
    <>
      <ScreenHeading>{title}</ScreenHeading>
      <QueryView query={detail}>
        {(data) => {
          const m = data.message;
          const info = schemas.data?.items.find(
            (s) => s.messageType === m.messageType && s.version === m.version,
          );
          const answerable =
            m.recipient === participant && (info === undefined || info.answeredBy.length > 0);
          return (
            <>
              <section aria-labelledby="kp-envelope">
                <Heading level={2} id="kp-envelope">
                  Gegevens van het bericht
                </Heading>
                <FactList facts={envelopeFacts(m, participant, new Date())} />
                <ButtonGroup>
                  {answerable && (
                    <AppButtonLink href={answerHref(m.messageId)}>Beantwoorden</AppButtonLink>
                  )}
                  <AppLink href={caseHref(m.conversationId)}>Dossier bekijken</AppLink>
                </ButtonGroup>
              </section>
              <section aria-labelledby="kp-content">
                <Heading level={2} id="kp-content">
                  Inhoud
                </Heading>
                {m.status === 'expired' && (
                  <Alert type="warning">
                    <Paragraph>Dit bericht is verlopen: het is niet op tijd opgehaald.</Paragraph>
                  </Alert>
                )}
                <Payload detail={data} />
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
