/**
 * The pieces both sending screens share: the notice when this browser cannot sign yet, the
 * receipt of a sent message, and the form that signs and sends one message and shows what
 * the hub refused at its field.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import type { ErrorSchema } from '@rjsf/utils';
import { errorText } from '../../../shared/api.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { FactList } from '../../../shared/components/fact_list.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { formatDateTime } from '../../../shared/format.ts';
import { getSchema } from '../api.ts';
import type { SchemaInfo } from '../api_types.ts';
import { messageTypeName } from '../names.tsx';
import { caseHref, messageHref, portalHref } from '../router.ts';
import { useSession } from '../session.ts';
import type { DeviceState } from './device.ts';
import { rememberContact } from './prefill.ts';
import { Refusal } from './send_api.ts';
import type { Sent } from './send_api.ts';
import { errorsAtFields, SchemaForm } from './schema_form.tsx';

type Json = Record<string, unknown>;

/** Why this browser cannot send yet, and where to change that; nothing when it can. */
export function DeviceNotice({ device }: { readonly device: DeviceState }) {
  if (device.state === 'active' || device.state === 'loading') return null;
  const text =
    device.state === 'pending'
      ? 'Deze browser wacht nog op goedkeuring door een beheerder. U kunt het formulier al invullen, maar pas versturen als het apparaat is goedgekeurd.'
      : 'Deze browser kan nog geen berichten ondertekenen. Meld hem eerst aan bij Apparaten.';
  return (
    <Alert type="warning">
      <Paragraph>
        {text} <AppLink href={portalHref('/apparaten')}>Naar Apparaten</AppLink>
      </Paragraph>
    </Alert>
  );
}

/** What the hub's receipt says of a sent message. */
export function ReceiptFacts({
  sent,
  recipientName,
}: {
  readonly sent: Sent;
  readonly recipientName: string;
}) {
  return (
    <FactList
      label="Ontvangstbewijs"
      facts={[
        ['Bericht', <AppLink href={messageHref(sent.messageId)}>{sent.messageId}</AppLink>],
        ['Aan', recipientName],
        ['Ontvangen door de hub', formatDateTime(sent.receivedAt)],
        [
          'Verstuurd via',
          sent.claims.via === 'portal' ? `het portaal, door ${sent.claims.portalUser ?? '?'}` : '—',
        ],
        ['Vastgelegd in het grootboek', sent.ledgerPosition],
      ]}
    />
  );
}

export interface SendFormProps {
  readonly type: SchemaInfo;
  readonly initial: Json;
  readonly device: DeviceState;
  readonly submitLabel: string;
  /** Sends the payload (once per recipient); answers what was sent. */
  readonly send: (payload: Json) => Promise<readonly { sent: Sent; recipientName: string }[]>;
  readonly conversationId?: string;
  readonly children?: ReactNode;
}

/** The form of one message type: fill in, sign, send; the receipts, or the refusal at its field. */
export function SendForm({
  type,
  initial,
  device,
  submitLabel,
  send,
  conversationId,
  children,
}: SendFormProps) {
  const session = useSession();
  const schema = useQuery({
    queryKey: ['schema', type.messageType, type.version],
    queryFn: () => getSchema(type.messageType, type.version),
    staleTime: Infinity,
  });
  const [data, setData] = useState<Json>(initial);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ErrorSchema | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<readonly { sent: Sent; recipientName: string }[] | null>(null);

  if (sent !== null) {
    return (
      <section aria-labelledby="verstuurd">
        <Alert type="ok">
          <h2
            id="verstuurd"
            className="utrecht-heading-2"
            tabIndex={-1}
            ref={(node) => node?.focus()}
          >
            {sent.length === 1 ? 'Verstuurd' : `${sent.length} berichten verstuurd`}
          </h2>
          <Paragraph>
            De hub heeft {sent.length === 1 ? 'uw bericht' : 'uw berichten'} ontvangen en
            vastgelegd.
          </Paragraph>
        </Alert>
        {sent.map((item) => (
          <ReceiptFacts
            key={item.sent.messageId}
            sent={item.sent}
            recipientName={item.recipientName}
          />
        ))}
        <Paragraph>
          {conversationId !== undefined && (
            <>
              <AppLink href={caseHref(conversationId)}>Naar het dossier</AppLink>
              {' · '}
            </>
          )}
          <AppLink href={portalHref('/')}>Naar het Postvak IN</AppLink>
        </Paragraph>
      </section>
    );
  }

  const submit = async (payload: Json) => {
    if (device.state !== 'active') {
      setFailure('Deze browser kan nog niet ondertekenen: meld hem eerst aan bij Apparaten.');
      return;
    }
    setBusy(true);
    setFailure(null);
    setServerErrors(undefined);
    try {
      const results = await send(payload);
      rememberContact(session.name, payload['contactpersoon']);
      setSent(results);
    } catch (error) {
      if (error instanceof Refusal && error.violations.length > 0) {
        setServerErrors(errorsAtFields(error.violations));
      }
      setFailure(
        `De hub heeft het bericht niet aangenomen: ${errorText(error)}` +
          (error instanceof Refusal ? ` (${error.code})` : ''),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label={`Formulier ${messageTypeName(type.messageType)}`}>
      {children}
      <div aria-live="assertive" role="alert">
        {failure !== null && (
          <Alert type="error" role="none">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
      </div>
      <QueryView query={schema}>
        {(document) => (
          <SchemaForm
            schema={document}
            formData={data}
            onChange={setData}
            onSubmit={(payload) => void submit(payload)}
            {...(serverErrors === undefined ? {} : { serverErrors })}
            submitLabel={busy ? 'Bezig met versturen…' : submitLabel}
            busy={busy}
          />
        )}
      </QueryView>
    </section>
  );
}

/** A message's own link text: "Saldoverzoek van 1 december 2026". */
export function messageTitle(messageType: string, receivedAt: string): string {
  return `${messageTypeName(messageType)} van ${formatDateTime(receivedAt)}`;
}
