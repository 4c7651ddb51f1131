/**
 * Nieuw bericht: a message that answers none — a debt-help organisation's kennisgeving,
 * saldoverzoek, betaalvoorstel, schuldregeling-akkoord; a creditor's statusverzoek — to one
 * or several recipients at once (the same case: one conversation, one message each). With
 * `?dossier=<id>` it continues that case.
 */
import { useState } from 'react';
import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { SelectField } from '../../../shared/components/fields.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { getConversation, getSchema, getSchemas } from '../api.ts';
import type { SchemaInfo } from '../api_types.ts';
import { messageTypeName, moduleName } from '../names.tsx';
import { useLocation } from '../router.ts';
import { useSession } from '../session.ts';
import { DeviceNotice, SendForm } from './compose.tsx';
import { useDevice } from './device.ts';
import { openingTypes, roleOfKind, send } from './outgoing.ts';
import { prefill, rememberedContact } from './prefill.ts';
import { getDirectory, getParticipant } from './send_api.ts';
import type { DirectoryEntry, PortalParticipant } from './send_api.ts';

export function NewMessageScreen() {
  const listing = useQuery({ queryKey: ['schemas'], queryFn: getSchemas, staleTime: Infinity });
  const participant = useQuery({ queryKey: ['participant'], queryFn: getParticipant });
  const directory = useQuery({ queryKey: ['directory'], queryFn: getDirectory, staleTime: 60_000 });
  const dossier = useLocation().search.get('dossier') ?? undefined;
  return (
    <>
      <ScreenHeading>Nieuw bericht</ScreenHeading>
      <QueryView query={participant}>
        {(me) =>
          listing.data !== undefined && directory.data !== undefined ? (
            <Composer
              me={me}
              types={openingTypes(listing.data.items, me)}
              directory={directory.data}
              {...(dossier === undefined ? {} : { dossier })}
            />
          ) : (
            <Paragraph>Even laden…</Paragraph>
          )
        }
      </QueryView>
    </>
  );
}

function Composer({
  me,
  types,
  directory,
  dossier,
}: {
  readonly me: PortalParticipant;
  readonly types: readonly SchemaInfo[];
  readonly directory: readonly DirectoryEntry[];
  readonly dossier?: string;
}) {
  const session = useSession();
  const device = useDevice(session.name);
  const [chosen, setChosen] = useState(types[0]?.messageType ?? '');
  const type = types.find((candidate) => candidate.messageType === chosen);
  const modules = (type?.modules ?? []).filter((module) => me.modules.includes(module));
  const [module, setModule] = useState('');
  const effectiveModule = modules.includes(module) ? module : (modules[0] ?? '');
  const [recipients, setRecipients] = useState<readonly string[]>([]);
  const [recipientError, setRecipientError] = useState<string | undefined>();
  // A new case gets its id once, so every recipient of this send shares it.
  const [conversationId] = useState(() => dossier ?? crypto.randomUUID());
  const conversation = useQuery({
    queryKey: ['conversation', dossier],
    queryFn: () => getConversation(dossier ?? ''),
    enabled: dossier !== undefined,
  });
  const schema = useQuery({
    queryKey: ['schema', type?.messageType, type?.version],
    queryFn: () => getSchema(type?.messageType ?? '', type?.version ?? ''),
    enabled: type !== undefined,
    staleTime: Infinity,
  });

  if (types.length === 0) {
    return <Paragraph>Uw organisatie kan in het portaal geen nieuwe berichten beginnen.</Paragraph>;
  }
  const candidates = directory.filter(
    (entry) =>
      entry.oin !== me.oin &&
      type !== undefined &&
      type.recipientRoles.includes(roleOfKind(entry.kind)) &&
      entry.modules.includes(effectiveModule) &&
      // Only recipients that take this version: the hub refuses others (VERSION_NOT_ACCEPTED).
      entry.acceptedVersions.includes(type.version),
  );
  const toggle = (oin: string, on: boolean) =>
    setRecipients((current) => (on ? [...current, oin] : current.filter((x) => x !== oin)));

  return (
    <>
      <DeviceNotice device={device} />
      {dossier !== undefined && <Paragraph>Dit bericht hoort bij dossier {dossier}.</Paragraph>}
      <SelectField
        id="berichttype"
        label="Soort bericht"
        value={chosen}
        onChange={(value) => {
          setChosen(value);
          setRecipients([]);
        }}
        choices={types.map((candidate) => ({
          value: candidate.messageType,
          label: messageTypeName(candidate.messageType),
        }))}
      />
      {modules.length > 1 && (
        <SelectField
          id="module"
          label="Fase (module)"
          value={effectiveModule}
          onChange={setModule}
          choices={modules.map((value) => ({ value, label: moduleName(value) }))}
        />
      )}
      <Fieldset
        invalid={recipientError !== undefined}
        aria-describedby={recipientError ? 'ontvangers-fout' : undefined}
      >
        <FieldsetLegend>Aan (één of meer)</FieldsetLegend>
        {recipientError !== undefined && (
          <p id="ontvangers-fout" className="utrecht-form-field-error-message">
            {recipientError}
          </p>
        )}
        {candidates.length === 0 ? (
          <Paragraph>Er is geen deelnemer die dit bericht mag ontvangen.</Paragraph>
        ) : (
          <ul className="kp-recipients">
            {candidates.map((entry) => (
              <li key={entry.oin}>
                <input
                  type="checkbox"
                  id={`aan-${entry.oin}`}
                  className="utrecht-checkbox utrecht-checkbox--html-input"
                  checked={recipients.includes(entry.oin)}
                  onChange={(event) => toggle(entry.oin, event.target.checked)}
                />{' '}
                <label htmlFor={`aan-${entry.oin}`}>{entry.name}</label>
              </li>
            ))}
          </ul>
        )}
      </Fieldset>
      {type !== undefined &&
        schema.data !== undefined &&
        (dossier === undefined || conversation.data !== undefined) && (
          <SendForm
            key={`${type.messageType}/${effectiveModule}`}
            type={type}
            device={device}
            conversationId={conversationId}
            submitLabel={
              recipients.length > 1
                ? `Versturen aan ${recipients.length} ontvangers`
                : `${messageTypeName(type.messageType)} versturen`
            }
            initial={prefill({
              schema: schema.data,
              caseMessages: conversation.data?.messages ?? [],
              ...withContact(rememberedContact(session.name)),
            })}
            send={async (payload) => {
              if (recipients.length === 0) {
                setRecipientError('Kies ten minste één ontvanger.');
                throw new Error('Kies ten minste één ontvanger.');
              }
              setRecipientError(undefined);
              if (device.state !== 'active')
                throw new Error('Deze browser kan nog niet ondertekenen.');
              const results = [];
              for (const recipient of recipients) {
                const sent = await send(
                  { type, module: effectiveModule, recipient, conversationId, payload },
                  device.key,
                  device.thumbprint,
                  session.csrfToken,
                );
                results.push({
                  sent,
                  recipientName:
                    directory.find((entry) => entry.oin === recipient)?.name ?? recipient,
                });
              }
              return results;
            }}
          />
        )}
    </>
  );
}

function withContact(contact: Record<string, unknown> | undefined) {
  return contact === undefined ? {} : { contact };
}
