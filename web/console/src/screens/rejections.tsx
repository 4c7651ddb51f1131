/**
 * Afwijzingen: which messages the hub refused in a period, by error code and by participant,
 * and the latest refusals. The codes are the hub's own (the same as in the rejection receipt).
 */
import {
  Code,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getRejections } from '../api.ts';
import type { Rejections } from '../api_types.ts';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { Party } from '../components/party.tsx';
import { PeriodSelect } from '../components/period_select.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatDateTime, formatNumber, periodRange, transportNl } from '../format.ts';

type CodeCount = Rejections['codes'][number];

function codeList(codes: readonly CodeCount[]): string {
  return codes.map((c) => `${c.code} (${formatNumber(c.count)})`).join(', ');
}

function Codes({ codes }: { readonly codes: readonly CodeCount[] }) {
  return (
    <TableScroll label="Meest voorkomende codes">
      <Table>
        <TableCaption>Meest voorkomende codes</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Code</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Aantal
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {codes.length === 0 && <EmptyRow columns={2} text="Geen afwijzingen in deze periode." />}
          {codes.map((c) => (
            <TableRow key={c.code}>
              <TableCell>
                <Code>{c.code}</Code>
              </TableCell>
              <TableCell className="kp-number">{formatNumber(c.count)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function Participants({ participants }: { readonly participants: Rejections['participants'] }) {
  return (
    <TableScroll label="Deelnemers met de meeste afwijzingen">
      <Table>
        <TableCaption>Deelnemers met de meeste afwijzingen</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Deelnemer</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Aantal
            </TableHeaderCell>
            <TableHeaderCell scope="col">Codes</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {participants.length === 0 && (
            <EmptyRow columns={3} text="Geen afwijzingen in deze periode." />
          )}
          {participants.map((p) => (
            <TableRow key={p.oin}>
              <TableCell>
                <Party oin={p.oin} name={p.name} />
              </TableCell>
              <TableCell className="kp-number">{formatNumber(p.count)}</TableCell>
              <TableCell>{codeList(p.codes)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function Recent({ recent }: { readonly recent: Rejections['recent'] }) {
  return (
    <TableScroll label="Laatste afwijzingen">
      <Table>
        <TableCaption>Laatste afwijzingen</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Tijdstip</TableHeaderCell>
            <TableHeaderCell scope="col">Afzender</TableHeaderCell>
            <TableHeaderCell scope="col">Berichttype</TableHeaderCell>
            <TableHeaderCell scope="col">Via</TableHeaderCell>
            <TableHeaderCell scope="col">Codes</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {recent.length === 0 && <EmptyRow columns={5} text="Geen afwijzingen in deze periode." />}
          {recent.map((r) => (
            <TableRow key={r.rejectionId}>
              <TableCell>
                <time dateTime={r.at}>{formatDateTime(r.at)}</time>
              </TableCell>
              <TableCell>
                <Party oin={r.sender} />
              </TableCell>
              <TableCell>{r.messageType ?? 'onbekend'}</TableCell>
              <TableCell>{transportNl(r.transport)}</TableCell>
              <TableCell>{r.codes.join(', ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function RejectionsView({ rejections }: { readonly rejections: Rejections }) {
  return (
    <>
      <Paragraph>
        Van {formatDateTime(rejections.from)} tot {formatDateTime(rejections.to)}:{' '}
        {rejections.total === 1 ? '1 afwijzing' : `${formatNumber(rejections.total)} afwijzingen`}.
      </Paragraph>
      <Codes codes={rejections.codes} />
      <Participants participants={rejections.participants} />
      <Recent recent={rejections.recent} />
    </>
  );
}

export function RejectionsScreen() {
  const [period, setPeriod] = useState('7d');
  const rejections = useQuery({
    queryKey: ['rejections', period],
    queryFn: () => {
      const { from, to } = periodRange(period);
      return getRejections(from, to);
    },
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <ScreenHeading>Afwijzingen</ScreenHeading>
      <div className="kp-filter">
        <PeriodSelect
          id="rejections-period"
          value={period}
          onChange={setPeriod}
          offer={['1h', '24h', '7d', '30d']}
        />
      </div>
      <QueryView query={rejections}>{(data) => <RejectionsView rejections={data} />}</QueryView>
    </>
  );
}
