/**
 * Dossier: one conversation as a case — what still needs an answer from the participant and
 * by when, and all the participant's messages in it, in order (oldest first), then the events
 * (received, picked up, answered) as a timeline.
 */
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { useQuery } from '@tanstack/react-query';
import { EventTimeline } from '../../../shared/components/event_timeline.tsx';
import { FactList } from '../../../shared/components/fact_list.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { getConversation } from '../api.ts';
import { MessageList } from '../components/message_list.tsx';
import { OpenAnswersList } from '../components/open_answers_list.tsx';
import { portalHref } from '../router.ts';
import { useSession } from '../session.ts';

export function ConversationScreen({ id }: { readonly id: string }) {
  const { participant } = useSession();
  const detail = useQuery({ queryKey: ['conversation', id], queryFn: () => getConversation(id) });
  return (
    <>
      <ScreenHeading>Dossier</ScreenHeading>
      <QueryView query={detail}>
        {({ conversation, messages, openAnswers, events }) => {
          // By arrival; the hub's own order (the order it took them in) within the same instant.
          const inOrder = [...messages].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
          return (
            <>
              <FactList
                facts={[
                  [
                    'Dossiernummer',
                    <span className="kp-break">{conversation.conversationId}</span>,
                  ],
                  ['Geopend', formatDateTime(conversation.openedAt)],
                  ['Status', conversation.status === 'open' ? 'Lopend' : 'Gesloten'],
                  ['Eigenaar', <span className="kp-oin">{conversation.owner}</span>],
                ]}
              />
              {conversation.status === 'open' && conversation.owner === participant && (
                <Paragraph>
                  <AppLink
                    href={portalHref(
                      '/nieuw',
                      new URLSearchParams({ dossier: conversation.conversationId }),
                    )}
                  >
                    Nieuw bericht in dit dossier
                  </AppLink>
                </Paragraph>
              )}
              <section aria-labelledby="kp-case-open">
                <Heading level={2} id="kp-case-open">
                  Nog te beantwoorden
                </Heading>
                <OpenAnswersList
                  label="Nog te beantwoorden in dit dossier"
                  answers={openAnswers}
                  showCase={false}
                />
              </section>
              <section aria-labelledby="kp-case-messages">
                <Heading level={2} id="kp-case-messages">
                  Berichten in dit dossier
                </Heading>
                <MessageList
                  label="Berichten in dit dossier"
                  messages={inOrder}
                  participant={participant}
                  ordered
                />
              </section>
              <section aria-labelledby="kp-case-events">
                <Heading level={2} id="kp-case-events">
                  Verloop
                </Heading>
                <EventTimeline events={events} />
              </section>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
