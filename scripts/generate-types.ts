/**
 * Generates `packages/sdk/src/types.generated.ts`: a TypeScript type for the payload of every message
 * type, from the JSON Schemas in `packages/standard/schemas/` (json-schema-to-typescript), so the SDK's types
 * cannot drift from what the hub validates. Run `npm run generate:types` after changing a
 * schema; a test fails while the file is stale.
 *
 * The standard has several versions side by side (2.0 and 2.1). The shared definitions become
 * one type each (`Klantnummer`, `Schuldenaar`, …; those of defs 2.1 with a suffix,
 * `BijlageV21`), every message type at 2.0 an interface named after it (`Saldoverzoek`,
 * `BetaalvoorstelAntwoord`, …) and at a later version with the version as suffix
 * (`SaldoverzoekV21`). `MessagePayloads` maps each type name to its payload at its default
 * version — its oldest, 2.0 where the type has it, the version every participant takes — and
 * `VersionedPayloads` maps each version to the payloads of the types it has.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';
import * as prettier from 'prettier';
import type { JSONSchema } from 'json-schema-to-typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_TYPES = join(ROOT, 'packages', 'sdk', 'src', 'types.generated.ts');
/** The standard's JSON Schemas. */
const SCHEMAS = join(ROOT, 'packages', 'standard', 'schemas');
/** The shared definitions of each version: `defs.schema.json` is 2.0's. */
const DEFS_FILE = /^defs(?:-([0-9]+\.[0-9]+))?\.schema\.json$/;
const MESSAGE_ID = /\/berichten\/([a-z][a-z-]*)\/([0-9]+\.[0-9]+)$/;
/** The version whose names carry no suffix: the standard's first. */
const FIRST_VERSION = '2.0';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const pascal = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The suffix of a version's names: none for 2.0, `V21` for 2.1. */
const suffix = (version: string): string =>
  version === FIRST_VERSION ? '' : `V${version.replace('.', '')}`;

/** Orders versions numerically (`2.9` before `2.10`). */
const byVersion = (a: string, b: string): number => {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
};

/**
 * Points every reference at the combined document's own `$defs`: an absolute one to a version's
 * shared definitions at that version's name (`defs/2.1#/$defs/bijlage` → `#/$defs/bijlageV21`),
 * a local one (`#/$defs/x`) at the name `local` gives it.
 */
function localRefs(
  value: Json,
  defsIds: ReadonlyMap<string, string>,
  local: (name: string) => string,
): Json {
  if (Array.isArray(value)) return value.map((child) => localRefs(child, defsIds, local));
  if (value === null || typeof value !== 'object') return value;
  const ref = value['$ref'];
  if (typeof ref === 'string') {
    // Only the reference: with sibling keywords (a property's `description`) the generator
    // would make a fresh copy of the referenced type for every use.
    const [base = '', pointer = ''] = ref.split('#');
    const defs = /^\/\$defs\/([^/]+)(.*)$/.exec(pointer);
    if (defs !== null) {
      const [, name = '', rest = ''] = defs;
      const version = defsIds.get(base);
      if (base === '') return { $ref: `#/$defs/${local(name)}${rest}` };
      if (version !== undefined) return { $ref: `#/$defs/${name}${suffix(version)}${rest}` };
    }
  }
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || key === '$id' || key === '$defs') continue;
    out[key] = localRefs(child, defsIds, local);
  }
  return out;
}

/** A message schema as read: its type, version and the name of its payload type. */
interface MessageSchema {
  readonly type: string;
  readonly version: string;
  readonly name: string;
  readonly schema: JsonObject;
}

/** The TypeScript source, formatted. */
export async function generateTypes(): Promise<string> {
  const readJson = (file: string): JsonObject =>
    JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
  const sharedFiles = readdirSync(SCHEMAS)
    .map((file) => ({ file, match: DEFS_FILE.exec(file) }))
    .filter((entry) => entry.match !== null)
    .map(({ file, match }) => ({
      version: match?.[1] ?? FIRST_VERSION,
      schema: readJson(join(SCHEMAS, file)),
    }))
    .sort((a, b) => byVersion(a.version, b.version));
  const defsIds = new Map(
    sharedFiles.map(({ version, schema }) => [String(schema['$id']), version]),
  );
  const dir = join(SCHEMAS, 'messages');
  const messages: MessageSchema[] = readdirSync(dir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema = readJson(join(dir, file));
      const [, type = '', version = ''] = MESSAGE_ID.exec(String(schema['$id'])) ?? [];
      return { type, version, name: `${pascal(type)}${suffix(version)}`, schema };
    });
  const versions = [...new Set(messages.map((message) => message.version))].sort(byVersion);
  /** Each type at its default version: the oldest it has. */
  const defaults = new Map<string, MessageSchema>();
  for (const message of [...messages].sort((a, b) => byVersion(a.version, b.version))) {
    if (!defaults.has(message.type)) defaults.set(message.type, message);
  }
  const types = [...defaults.keys()].sort();
  const sharedDefs = sharedFiles.flatMap(({ version, schema }) =>
    Object.entries(schema['$defs'] as JsonObject).map(([name, def]) => [
      `${name}${suffix(version)}`,
      localRefs(def, defsIds, (local) => `${local}${suffix(version)}`),
    ]),
  );
  // A message schema's own `$defs` move to the combined document, named after the message.
  const messageDefs = messages.flatMap(({ name, schema }) =>
    Object.entries((schema['$defs'] ?? {}) as JsonObject).map(([local, def]) => [
      `${name}${pascal(local)}`,
      localRefs(def, defsIds, (other) => `${name}${pascal(other)}`),
    ]),
  );
  const combined = {
    title: 'MessagePayloads',
    description:
      'The payload of each message type of the standard at its default version (its oldest: 2.0 where it has it), by type name.',
    type: 'object',
    additionalProperties: false,
    required: types,
    properties: Object.fromEntries(
      types.map((type) => [type, { $ref: `#/$defs/${defaults.get(type)?.name ?? ''}` }]),
    ),
    $defs: {
      ...Object.fromEntries(sharedDefs),
      ...Object.fromEntries(messageDefs),
      ...Object.fromEntries(
        messages.map(({ name, schema }) => [
          name,
          {
            ...(localRefs(schema, defsIds, (local) => `${name}${pascal(local)}`) as JsonObject),
            title: name,
          },
        ]),
      ),
    },
  };
  const source = await compile(combined as unknown as JSONSchema, 'MessagePayloads', {
    bannerComment: [
      '/* Generated from @knooppunt/standard/schemas/ by scripts/generate-types.ts (npm run generate:types). */',
      '/* Do not edit: a test fails when this file does not match the schemas. */',
    ].join('\n'),
    additionalProperties: false,
    unreachableDefinitions: true,
    format: false,
  });
  const versioned = [
    '/** The payload of each message type at each version of the standard that has it. */',
    'export interface VersionedPayloads {',
    ...versions.map((version) => {
      const at = messages.filter((message) => message.version === version);
      return `'${version}': { ${at.map(({ type, name }) => `'${type}': ${name};`).join(' ')} };`;
    }),
    '}',
    '',
  ].join('\n');
  // Formatted as the repository formats (its .prettierrc), so `prettier --check` agrees.
  const options = (await prettier.resolveConfig(GENERATED_TYPES)) ?? {};
  return prettier.format(`${source}\n${versioned}`, { ...options, filepath: GENERATED_TYPES });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_TYPES, await generateTypes());
  console.log(`wrote ${GENERATED_TYPES}`);
}
