/**
 * What the hub reads from a payload it accepts, as the catalogue declares per type (`hubReads`):
 * categories from a closed list, such as the outcome of a signal (`bereikt`), kept as the
 * message's metadata for operators' figures after the payload is dropped. Never personal data:
 * the catalogue names only fields whose schema is an enum. In the coming sealed mode, where the
 * hub cannot read the payload, such a field would have to move to the envelope.
 */
import { valueAt } from '@knooppunt/standard';
import type { MessageTypeSpec, Payload } from '@knooppunt/standard';

/** The metadata the hub keeps of a message of `spec`: each declared field that holds a string. */
export function hubMetadata(
  spec: Pick<MessageTypeSpec, 'hubReads'>,
  payload: Payload,
): Readonly<Record<string, string>> | undefined {
  const read: Record<string, string> = {};
  for (const [name, pointer] of spec.hubReads) {
    const value = valueAt(payload, pointer);
    if (typeof value === 'string') read[name] = value;
  }
  return Object.keys(read).length === 0 ? undefined : Object.freeze(read);
}
