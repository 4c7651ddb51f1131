/**
 * A table of messages (the log, a dossier's messages, the relay's outbox): when received, the
 * message id linking to its page, type, sender, recipient, status and dossier.
 */
import {
  Code,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { MessageSummary } from '../api_types.ts';
import { MESSAGE_STATUS_NL, formatDateTime } from '../format.ts';
import { consoleHref } from '../router.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { Party } from './party.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';

export interface MessagesTableProps {
  /** The table's accessible name. */
  readonly label: string;
  readonly messages: readonly MessageSummary[];
}

export function MessagesTable({ label, messages }: MessagesTableProps) {
  return (
    <TableScroll label={label}>
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Ontvangen</TableHeaderCell>
            <TableHeaderCell scope="col">Bericht-id</TableHeaderCell>
            <TableHeaderCell scope="col">Type</TableHeaderCell>
            <TableHeaderCell scope="col">Afzender</TableHeaderCell>
            <TableHeaderCell scope="col">Ontvanger</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col">Dossier</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {messages.map((m) => (
            <TableRow key={m.messageId}>
              <TableCell>
                <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
              </TableCell>
              <TableCell>
                <AppLink href={consoleHref(`/berichten/${encodeURIComponent(m.messageId)}`)}>
                  <Code>{m.messageId}</Code>
                </AppLink>
              </TableCell>
              <TableCell>
                {m.messageType} ({m.module})
              </TableCell>
              <TableCell>
                <Party oin={m.sender} />
              </TableCell>
              <TableCell>
                <Party oin={m.recipient} />
              </TableCell>
              <TableCell>{MESSAGE_STATUS_NL[m.status]}</TableCell>
              <TableCell>
                <AppLink
                  href={consoleHref(`/dossiers/${encodeURIComponent(m.conversationId)}`)}
                  aria-label={`Dossier ${m.conversationId}`}
                >
                  <Code>{m.conversationId}</Code>
                </AppLink>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
