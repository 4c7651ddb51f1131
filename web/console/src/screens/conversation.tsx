/**
 * Dossier: one conversation (a debt case between parties): its status and owner, the answers
 * still to come (late ones marked in working days), its messages and its whole timeline.
 */
import { Code, Heading, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getConversation } from '../api.ts';
import type { ConversationDetail } from '../api_types.ts';
import { EventTimeline } from '../../../shared/components/event_timeline.tsx';
import { FactList } from '../../../shared/components/fact_list.tsx';
import { MessagesTable } from '../components/messages_table.tsx';
import { OpenAnswersTable } from '../components/open_answers_table.tsx';
import { Party } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatDateTime } from '../format.ts';

function Conversation({ detail }: { readonly detail: ConversationDetail }) {
  const { conversation, messages, openAnswers, events } = detail;
  return (
    <>
      <FactList
        facts={[
          ['Dossier (conversatie-id)', <Code>{conversation.conversationId}</Code>],
          ['Status', conversation.status === 'open' ? 'open' : 'gesloten'],
          ['Eigenaar', <Party oin={conversation.owner} />],
          ['Geopend', formatDateTime(conversation.openedAt)],
          [
            'Gesloten',
            conversation.closedAt === undefined ? undefined : formatDateTime(conversation.closedAt),
          ],
        ]}
      />
      <section aria-labelledby="kp-open-answers">
        <Heading level={2} id="kp-open-answers">
          Openstaande antwoorden
        </Heading>
        <OpenAnswersTable
          caption="Openstaande antwoorden in dit dossier"
          answers={openAnswers}
          showDossier={false}
        />
      </section>
      <section aria-labelledby="kp-messages">
        <Heading level={2} id="kp-messages">
          Berichten
        </Heading>
        {messages.length === 0 ? (
          <Paragraph>Er zijn geen berichten in dit dossier.</Paragraph>
        ) : (
          <MessagesTable label="Berichten in dit dossier" messages={messages} />
        )}
      </section>
      <section aria-labelledby="kp-timeline">
        <Heading level={2} id="kp-timeline">
          Tijdlijn
        </Heading>
        <EventTimeline events={events} showSubject />
      </section>
    </>
  );
}

export function ConversationScreen({ id }: { readonly id: string }) {
  const detail = useQuery({ queryKey: ['conversation', id], queryFn: () => getConversation(id) });
  return (
    <>
      <ScreenHeading>{`Dossier ${id}`}</ScreenHeading>
      <QueryView query={detail}>{(data) => <Conversation detail={data} />}</QueryView>
    </>
  );
}
