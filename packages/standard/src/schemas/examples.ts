/**
 * Realistic payloads, taken from the standard's own valid examples
 * (`schemas/examples/<type>-<version>/valid-*.json` of this package): for tests, the demo and vendors' first steps,
 * so none of them can drift from the schemas.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { compareVersions } from '../catalogue/catalogue.ts';

const ROOT = new URL('../../schemas/examples/', import.meta.url);
/** The parsed examples, read once per file (the demo asks about a hundred times). */
const parsed = new Map<string, Readonly<Record<string, unknown>>>();

/** The example in `file` of `folder`, parsed once. */
function read(folder: URL, file: string): Readonly<Record<string, unknown>> {
  const url = new URL(file, folder).href;
  let payload = parsed.get(url);
  if (payload === undefined) {
    payload = JSON.parse(readFileSync(new URL(url), 'utf8')) as Record<string, unknown>;
    parsed.set(url, payload);
  }
  return payload;
}

/** The versions that have examples of `messageType`, oldest first. */
function exampleVersions(messageType: string): string[] {
  const prefix = `${messageType}-`;
  return readdirSync(ROOT)
    .filter(
      (entry) => entry.startsWith(prefix) && /^[0-9]+\.[0-9]+$/.test(entry.slice(prefix.length)),
    )
    .map((entry) => entry.slice(prefix.length))
    .sort(compareVersions);
}

/**
 * A deep copy of a valid example payload of `messageType`; `name` picks one (default: the
 * first). BSNs are removed unless `keepBsn`, since most recipients may not receive one.
 * `version` picks the standard's version (default: the oldest the type has examples of, 2.0
 * where it has them).
 */
export function examplePayload(
  messageType: string,
  name?: string,
  options: { keepBsn?: boolean; version?: string } = {},
): Record<string, unknown> {
  const version = options.version ?? exampleVersions(messageType)[0] ?? '2.0';
  const folder = new URL(`${messageType}-${version}/`, ROOT);
  const files = readdirSync(folder)
    .filter((file) => file.startsWith('valid-'))
    .sort();
  const file = name === undefined ? files[0] : files.find((candidate) => candidate.includes(name));
  if (file === undefined) throw new Error(`no valid example ${name ?? ''} for ${messageType}`);
  const payload = structuredClone(read(folder, file)) as Record<string, unknown>;
  if (options.keepBsn !== true) {
    for (const person of ['schuldenaar', 'partner'])
      delete (payload[person] as Record<string, unknown> | undefined)?.['bsn'];
  }
  return payload;
}
