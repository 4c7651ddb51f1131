/**
 * Vroegsignalering: how many early signals of payment arrears arrived in a period, per
 * municipality and per kind of fixed cost, and how many of the people were reached (the outcome
 * the municipality answered). Counts only: the hub keeps the outcome as metadata, never the
 * signal's personal data.
 */
import {
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
import type { ReactNode } from 'react';
import { getReach } from '../api.ts';
import type { Reach, ReachCount } from '../api_types.ts';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { Party } from '../components/party.tsx';
import { PeriodSelect } from '../components/period_select.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { formatDateTime, formatNumber, periodRange } from '../format.ts';

/** The kinds of fixed cost in Dutch, as the law names the creditors. */
const VASTE_LAST_NL: Readonly<Record<string, string>> = {
  energie: 'Energie',
  drinkwater: 'Drinkwater',
  woningcorporatie: 'Woningcorporatie',
  verhuurder: 'Verhuurder',
  zorgverzekeraar: 'Zorgverzekeraar',
  'cak-wmo': 'CAK (Wmo)',
  'cak-wlz': 'CAK (Wlz)',
};

/** A share from 0 to 1 as a Dutch percentage with one decimal: `28,0 %`. */
function formatShare(share: number): string {
  const percent = (share * 100).toLocaleString('nl-NL', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${percent} %`;
}

/** The count columns every row has, after its first cell. */
function CountCells({ count }: { readonly count: ReachCount }) {
  return (
    <>
      <TableCell className="kp-number">{formatNumber(count.signals)}</TableCell>
      <TableCell className="kp-number">{formatNumber(count.answered)}</TableCell>
      <TableCell className="kp-number">{formatNumber(count.reached)}</TableCell>
      <TableCell className="kp-number">{formatNumber(count.uitkomsten['niet-bereikt'])}</TableCell>
      <TableCell className="kp-number">{formatNumber(count.uitkomsten['al-in-hulp'])}</TableCell>
      <TableCell className="kp-number">{formatNumber(count.uitkomsten.afgewezen)}</TableCell>
      <TableCell className="kp-number">{formatShare(count.shareReached)}</TableCell>
    </>
  );
}

const COUNT_HEADERS = [
  'Signalen',
  'Beantwoord',
  'Bereikt',
  'Niet bereikt',
  'Al in hulp',
  'Afgewezen',
  'Aandeel bereikt',
];

/** One table of reach figures: a first column (`first`) and the counts. */
function ReachTable({
  caption,
  first,
  rows,
}: {
  readonly caption: string;
  readonly first: string;
  readonly rows: readonly {
    readonly key: string;
    readonly label: ReactNode;
    readonly count: ReachCount;
  }[];
}) {
  return (
    <TableScroll label={caption}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{first}</TableHeaderCell>
            {COUNT_HEADERS.map((header) => (
              <TableHeaderCell key={header} scope="col" numericColumn>
                {header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.length === 0 && (
            <EmptyRow columns={COUNT_HEADERS.length + 1} text="Geen signalen in deze periode." />
          )}
          {rows.map((row) => (
            <TableRow key={row.key}>
              <TableCell>{row.label}</TableCell>
              <CountCells count={row.count} />
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function ReachView({ reach }: { readonly reach: Reach }) {
  const { total } = reach;
  return (
    <>
      <Paragraph>
        Van {formatDateTime(reach.from)} tot {formatDateTime(reach.to)}:{' '}
        {total.signals === 1 ? '1 signaal' : `${formatNumber(total.signals)} signalen`} van
        betalingsachterstanden, waarvan {formatNumber(total.answered)} beantwoord. De gemeenten
        bereikten {formatNumber(total.reached)} {total.reached === 1 ? 'persoon' : 'personen'} (
        {formatShare(total.shareReached)} van de signalen).
      </Paragraph>
      <ReachTable
        caption="Bereik per gemeente"
        first="Gemeente"
        rows={reach.municipalities.map((row) => ({
          key: row.oin,
          label: <Party oin={row.oin} name={row.name} />,
          count: row,
        }))}
      />
      <ReachTable
        caption="Bereik per soort vaste last"
        first="Soort vaste last"
        rows={reach.vasteLasten.map((row) => ({
          key: row.vasteLast,
          label: VASTE_LAST_NL[row.vasteLast] ?? row.vasteLast,
          count: row,
        }))}
      />
    </>
  );
}

export function VroegsignaleringScreen() {
  const [period, setPeriod] = useState('90d');
  const reach = useQuery({
    queryKey: ['vroegsignalering', period],
    queryFn: () => {
      const { from, to } = periodRange(period);
      return getReach(from, to);
    },
    placeholderData: (previous) => previous,
  });
  return (
    <>
      <ScreenHeading>Vroegsignalering</ScreenHeading>
      <div className="kp-filter">
        <PeriodSelect
          id="vroegsignalering-period"
          value={period}
          onChange={setPeriod}
          offer={['7d', '30d', '90d', '365d']}
        />
      </div>
      <QueryView query={reach}>{(data) => <ReachView reach={data} />}</QueryView>
    </>
  );
}
