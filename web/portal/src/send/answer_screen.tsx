/**
 * Beantwoorden: the answer to one message, as a form generated from the answer type's schema
 * and filled in from the message answered. When the catalogue allows more than one answer
 * (saldoverzoek: the claim lines, or agreeing in advance; kennisgeving: the client's numbers,
 * or refusing to cooperate) the user chooses first.
 */
import { useState } from 'react';
import { Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { SelectField } from '../../../shared/components/fields.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { getConversation, getMessage, getSchema, getSchemas } from '../api.ts';
import type { PortalMessage, SchemaInfo } from '../api_types.ts';
import { messageTypeName } from '../names.tsx';
import { messageHref } from '../router.ts';
import { useSession } from '../session.ts';
import { DeviceNotice, messageTitle, SendForm } from './compose.tsx';
import { useDevice } from './device.ts';
import { answerTypes, send } from './outgoing.ts';
import { prefill, rememberedContact } from './prefill.ts';
import { getDirectory, getParticipant } from './send_api.ts';

export function AnswerScreen({ id }: { readonly id: string }) {
  const message = useQuery({ queryKey: ['message', id], queryFn: () => getMessage(id) });
  const listing = useQuery({ queryKey: ['schemas'], queryFn: getSchemas, staleTime: Infinity });
  const participant = useQuery({ queryKey: ['participant'], queryFn: getParticipant });
  const ready =
    message.data !== undefined && listing.data !== undefined && participant.data !== undefined;
  return (
    <>
      <ScreenHeading>Beantwoorden</ScreenHeading>
      <QueryView query={message}>
        {(opened) =>
          ready && listing.data && participant.data ? (
            <AnswerChoice
              opened={opened}
              types={answerTypes(
                listing.data.items,
                opened.message.messageType,
                participant.data.role,
              )}
            />
          ) : (
            <Paragraph>Even laden…</Paragraph>
          )
        }
      </QueryView>
    </>
  );
}

function AnswerChoice({
  opened,
  types,
}: {
  readonly opened: PortalMessage;
  readonly types: readonly SchemaInfo[];
}) {
  const session = useSession();
  const device = useDevice(session.name);
  const [chosen, setChosen] = useState(types[0]?.messageType ?? '');
  const summary = opened.message;
  const type = types.find((candidate) => candidate.messageType === chosen);
  const conversation = useQuery({
    queryKey: ['conversation', summary.conversationId],
    queryFn: () => getConversation(summary.conversationId),
  });
  const schema = useQuery({
    queryKey: ['schema', type?.messageType, type?.version],
    queryFn: () => getSchema(type?.messageType ?? '', type?.version ?? ''),
    enabled: type !== undefined,
    staleTime: Infinity,
  });
  const directory = useQuery({ queryKey: ['directory'], queryFn: getDirectory, staleTime: 60_000 });

  if (summary.recipient !== session.participant) {
    return (
      <Paragraph>
        Dit bericht is door uw organisatie verstuurd; u kunt het niet beantwoorden.
      </Paragraph>
    );
  }
  if (types.length === 0 || opened.payload === null) {
    return (
      <Paragraph>
        Op een {messageTypeName(summary.messageType).toLowerCase()} kunt u in het portaal geen
        antwoord sturen.{' '}
        <AppLink href={messageHref(summary.messageId)}>Terug naar het bericht</AppLink>
      </Paragraph>
    );
  }
  const senderName =
    directory.data?.find((entry) => entry.oin === summary.sender)?.name ?? summary.sender;
  return (
    <>
      <Paragraph>
        Uw antwoord op{' '}
        <AppLink href={messageHref(summary.messageId)}>
          {messageTitle(summary.messageType, summary.receivedAt)}
        </AppLink>{' '}
        van {senderName}. Wat u al van het bericht weet, is ingevuld; vul de rest aan.
      </Paragraph>
      <DeviceNotice device={device} />
      {types.length > 1 && (
        <SelectField
          id="soort-antwoord"
          label="Soort antwoord"
          value={chosen}
          onChange={setChosen}
          choices={types.map((candidate) => ({
            value: candidate.messageType,
            label: messageTypeName(candidate.messageType),
          }))}
        />
      )}
      {type !== undefined && schema.data !== undefined && conversation.data !== undefined && (
        <SendForm
          key={type.messageType}
          type={type}
          device={device}
          conversationId={summary.conversationId}
          submitLabel={`${messageTypeName(type.messageType)} versturen`}
          initial={prefill({
            schema: schema.data,
            answering: {
              messageId: summary.messageId,
              messageType: summary.messageType,
              payload: opened.payload as Record<string, unknown>,
            },
            caseMessages: conversation.data.messages,
            ...withContact(rememberedContact(session.name)),
          })}
          send={async (payload) => {
            if (device.state !== 'active') throw new Error('not enrolled');
            const sent = await send(
              {
                type,
                module: type.modules.includes(summary.module)
                  ? summary.module
                  : (type.modules[0] ?? summary.module),
                recipient: summary.sender,
                conversationId: summary.conversationId,
                inReplyTo: summary.messageId,
                payload,
              },
              device.key,
              device.thumbprint,
              session.csrfToken,
            );
            return [{ sent, recipientName: senderName }];
          }}
        />
      )}
    </>
  );
}

function withContact(contact: Record<string, unknown> | undefined) {
  return contact === undefined ? {} : { contact };
}
