/**
 * Termijnen: the answers creditors still owe, counted in working days. Per creditor how many
 * are open and late, with a visible marker for those who keep cases waiting, and every open
 * answer with a link to its dossier.
 */
import {
  Heading,
  Paragraph,
  Strong,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getDeadlines } from '../api.ts';
import type { Deadlines } from '../api_types.ts';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { OpenAnswersTable } from '../components/open_answers_table.tsx';
import { Party } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatDueDate, formatDateTime, formatNumber } from '../format.ts';

function Creditors({ creditors }: { readonly creditors: Deadlines['creditors'] }) {
  return (
    <TableScroll label="Schuldeisers met openstaande antwoorden">
      <Table>
        <TableCaption>Schuldeisers met openstaande antwoorden</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Schuldeiser</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Te laat
            </TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Openstaand
            </TableHeaderCell>
            <TableHeaderCell scope="col">Oudste termijn</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Langst te laat (werkdagen)
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {creditors.length === 0 && (
            <EmptyRow columns={5} text="Geen enkele schuldeiser hoeft nog te antwoorden." />
          )}
          {creditors.map((c) => (
            <TableRow key={c.oin}>
              <TableHeaderCell scope="row">
                <Party oin={c.oin} name={c.name} />
                {c.standsOut && (
                  <>
                    {' '}
                    <Strong>Houdt zaken op</Strong>
                  </>
                )}
              </TableHeaderCell>
              <TableCell className="kp-number">{formatNumber(c.overdue)}</TableCell>
              <TableCell className="kp-number">{formatNumber(c.open)}</TableCell>
              <TableCell>
                <time dateTime={c.oldestDueAt}>{formatDueDate(c.oldestDueAt)}</time>
              </TableCell>
              <TableCell className="kp-number">{formatNumber(c.maxWorkingDaysOverdue)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function DeadlinesView({ deadlines }: { readonly deadlines: Deadlines }) {
  return (
    <>
      <Paragraph appearance="small">Stand van {formatDateTime(deadlines.now)}.</Paragraph>
      <section aria-labelledby="kp-creditors">
        <Heading level={2} id="kp-creditors">
          Per schuldeiser
        </Heading>
        <Creditors creditors={deadlines.creditors} />
      </section>
      <section aria-labelledby="kp-open">
        <Heading level={2} id="kp-open">
          Alle openstaande antwoorden
        </Heading>
        <OpenAnswersTable caption="Openstaande antwoorden" answers={deadlines.open} />
      </section>
    </>
  );
}

export function DeadlinesScreen() {
  const deadlines = useQuery({ queryKey: ['deadlines'], queryFn: getDeadlines });
  return (
    <>
      <ScreenHeading>Termijnen</ScreenHeading>
      <Paragraph>
        Een schuldeiser moet een verzoek binnen een vaste termijn beantwoorden. Die termijn tellen
        we in werkdagen: zaterdag, zondag en feestdagen tellen niet mee. Hier ziet u welke
        antwoorden nog openstaan en hoeveel werkdagen ze te laat zijn.
      </Paragraph>
      <QueryView query={deadlines}>{(data) => <DeadlinesView deadlines={data} />}</QueryView>
    </>
  );
}
