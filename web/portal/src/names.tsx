/**
 * The standard's names as the portal shows them: message types and modules as Dutch words
 * (`saldoverzoek-antwoord` → "Saldoverzoek antwoord"), unread counts in words.
 */
import { useQuery } from '@tanstack/react-query';
import { formatNumber, readableName } from '../../shared/format.ts';
import { getDirectory } from './send/send_api.ts';

/** A message type as a title: `saldoverzoek` → "Saldoverzoek". */
export function messageTypeName(messageType: string): string {
  return readableName(messageType);
}

/** A module: `schuldinventarisatie` → "Schuldinventarisatie". */
export function moduleName(module: string): string {
  return readableName(module);
}

/** `1 ongelezen bericht`, `3 ongelezen berichten`. */
export function unreadText(count: number): string {
  return count === 1 ? '1 ongelezen bericht' : `${formatNumber(count)} ongelezen berichten`;
}

/**
 * A participant's name from the directory (`GET /v1/portal/directory`, read once a minute at
 * most), with its OIN for the screen reader's "who exactly"; the OIN alone until it is known.
 */
export function ParticipantName({ oin }: { readonly oin: string }) {
  const directory = useQuery({
    queryKey: ['directory'],
    queryFn: getDirectory,
    staleTime: 60_000,
  });
  const name = directory.data?.find((entry) => entry.oin === oin)?.name;
  return name === undefined ? (
    <span className="kp-oin">{oin}</span>
  ) : (
    <span title={`OIN ${oin}`}>{name}</span>
  );
}
