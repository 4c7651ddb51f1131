/**
 * The standard's names as the portal shows them: message types and modules as Dutch words
 * (`saldoverzoek-antwoord` → "Saldoverzoek antwoord"), unread counts in words.
 */
import { formatNumber, readableName } from '../../shared/format.ts';

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
