/**
 * A definition list of label/value pairs (Utrecht DataList), for the facts of one thing: a
 * message, a dossier, the ledger's last check.
 */
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** One fact: its Dutch label and its value; facts whose value is undefined are left out. */
export type Fact = readonly [label: string, value: ReactNode | undefined];

export function FactList({
  facts,
  label,
}: {
  readonly facts: readonly Fact[];
  readonly label?: string;
}) {
  return (
    <DataList aria-label={label}>
      {facts
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
    </DataList>
  );
}
