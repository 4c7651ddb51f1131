/**
 * A participant shown by name with its OIN, where the console knows the name (from the
 * participants list, fetched once and shared); otherwise just the OIN.
 */
import { useQuery } from '@tanstack/react-query';
import { getParticipants } from '../api.ts';

export const PARTICIPANTS_KEY = ['participants'] as const;

/** Names by OIN; empty while loading or when the list cannot be read. */
export function useParticipantNames(): ReadonlyMap<string, string> {
  const query = useQuery({
    queryKey: PARTICIPANTS_KEY,
    queryFn: getParticipants,
    staleTime: 60_000,
  });
  const items = query.data?.items ?? [];
  return new Map(items.map((p) => [p.oin, p.name]));
}

export function Party({ oin, name }: { readonly oin: string | undefined; readonly name?: string }) {
  const names = useParticipantNames();
  if (oin === undefined || oin === '') return <>—</>;
  const known = name ?? names.get(oin);
  if (known === undefined) return <span className="kp-oin">{oin}</span>;
  return (
    <>
      {known} <span className="kp-oin">({oin})</span>
    </>
  );
}
