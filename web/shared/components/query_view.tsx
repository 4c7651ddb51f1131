/**
 * What a screen shows while its data loads or when loading failed (the hub's problem `detail`
 * in an error Alert), and otherwise the data itself.
 */
import { Alert, Paragraph } from '@utrecht/component-library-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { errorText } from '../api.ts';

export interface QueryViewProps<T> {
  readonly query: UseQueryResult<T>;
  readonly children: (data: T) => ReactNode;
}

export function QueryView<T>({ query, children }: QueryViewProps<T>) {
  if (query.isPending) return <Paragraph aria-busy="true">Bezig met laden…</Paragraph>;
  if (query.isError) return <ErrorAlert error={query.error} />;
  return <>{children(query.data)}</>;
}

/** A failure as an error Alert, in the hub's own words. */
export function ErrorAlert({ error }: { readonly error: unknown }) {
  return (
    <Alert type="error">
      <Paragraph>{errorText(error)}</Paragraph>
    </Alert>
  );
}
