/**
 * Meldingen: what needs the operator's attention now (certificates about to expire, backlogs,
 * late answers, dead letters, ledger problems, a broker that is down), most severe first.
 */
import {
  Paragraph,
  Strong,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getAlerts } from '../api.ts';
import type { Alerts } from '../api_types.ts';
import { ALERTS_KEY } from '../components/layout.tsx';
import { Party } from '../components/party.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatDateTime } from '../format.ts';

const SEVERITY_NL = { critical: 'kritiek', warning: 'waarschuwing' } as const;

function AlertList({ alerts }: { readonly alerts: Alerts }) {
  const items = [...alerts.items].sort(
    (a, b) => Number(b.severity === 'critical') - Number(a.severity === 'critical'),
  );
  return (
    <>
      <Paragraph appearance="small">Stand van {formatDateTime(alerts.at)}.</Paragraph>
      {items.length === 0 ? (
        <Paragraph>Er zijn geen meldingen.</Paragraph>
      ) : (
        <UnorderedList aria-label="Meldingen">
          {items.map((alert, index) => (
            <UnorderedListItem key={`${alert.kind}-${alert.participant ?? ''}-${index}`}>
              <Strong>{SEVERITY_NL[alert.severity]}</Strong>: {alert.text}
              {alert.participant !== undefined && (
                <>
                  {' '}
                  (deelnemer <Party oin={alert.participant} />)
                </>
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
    </>
  );
}

export function AlertsScreen() {
  const alerts = useQuery({ queryKey: ALERTS_KEY, queryFn: getAlerts, refetchInterval: 60_000 });
  return (
    <>
      <ScreenHeading>Meldingen</ScreenHeading>
      <QueryView query={alerts}>{(data) => <AlertList alerts={data} />}</QueryView>
    </>
  );
}
