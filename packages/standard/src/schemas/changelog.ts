/**
 * The changelog of the standard (`schemas/CHANGELOG.md`, Keep a Changelog): what each version
 * added or changed. Shipped with the schemas and served with them (`GET /v1/schemas/changelog`).
 */
import { readFileSync } from 'node:fs';

/** Where the changelog lies: next to the schemas, in the source tree and in the package. */
export const CHANGELOG_URL = new URL('../../schemas/CHANGELOG.md', import.meta.url);

/**
 * The changelog's Markdown text.
 *
 * @param file - the file to read @defaultValue the standard's own `schemas/CHANGELOG.md`
 * @throws Error when the file cannot be read (a package shipped without it)
 */
export function readChangelog(file: string | URL = CHANGELOG_URL): string {
  return readFileSync(file, 'utf8');
}

/** The versions the changelog has a section for (`## 2.1`), newest first as written. */
export function changelogVersions(markdown: string): string[] {
  return [...markdown.matchAll(/^## ([0-9]+\.[0-9]+)\s*$/gm)].map((match) => match[1] as string);
}
