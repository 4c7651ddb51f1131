/**
 * Reading a JSON document at an RFC 6901 JSON pointer: the one reader the hub (the fields it
 * reads from a payload, the catalogue's `hubReads`; the postcode of a signal) and the SKP
 * mappings' declarations (where each element lands) share.
 */

/**
 * The value at RFC 6901 `pointer` in `document`, or `undefined` when there is none. The empty
 * pointer is the whole document; `~1` in a token is `/` and `~0` is `~` (§4).
 */
export function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    // Decoded in this order, so that `~01` is `~1`, not `/`.
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
