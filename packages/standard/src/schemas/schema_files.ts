/**
 * Reads the standard's schema files from disk and says what each one is. The one I/O step of
 * the registry: `readSchemaFiles` walks a directory for `*.schema.json` (skipping the
 * `examples/` folder), and the pure `describeSchemaFile` checks that a message schema's `$id`,
 * `title` and file name agree, so a misnamed file fails at start-up rather than at runtime.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SchemaDocument } from './types.ts';

/** Base of every `$id` in the standard. */
export const SCHEMA_BASE = 'https://schemas.knooppunt.nl/';
/** `$id` of the envelope schema. */
export const ENVELOPE_SCHEMA_ID = `${SCHEMA_BASE}envelope/2.0`;
/** `$id` of the wire-message schema. */
export const MESSAGE_SCHEMA_ID = `${SCHEMA_BASE}message/2.0`;
/** `$id` of the shared definitions. */
export const DEFS_SCHEMA_ID = `${SCHEMA_BASE}defs/2.0`;

const MESSAGE_ID =
  /^https:\/\/schemas\.knooppunt\.nl\/berichten\/([a-z][a-z-]*)\/([0-9]+\.[0-9]+)$/;
const SCHEMA_FILE_SUFFIX = '.schema.json';
const SKIPPED_DIRS: ReadonlySet<string> = new Set(['examples']);

/** One schema file as read from disk. */
export interface SchemaFile {
  /** Absolute path of the file. */
  readonly path: string;
  /** The parsed JSON (as ajv will own it; not frozen). */
  readonly schema: Record<string, unknown>;
}

/** What a schema file is: a message type's schema, or a shared document (defs, envelope…). */
export type SchemaFileKind =
  | {
      readonly kind: 'message';
      readonly $id: string;
      readonly messageType: string;
      readonly version: string;
      readonly title: string;
      readonly description: string;
    }
  | { readonly kind: 'shared'; readonly $id: string };

/**
 * Reads every `*.schema.json` under `dir`, recursively, in a stable (sorted) order.
 *
 * @param dir - the schema directory
 * @throws Error naming the file when one is not valid JSON
 */
export function readSchemaFiles(dir: string | URL): SchemaFile[] {
  const root = typeof dir === 'string' ? dir : fileURLToPath(dir);
  return listFiles(root).map((path) => {
    try {
      return { path, schema: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
    } catch (cause) {
      throw new Error(`schema file ${path} is not valid JSON`, { cause });
    }
  });
}

/**
 * Classifies a schema file by its `$id` and checks a message schema's naming rules: `$id`
 * `https://schemas.knooppunt.nl/berichten/<type>/<version>`, `title` `<type>`, file name
 * `<type>-<version>.schema.json`, and a `description`.
 *
 * @throws Error naming the file when a rule is broken
 */
export function describeSchemaFile(file: SchemaFile): SchemaFileKind {
  const { $id, title, description } = file.schema;
  if (typeof $id !== 'string' || !$id.startsWith(SCHEMA_BASE)) {
    throw new Error(`schema file ${file.path} has no $id under ${SCHEMA_BASE}`);
  }
  const match = MESSAGE_ID.exec($id);
  if (match === null) return { kind: 'shared', $id };
  const [, messageType = '', version = ''] = match;
  const expectedName = `${messageType}-${version}${SCHEMA_FILE_SUFFIX}`;
  if (title !== messageType || basename(file.path) !== expectedName) {
    throw new Error(
      `schema file ${file.path} must be named ${expectedName} with title ${messageType}`,
    );
  }
  if (typeof description !== 'string' || description === '') {
    throw new Error(`schema file ${file.path} has no description`);
  }
  return { kind: 'message', $id, messageType, version, title, description };
}

/**
 * A deeply frozen copy of a JSON document, safe to hand out (ajv keeps the original).
 *
 * @param value - parsed JSON
 */
export function frozenCopy(value: Record<string, unknown>): SchemaDocument {
  return deepFreeze(structuredClone(value));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : listFiles(path);
    return entry.isFile() && entry.name.endsWith(SCHEMA_FILE_SUFFIX) ? [path] : [];
  });
}
