/**
 * Wachtrijen: the AMQP dead-letter queue (properties only, never a body) with the bounds the
 * broker keeps it to, which an admin can replay or discard message by message, and the relay's
 * outbox of messages waiting to go out.
 */
import {
  Button,
  ButtonGroup,
  Code,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { discardDeadLetter, errorText, getQueues, replayDeadLetter } from '../api.ts';
import type { DeadLetter, Queues } from '../api_types.ts';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { MessagesTable } from '../components/messages_table.tsx';
import { Party } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { StatusMessage, type Outcome } from '../../../shared/components/status_message.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import {
  deadLetterReasonNl,
  formatBytes,
  formatDateTime,
  formatNumber,
  formatOptionalDateTime,
} from '../format.ts';
import { useIsAdmin, useSession } from '../session.ts';

const QUEUES_KEY = ['queues'] as const;

type Action = 'replay' | 'discard';

const DONE_NL: Readonly<Record<Action, string>> = {
  replay: 'is opnieuw aangeboden',
  discard: 'is verwijderd',
};

interface DeadLettersProps {
  readonly deadLetters: Queues['deadLetters'];
  /** Present for admins only: what the row buttons do. */
  readonly onAction?: (action: Action, id: string) => void;
  readonly busy: boolean;
}

/** How long dead letters are kept, in words: `7 dagen bewaard`, `12 uur bewaard`. */
function keptNl(days: number): string {
  if (days === 0) return 'niet bewaard';
  if (days === 1) return '1 dag bewaard';
  if (days >= 1) return `${formatNumber(days)} dagen bewaard`;
  const hours = Math.round(days * 24);
  return hours === 0 ? 'korter dan een uur bewaard' : `${formatNumber(hours)} uur bewaard`;
}

function DeadLetterRow({
  item,
  onAction,
  busy,
}: { readonly item: DeadLetter } & Omit<DeadLettersProps, 'deadLetters'>) {
  return (
    <TableRow>
      <TableCell>
        <Code>{item.id}</Code>
      </TableCell>
      <TableCell>
        <Party oin={item.sender} />
      </TableCell>
      <TableCell>{item.type ?? '—'}</TableCell>
      <TableCell>{deadLetterReasonNl(item.reason)}</TableCell>
      <TableCell>{item.queue ?? '—'}</TableCell>
      <TableCell>{formatOptionalDateTime(item.deadLetteredAt)}</TableCell>
      <TableCell>{formatOptionalDateTime(item.expiresAt)}</TableCell>
      <TableCell className="kp-number">{formatBytes(item.bytes)}</TableCell>
      {onAction !== undefined && (
        <TableCell>
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              aria-label={`Opnieuw aanbieden: ${item.id}`}
              disabled={busy}
              onClick={() => onAction('replay', item.id)}
            >
              Opnieuw aanbieden
            </Button>
            <Button
              appearance="secondary-action-button"
              hint="danger"
              aria-label={`Verwijderen: ${item.id}`}
              disabled={busy}
              onClick={() => onAction('discard', item.id)}
            >
              Verwijderen
            </Button>
          </ButtonGroup>
        </TableCell>
      )}
    </TableRow>
  );
}

function DeadLetters({ deadLetters, onAction, busy }: DeadLettersProps) {
  if (!deadLetters.available) {
    return <Paragraph>De broker is niet beschikbaar of AMQP staat uit.</Paragraph>;
  }
  const columns = onAction === undefined ? 8 : 9;
  return (
    <>
      <Paragraph>
        Dode berichten worden {keptNl(deadLetters.days)}, hoogstens {formatNumber(deadLetters.max)};
        daarboven vervalt het oudste.
      </Paragraph>
      <Paragraph>
        {deadLetters.count === 1
          ? '1 dood bericht.'
          : `${formatNumber(deadLetters.count)} dode berichten.`}
        {deadLetters.count > deadLetters.items.length &&
          ` De eerste ${formatNumber(deadLetters.items.length)} staan hieronder.`}
      </Paragraph>
      <TableScroll label="Dode berichten">
        <Table aria-label="Dode berichten">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Id</TableHeaderCell>
              <TableHeaderCell scope="col">Afzender</TableHeaderCell>
              <TableHeaderCell scope="col">Type</TableHeaderCell>
              <TableHeaderCell scope="col">Reden</TableHeaderCell>
              <TableHeaderCell scope="col">Wachtrij</TableHeaderCell>
              <TableHeaderCell scope="col">Sinds</TableHeaderCell>
              <TableHeaderCell scope="col">Vervalt</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                Grootte
              </TableHeaderCell>
              {onAction !== undefined && <TableHeaderCell scope="col">Acties</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {deadLetters.items.length === 0 && (
              <EmptyRow columns={columns} text="Er zijn geen dode berichten." />
            )}
            {deadLetters.items.map((item) => (
              <DeadLetterRow key={item.id} item={item} onAction={onAction} busy={busy} />
            ))}
          </TableBody>
        </Table>
      </TableScroll>
    </>
  );
}

function Outbox({ outbox }: { readonly outbox: Queues['outbox'] }) {
  return (
    <>
      <Paragraph>
        {outbox.count === 1
          ? '1 bericht wacht om verstuurd te worden'
          : `${formatNumber(outbox.count)} berichten wachten om verstuurd te worden`}
        {outbox.oldest !== undefined ? `; het oudste sinds ${formatDateTime(outbox.oldest)}.` : '.'}
      </Paragraph>
      {outbox.items.length > 0 && (
        <MessagesTable label="Berichten in de uitgaande wachtrij" messages={outbox.items} />
      )}
    </>
  );
}

/** Replay and discard, with the outcome in words; discarding asks first. */
function useDeadLetterActions(setOutcome: (outcome: Outcome | null) => void) {
  const { csrfToken } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id }: { action: Action; id: string }) =>
      action === 'replay' ? replayDeadLetter(id, csrfToken) : discardDeadLetter(id, csrfToken),
    onMutate: () => setOutcome(null),
    onSuccess: (_result, { action, id }) =>
      setOutcome({ ok: true, text: `Bericht ${id} ${DONE_NL[action]}.` }),
    onError: (error) => setOutcome({ ok: false, text: errorText(error) }),
    onSettled: () => client.invalidateQueries({ queryKey: QUEUES_KEY }),
  });
}

export function QueuesScreen() {
  const isAdmin = useIsAdmin();
  const queues = useQuery({ queryKey: QUEUES_KEY, queryFn: getQueues });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const act = useDeadLetterActions(setOutcome);

  const onAction = (action: Action, id: string) => {
    if (action === 'discard' && !window.confirm(`Bericht ${id} definitief verwijderen?`)) return;
    act.mutate({ action, id });
  };

  return (
    <>
      <ScreenHeading>Wachtrijen</ScreenHeading>
      <StatusMessage outcome={outcome} />
      <QueryView query={queues}>
        {(data) => (
          <>
            <section aria-labelledby="kp-dead-letters">
              <Heading level={2} id="kp-dead-letters">
                Dode berichten (AMQP)
              </Heading>
              <DeadLetters
                deadLetters={data.deadLetters}
                onAction={isAdmin ? onAction : undefined}
                busy={act.isPending}
              />
            </section>
            <section aria-labelledby="kp-outbox">
              <Heading level={2} id="kp-outbox">
                Uitgaande wachtrij (relay)
              </Heading>
              <Outbox outbox={data.outbox} />
            </section>
          </>
        )}
      </QueryView>
    </>
  );
}
