/**
 * Generates `packages/sdk/src/types.generated.ts`: a TypeScript type for the payload of every message
 * type, from the JSON Schemas in `packages/standard/schemas/` (json-schema-to-typescript), so the SDK's types
 * cannot drift from what the hub validates. Run `npm run generate:types` after changing a
 * schema; a test fails while the file is stale.
 *
 * The shared definitions become one type each (`Klantnummer`, `Schuldenaar`, …), every message
 * type an interface named after it (`Saldoverzoek`, `BetaalvoorstelAntwoord`, …), and
 * `MessagePayloads` maps each type name to its payload.
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
const DEFS_ID = 'https://schemas.knooppunt.nl/defs/2.0';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Points references to the shared definitions at the combined document's own `$defs`. */
function localRefs(value: Json): Json {
  if (Array.isArray(value)) return value.map(localRefs);
  if (value === null || typeof value !== 'object') return value;
  const ref = value['$ref'];
  if (typeof ref === 'string' && ref.startsWith(`${DEFS_ID}#`)) {
    // Only the reference: with sibling keywords (a property's `description`) the generator
    // would make a fresh copy of the referenced type for every use.
    return { $ref: ref.slice(DEFS_ID.length) };
  }
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] = localRefs(child);
  }
  return out;
}

const pascal = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** The TypeScript source, formatted. */
export async function generateTypes(): Promise<string> {
  const readJson = (file: string): { [key: string]: Json } =>
    JSON.parse(readFileSync(file, 'utf8')) as { [key: string]: Json };
  const defs = readJson(join(SCHEMAS, 'defs.schema.json'))['$defs'] as {
    [key: string]: Json;
  };
  const dir = join(SCHEMAS, 'messages');
  const messages = readdirSync(dir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema = readJson(join(dir, file));
      return { type: String(schema['title']), schema };
    });
  const combined = {
    title: 'MessagePayloads',
    description: 'The payload of each message type of the standard, by type name.',
    type: 'object',
    additionalProperties: false,
    required: messages.map(({ type }) => type),
    properties: Object.fromEntries(
      messages.map(({ type }) => [type, { $ref: `#/$defs/${pascal(type)}` }]),
    ),
    $defs: {
      ...(localRefs(defs) as { [key: string]: Json }),
      ...Object.fromEntries(
        messages.map(({ type, schema }) => [
          pascal(type),
          { ...(localRefs(schema) as { [key: string]: Json }), title: pascal(type) },
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
  // Formatted as the repository formats (its .prettierrc), so `prettier --check` agrees.
  const options = (await prettier.resolveConfig(GENERATED_TYPES)) ?? {};
  return prettier.format(source, { ...options, filepath: GENERATED_TYPES });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GENERATED_TYPES, await generateTypes());
  console.log(`wrote ${GENERATED_TYPES}`);
}
