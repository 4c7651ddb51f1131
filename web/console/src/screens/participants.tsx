/**
 * Deelnemers: every participant with its kind, transport, status and certificates (how long
 * each stays valid), and whether its entry still matches its chained history. Admins can
 * suspend or activate a participant, replace its certificate, register a new one, and restore
 * an entry edited in the database from its history.
 */
import {
  Button,
  ButtonGroup,
  Code,
  Strong,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorText, getParticipants, restoreParticipant, setParticipantActive } from '../api.ts';
import type { CertificateView, ParticipantView } from '../api_types.ts';
import { CertificateForm } from '../components/certificate_form.tsx';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { OnboardingForm } from '../components/onboarding_form.tsx';
import { PARTICIPANTS_KEY } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { StatusMessage, type Outcome } from '../../../shared/components/status_message.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatDate, formatNumber, participantKindNl, transportNl } from '../format.ts';
import { useIsAdmin, useSession } from '../session.ts';

/** The fields of a registry entry, as its history check names them. */
type RecordField = Exclude<keyof ParticipantView, 'history' | 'historyDetail' | 'historyFields'>;

/**
 * The registry's fields in Dutch, for an entry that differs from its history; typed by the
 * entry, so a field added to it without a label does not compile.
 */
const FIELDS_NL: Readonly<Record<RecordField, string>> = {
  oin: 'OIN',
  name: 'naam',
  kind: 'soort',
  modules: 'modules',
  publicBody: 'overheidsorgaan',
  preferent: 'preferent',
  transport: 'transport',
  acceptedVersions: 'standaardversies',
  postcodegebieden: 'postcodegebieden',
  vasteLasten: 'vaste lasten',
  status: 'status',
  certificates: 'certificaten',
  createdAt: 'aanmaakdatum',
  updatedAt: 'wijzigingsdatum',
};

function differingNl(fields: readonly string[]): string {
  if (fields.length === 0) return 'zonder historie';
  const label = (field: string) => (field in FIELDS_NL ? FIELDS_NL[field as RecordField] : field);
  return `anders: ${fields.map(label).join(', ')}`;
}

/** Certificates that expire within this many days are flagged. */
const EXPIRY_WARNING_DAYS = 30;

function daysLeft(days: number): string {
  if (days < 0) return 'verlopen';
  return days === 1 ? 'nog 1 dag' : `nog ${formatNumber(days)} dagen`;
}

function Certificate({ cert }: { readonly cert: CertificateView }) {
  if (cert.status === 'revoked') {
    return (
      <>
        <Code>{cert.thumbprint.slice(0, 12)}</Code> ingetrokken
        {cert.revokedAt !== undefined && <> op {formatDate(cert.revokedAt)}</>}
      </>
    );
  }
  const soon = cert.daysToExpiry >= 0 && cert.daysToExpiry <= EXPIRY_WARNING_DAYS;
  return (
    <>
      <Code>{cert.thumbprint.slice(0, 12)}</Code> geldig tot {formatDate(cert.validTo)},{' '}
      {daysLeft(cert.daysToExpiry)}
      {soon && (
        <>
          , <Strong>verloopt binnenkort</Strong>
        </>
      )}
      {cert.retiresAt !== undefined && <>, vervalt {formatDate(cert.retiresAt)}</>}
      {cert.use === 'portal' && <>, sleutel van het portaal</>}
    </>
  );
}

function Certificates({ certificates }: { readonly certificates: readonly CertificateView[] }) {
  if (certificates.length === 0) return <>geen</>;
  return (
    <ul className="utrecht-unordered-list kp-compact-list">
      {certificates.map((cert) => (
        <li key={cert.thumbprint} className="utrecht-unordered-list__item">
          <Certificate cert={cert} />
        </li>
      ))}
    </ul>
  );
}

interface RowActions {
  readonly onToggle: (participant: ParticipantView) => void;
  readonly onRestore: (participant: ParticipantView) => void;
  /** Absent while a rotation form is open: one at a time, and its "Vervangen" stays unique. */
  readonly onRotate?: (participant: ParticipantView) => void;
  readonly busy: boolean;
}

function ParticipantRow({
  p,
  actions,
}: {
  readonly p: ParticipantView;
  readonly actions?: RowActions;
}) {
  const suspended = p.status === 'suspended';
  return (
    <TableRow>
      <TableHeaderCell scope="row">{p.name}</TableHeaderCell>
      <TableCell>
        <span className="kp-oin">{p.oin}</span>
      </TableCell>
      <TableCell>{participantKindNl(p.kind)}</TableCell>
      <TableCell>
        {transportNl(p.transport)}
        <br />
        standaard {p.acceptedVersions.join(', ')}
      </TableCell>
      <TableCell>
        {suspended ? <Strong>geschorst</Strong> : 'actief'}
        {p.history === 'differs' && (
          <>
            {' '}
            <Strong>— wijkt af van de historie</Strong> ({differingNl(p.historyFields ?? [])}); de
            hub handelt niets voor deze deelnemer af
          </>
        )}
      </TableCell>
      <TableCell>
        <Certificates certificates={p.certificates} />
      </TableCell>
      {actions !== undefined && (
        <TableCell>
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              aria-label={`${suspended ? 'Activeren' : 'Schorsen'}: ${p.name}`}
              disabled={actions.busy}
              onClick={() => actions.onToggle(p)}
            >
              {suspended ? 'Activeren' : 'Schorsen'}
            </Button>
            {p.history === 'differs' && (
              <Button
                appearance="secondary-action-button"
                aria-label={`Herstellen uit de historie: ${p.name}`}
                disabled={actions.busy}
                onClick={() => actions.onRestore(p)}
              >
                Herstellen uit de historie
              </Button>
            )}
            {actions.onRotate !== undefined && (
              <Button
                id={`kp-rotate-${p.oin}`}
                appearance="secondary-action-button"
                aria-label={`Certificaat vervangen: ${p.name}`}
                onClick={() => actions.onRotate?.(p)}
              >
                Certificaat vervangen
              </Button>
            )}
          </ButtonGroup>
        </TableCell>
      )}
    </TableRow>
  );
}

function ParticipantsTable({
  items,
  actions,
}: {
  readonly items: readonly ParticipantView[];
  readonly actions?: RowActions;
}) {
  const columns = actions === undefined ? 6 : 7;
  return (
    <TableScroll label="Deelnemers">
      <Table>
        <TableCaption>Deelnemers</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Naam</TableHeaderCell>
            <TableHeaderCell scope="col">OIN</TableHeaderCell>
            <TableHeaderCell scope="col">Soort</TableHeaderCell>
            <TableHeaderCell scope="col">Transport en standaard</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Certificaten</TableHeaderCell>
            {actions !== undefined && <TableHeaderCell scope="col">Acties</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.length === 0 && <EmptyRow columns={columns} text="Er zijn nog geen deelnemers." />}
          {items.map((p) => (
            <ParticipantRow key={p.oin} p={p} actions={actions} />
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

export function ParticipantsScreen() {
  const isAdmin = useIsAdmin();
  const { csrfToken } = useSession();
  const client = useQueryClient();
  const participants = useQuery({ queryKey: PARTICIPANTS_KEY, queryFn: getParticipants });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rotating, setRotating] = useState<ParticipantView | null>(null);
  const refetch = () => client.invalidateQueries({ queryKey: PARTICIPANTS_KEY });

  const toggle = useMutation({
    mutationFn: (p: ParticipantView) =>
      setParticipantActive(p.oin, p.status === 'suspended', csrfToken),
    onMutate: () => setOutcome(null),
    onSuccess: (changed) => {
      const done = changed.status === 'suspended' ? 'geschorst' : 'geactiveerd';
      setOutcome({ ok: true, text: `Deelnemer ${changed.name} is ${done}.` });
    },
    onError: (error) => setOutcome({ ok: false, text: errorText(error) }),
    onSettled: refetch,
  });

  const restore = useMutation({
    mutationFn: (p: ParticipantView) => restoreParticipant(p.oin, csrfToken),
    onMutate: () => setOutcome(null),
    onSuccess: (restored) =>
      setOutcome({
        ok: true,
        text: `Deelnemer ${restored.name} is hersteld zoals de historie zegt.`,
      }),
    onError: (error) => setOutcome({ ok: false, text: errorText(error) }),
    onSettled: refetch,
  });

  // After the form closes, the keyboard goes back to the button that opened it.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (returnTo === null) return;
    document.getElementById(`kp-rotate-${returnTo}`)?.focus();
    setReturnTo(null);
  }, [returnTo]);
  const closeRotation = () => {
    setReturnTo(rotating?.oin ?? null);
    setRotating(null);
  };

  const actions: RowActions | undefined = isAdmin
    ? {
        onToggle: (p) => toggle.mutate(p),
        onRestore: (p) => restore.mutate(p),
        onRotate:
          rotating === null
            ? (p) => {
                setOutcome(null);
                setRotating(p);
              }
            : undefined,
        busy: toggle.isPending || restore.isPending,
      }
    : undefined;

  return (
    <>
      <ScreenHeading>Deelnemers</ScreenHeading>
      <StatusMessage outcome={outcome} />
      <QueryView query={participants}>
        {(data) => <ParticipantsTable items={data.items} actions={actions} />}
      </QueryView>
      {isAdmin && rotating !== null && (
        <CertificateForm
          key={rotating.oin}
          participant={rotating}
          onCancel={closeRotation}
          onDone={(changed, days) => {
            setOutcome({
              ok: true,
              text: `Het certificaat van ${changed.name} is vervangen. De oude certificaten blijven nog ${days === 1 ? '1 dag' : `${days} dagen`} geldig.`,
            });
            void refetch();
            closeRotation();
          }}
        />
      )}
      {isAdmin && (
        <OnboardingForm
          onDone={(added) => {
            setOutcome({ ok: true, text: `Deelnemer ${added.name} is aangemeld.` });
            void refetch();
          }}
        />
      )}
    </>
  );
}
