/**
 * A table of answers still to come: the request, who must answer, the deadline and how late
 * it is in working days ("3 werkdagen te laat"), with a link to the dossier.
 */
import {
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
import type { OpenAnswer } from '../api_types.ts';
import { answerStanding, formatDueDate } from '../format.ts';
import { consoleHref } from '../router.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { Party } from './party.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';

export interface OpenAnswersTableProps {
  readonly caption: string;
  readonly answers: readonly OpenAnswer[];
  /** Leave out the dossier column when the table is on the dossier's own page. */
  readonly showDossier?: boolean;
}

const EMPTY = 'Er staan geen antwoorden open.';

export function OpenAnswersTable({ caption, answers, showDossier = true }: OpenAnswersTableProps) {
  return (
    <TableScroll label={caption}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Antwoord uiterlijk</TableHeaderCell>
            <TableHeaderCell scope="col">Stand</TableHeaderCell>
            <TableHeaderCell scope="col">Verzoek</TableHeaderCell>
            <TableHeaderCell scope="col">Moet antwoorden</TableHeaderCell>
            <TableHeaderCell scope="col">Gevraagd door</TableHeaderCell>
            {showDossier && <TableHeaderCell scope="col">Dossier</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {answers.length === 0 && <EmptyRow columns={showDossier ? 6 : 5} text={EMPTY} />}
          {answers.map((a) => {
            const standing = answerStanding(a.overdue, a.workingDaysOverdue);
            return (
              <TableRow key={a.messageId}>
                <TableCell>
                  <time dateTime={a.answerDueAt}>{formatDueDate(a.answerDueAt)}</time>
                </TableCell>
                <TableCell>{a.overdue ? <Strong>{standing}</Strong> : standing}</TableCell>
                <TableCell>
                  {a.messageType}{' '}
                  <AppLink
                    href={consoleHref(`/berichten/${encodeURIComponent(a.messageId)}`)}
                    aria-label={`Bericht ${a.messageId}`}
                  >
                    <Code>{a.messageId}</Code>
                  </AppLink>
                </TableCell>
                <TableCell>
                  <Party oin={a.recipient} />
                </TableCell>
                <TableCell>
                  <Party oin={a.sender} />
                </TableCell>
                {showDossier && (
                  <TableCell>
                    <AppLink
                      href={consoleHref(`/dossiers/${encodeURIComponent(a.conversationId)}`)}
                      aria-label={`Dossier ${a.conversationId}`}
                    >
                      <Code>{a.conversationId}</Code>
                    </AppLink>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
