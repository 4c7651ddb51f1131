/**
 * Audit: what operators did (suspensions, certificate changes, dead-letter actions, operator
 * changes), newest first, a page at a time; the page's cursor sits in the address.
 */
import {
  Button,
  Code,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getAudit } from '../api.ts';
import type { AuditPage } from '../api_types.ts';
import { AppLink } from '../../../shared/components/app_link.tsx';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { actionNl, formatDateTime } from '../format.ts';
import { consoleHref, navigate, useLocation } from '../router.ts';

function AuditTable({ items }: { readonly items: AuditPage['items'] }) {
  return (
    <TableScroll label="Beheerhandelingen">
      <Table>
        <TableCaption>Beheerhandelingen</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
            <TableHeaderCell scope="col">Beheerder</TableHeaderCell>
            <TableHeaderCell scope="col">Handeling</TableHeaderCell>
            <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.length === 0 && (
            <EmptyRow columns={4} text="Er zijn nog geen beheerhandelingen." />
          )}
          {items.map((item) => (
            <TableRow key={item.eventId}>
              <TableCell>
                <time dateTime={item.at}>{formatDateTime(item.at)}</time>
              </TableCell>
              <TableCell>
                {item.operator === 'cli' ? 'opdrachtregel (cli)' : item.operator}
              </TableCell>
              <TableCell>{actionNl(item.action)}</TableCell>
              <TableCell>
                <Code>{item.subject}</Code>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

export function AuditScreen() {
  const { search } = useLocation();
  const cursor = search.get('cursor') ?? undefined;
  const audit = useQuery({ queryKey: ['audit', cursor], queryFn: () => getAudit(cursor) });
  return (
    <>
      <ScreenHeading>Audit</ScreenHeading>
      <QueryView query={audit}>
        {(page) => (
          <>
            <AuditTable items={page.items} />
            <div className="kp-actions">
              {page.nextCursor !== undefined && (
                <Button
                  appearance="secondary-action-button"
                  onClick={() =>
                    navigate(
                      consoleHref('/audit', new URLSearchParams({ cursor: page.nextCursor ?? '' })),
                    )
                  }
                >
                  Volgende pagina
                </Button>
              )}
              {cursor !== undefined && (
                <AppLink href={consoleHref('/audit')}>Naar de eerste pagina</AppLink>
              )}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
