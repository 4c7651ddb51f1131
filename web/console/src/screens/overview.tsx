/**
 * Overzicht: the hub at a glance for a chosen period: throughput, counts by module, type and
 * status, the health of ledger, broker and relay, and the live flow of ledger events.
 */
import {
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getOverview } from '../api.ts';
import type { Overview } from '../api_types.ts';
import { EmptyRow } from '../../../shared/components/empty_row.tsx';
import { FactList } from '../../../shared/components/fact_list.tsx';
import { LiveFlow } from '../components/live_flow.tsx';
import { PeriodSelect } from '../components/period_select.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { TableScroll } from '../../../shared/components/table_scroll.tsx';
import { ThroughputChart } from '../components/throughput_chart.tsx';
import { MESSAGE_STATUS_NL, formatDateTime, formatNumber, periodRange } from '../format.ts';

const OVERVIEW_KEY = 'overview';
/** How often the figures refresh while the screen is open. */
const REFRESH_MS = 10_000;

function reachable(up: boolean): string {
  return up ? 'bereikbaar' : 'niet bereikbaar';
}

function Health({ health }: { readonly health: Overview['health'] }) {
  const { ledger, broker, relay } = health;
  const brokerText =
    broker === undefined
      ? 'niet in gebruik (AMQP staat uit)'
      : `${reachable(broker.up)}${
          broker.deadLetters !== undefined
            ? `, ${formatNumber(broker.deadLetters)} dode berichten`
            : ''
        }`;
  const relayText =
    `${formatNumber(relay.outbox)} berichten in de uitgaande wachtrij` +
    (relay.oldest !== undefined ? `, oudste van ${formatDateTime(relay.oldest)}` : '');
  return (
    <FactList
      facts={[
        ['Grootboek', `${reachable(ledger.up)} (${ledger.kind})`],
        ['Broker', brokerText],
        ['Relay', relayText],
      ]}
    />
  );
}

function Counts({ counts }: { readonly counts: Overview['counts'] }) {
  return (
    <TableScroll label="Aantallen per module, type en status">
      <Table>
        <TableCaption>Aantallen per module, type en status</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Module</TableHeaderCell>
            <TableHeaderCell scope="col">Berichttype</TableHeaderCell>
            <TableHeaderCell scope="col">Status</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>
              Aantal
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {counts.length === 0 && <EmptyRow columns={4} text="Geen berichten in deze periode." />}
          {counts.map((c) => (
            <TableRow key={`${c.module}/${c.messageType}/${c.status}`}>
              <TableCell>{c.module}</TableCell>
              <TableCell>{c.messageType}</TableCell>
              <TableCell>{MESSAGE_STATUS_NL[c.status]}</TableCell>
              <TableCell className="kp-number">{formatNumber(c.count)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

function Figures({ overview }: { readonly overview: Overview }) {
  return (
    <>
      <Paragraph>
        Van {formatDateTime(overview.from)} tot {formatDateTime(overview.to)}:{' '}
        {formatNumber(overview.total)} {overview.total === 1 ? 'bericht' : 'berichten'} ontvangen en{' '}
        {formatNumber(overview.rejected)} afgewezen.
      </Paragraph>
      <section aria-labelledby="kp-throughput">
        <Heading level={2} id="kp-throughput">
          Doorvoer
        </Heading>
        <ThroughputChart from={overview.from} to={overview.to} throughput={overview.throughput} />
      </section>
      <section aria-labelledby="kp-counts">
        <Heading level={2} id="kp-counts">
          Aantallen
        </Heading>
        <Counts counts={overview.counts} />
      </section>
      <section aria-labelledby="kp-health">
        <Heading level={2} id="kp-health">
          Gezondheid
        </Heading>
        <Health health={overview.health} />
      </section>
    </>
  );
}

export function OverviewScreen() {
  const client = useQueryClient();
  const [period, setPeriod] = useState('24h');
  const overview = useQuery({
    queryKey: [OVERVIEW_KEY, period],
    // The window ends now at each fetch, so a refresh moves it along.
    queryFn: () => {
      const { from, to } = periodRange(period);
      return getOverview(from, to);
    },
    placeholderData: (previous) => previous,
  });

  // A message arrived or was refused: count again, at most once a second.
  const pending = useRef<number | undefined>(undefined);
  const recount = useCallback(() => {
    if (pending.current !== undefined) return;
    pending.current = window.setTimeout(() => {
      pending.current = undefined;
      void client.invalidateQueries({ queryKey: [OVERVIEW_KEY] });
    }, 1000);
  }, [client]);
  useEffect(() => () => window.clearTimeout(pending.current), []);

  useEffect(() => {
    const timer = window.setInterval(() => {
      void client.invalidateQueries({ queryKey: [OVERVIEW_KEY] });
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [client]);

  return (
    <>
      <ScreenHeading>Overzicht</ScreenHeading>
      <div className="kp-filter">
        <PeriodSelect
          id="overview-period"
          value={period}
          onChange={setPeriod}
          offer={['1h', '24h', '7d']}
        />
      </div>
      <QueryView query={overview}>{(data) => <Figures overview={data} />}</QueryView>
      <section aria-labelledby="kp-flow">
        <Heading level={2} id="kp-flow">
          Live berichtenstroom
        </Heading>
        <LiveFlow labelledBy="kp-flow" onMessage={recount} />
      </section>
    </>
  );
}
