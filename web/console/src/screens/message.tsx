/**
 * Bericht: one message's metadata (never its content) and its timeline of ledger events.
 */
import { Code, Heading, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getMessage } from '../api.ts';
import type { MessageSummary } from '../api_types.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { EventTimeline } from '../../../shared/components/event_timeline.tsx';
import { FactList, type Fact } from '../../../shared/components/fact_list.tsx';
import { Party } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { MESSAGE_STATUS_NL, formatDateTime, formatDueDate, transportNl, yesNo } from '../format.ts';
import { consoleHref } from '../router.ts';

function when(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : formatDateTime(iso);
}

/** The message's fields in Dutch; absent times are left out. */
function messageFacts(m: MessageSummary): readonly Fact[] {
  return [
    ['Bericht-id', <Code>{m.messageId}</Code>],
    ['Dossier (conversatie-id)', <Code>{m.conversationId}</Code>],
    [
      'Antwoord op',
      m.inReplyTo === undefined ? undefined : (
        <AppLink href={consoleHref(`/berichten/${encodeURIComponent(m.inReplyTo)}`)}>
          <Code>{m.inReplyTo}</Code>
        </AppLink>
      ),
    ],
    ['Afzender', <Party oin={m.sender} />],
    ['Ontvanger', <Party oin={m.recipient} />],
    ['Module', m.module],
    ['Berichttype', m.messageType],
    ['Versie', m.version],
    ['Status', MESSAGE_STATUS_NL[m.status]],
    ['Binnengekomen via', transportNl(m.transport)],
    ['Afgeleverd via', transportNl(m.route)],
    ['Ontvangen', when(m.receivedAt)],
    ['Afgeleverd', when(m.deliveredAt)],
    ['Opgehaald', when(m.pickedUpAt)],
    ['Verlopen', when(m.expiredAt)],
    ['Antwoord uiterlijk', m.answerDueAt === undefined ? undefined : formatDueDate(m.answerDueAt)],
    ['Beantwoord', when(m.answeredAt)],
    ['Inhoud verwijderd', yesNo(m.payloadDropped)],
  ];
}

export function MessageScreen({ id }: { readonly id: string }) {
  const detail = useQuery({ queryKey: ['message', id], queryFn: () => getMessage(id) });
  return (
    <>
      <ScreenHeading>{`Bericht ${id}`}</ScreenHeading>
      <QueryView query={detail}>
        {({ message, events }) => (
          <>
            <FactList facts={messageFacts(message)} />
            <Paragraph>
              <AppLink
                href={consoleHref(`/dossiers/${encodeURIComponent(message.conversationId)}`)}
              >
                Dossier bekijken
              </AppLink>
            </Paragraph>
            <section aria-labelledby="kp-timeline">
              <Heading level={2} id="kp-timeline">
                Tijdlijn
              </Heading>
              <EventTimeline events={events} />
            </section>
          </>
        )}
      </QueryView>
    </>
  );
}
