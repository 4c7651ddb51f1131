/**
 * Grootboek: which ledger the hub keeps, when its hash chain was last verified (and by whom,
 * with what result) and its last seal (a Merkle root over a batch of events).
 */
import { Code, Heading, Paragraph } from '@utrecht/component-library-react';
import { useQuery } from '@tanstack/react-query';
import { getLedger } from '../api.ts';
import type { LedgerStatus } from '../api_types.ts';
import { FactList } from '../../../shared/components/fact_list.tsx';
import { QueryView } from '../../../shared/components/query_view.tsx';
import { ScreenHeading } from '../../../shared/components/screen_heading.tsx';
import { formatDateTime, formatNumber } from '../format.ts';

function Verification({ check }: { readonly check: LedgerStatus['lastVerification'] }) {
  if (check === undefined) {
    return (
      <Paragraph>
        Nog niet gecontroleerd. Voer <Code>knooppunt ledger verify</Code> uit.
      </Paragraph>
    );
  }
  return (
    <FactList
      facts={[
        ['Gecontroleerd op', formatDateTime(check.at)],
        ['Door', check.operator ?? 'onbekend'],
        ['Uitkomst', check.ok ? 'in orde' : 'fout gevonden'],
        ['Gebeurtenissen', formatNumber(check.events)],
        ['Zegels', formatNumber(check.seals)],
        ['Problemen', formatNumber(check.problems)],
      ]}
    />
  );
}

function Seal({ seal }: { readonly seal: LedgerStatus['lastSeal'] }) {
  if (seal === undefined) return <Paragraph>Er is nog geen zegel gezet.</Paragraph>;
  return (
    <FactList
      facts={[
        ['Batch', formatNumber(seal.batch)],
        ['Gezet op', formatDateTime(seal.sealedAt)],
        ['Merkle-wortel', <Code className="kp-break">{seal.root}</Code>],
      ]}
    />
  );
}

function LedgerView({ ledger }: { readonly ledger: LedgerStatus }) {
  return (
    <>
      <FactList facts={[['Soort grootboek', ledger.kind]]} />
      <section aria-labelledby="kp-verification">
        <Heading level={2} id="kp-verification">
          Laatste controle
        </Heading>
        <Verification check={ledger.lastVerification} />
      </section>
      <section aria-labelledby="kp-seal">
        <Heading level={2} id="kp-seal">
          Laatste zegel
        </Heading>
        <Seal seal={ledger.lastSeal} />
      </section>
    </>
  );
}

export function LedgerScreen() {
  const ledger = useQuery({ queryKey: ['ledger'], queryFn: getLedger });
  return (
    <>
      <ScreenHeading>Grootboek</ScreenHeading>
      <QueryView query={ledger}>{(data) => <LedgerView ledger={data} />}</QueryView>
    </>
  );
}
