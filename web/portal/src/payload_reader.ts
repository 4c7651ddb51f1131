/**
 * A message's payload as something a person reads: walks the payload along its (bundled)
 * schema and answers a tree of labelled fields, groups, tables and lists, every value already
 * in Dutch. Labels are the schema's `title` where it gives one, else the property name made
 * readable (`klantnummerSchuldhulpverlener` → "Klantnummer schuldhulpverlener"); enum values
 * likewise; amounts (`bedragCent`, or an integer "in cents") in euros; dates as
 * `30 november 2026`; booleans Ja/Nee; an attached file by name and size, never its base64.
 * Pure: the screen renders the tree.
 */
import {
  formatBytes,
  formatCalendarDate,
  formatDateTime,
  formatEuroCents,
  readableName,
} from '../../shared/format.ts';
import type { JsonSchema } from './api_types.ts';

/** One node of the readable payload. */
export type ReadNode =
  | { readonly kind: 'field'; readonly label: string; readonly text: string }
  | { readonly kind: 'group'; readonly label: string; readonly children: readonly ReadNode[] }
  | {
      readonly kind: 'table';
      readonly label: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'list'; readonly label: string; readonly items: readonly string[] };

type Schema = Readonly<Record<string, unknown>>;

/** A subschema with its `$ref` followed (siblings win), and the name of the definition. */
interface Resolved {
  readonly schema: Schema;
  readonly def?: string;
}

const LOCAL_REF = /^#\/\$defs\/(.+)$/;

function resolve(root: JsonSchema, schema: Schema | undefined, depth = 0): Resolved {
  if (schema === undefined) return { schema: {} };
  const ref = schema['$ref'];
  const match = typeof ref === 'string' ? LOCAL_REF.exec(ref) : null;
  if (match === null || depth > 20) return { schema };
  const name = match[1] ?? '';
  const target = (root['$defs'] as Record<string, Schema> | undefined)?.[name];
  const inner = resolve(root, target, depth + 1);
  const { $ref: _ref, ...siblings } = schema;
  return { schema: { ...inner.schema, ...siblings }, def: inner.def ?? name };
}

/** The label of property `key`: its title, else its name made readable. */
export function labelOf(key: string, schema: Schema): string {
  const title = schema['title'];
  return typeof title === 'string' && title.trim() !== '' ? title : readableName(key);
}

function isAmount({ schema, def }: Resolved): boolean {
  if (def === 'bedragCent') return true;
  const description = schema['description'];
  return (
    schema['type'] === 'integer' &&
    typeof description === 'string' &&
    /\bin (euro )?cents\b/i.test(description)
  );
}

/** A primitive value in Dutch, as its schema says to read it. */
export function formatValue(value: unknown, resolved: Resolved): string {
  const { schema, def } = resolved;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nee';
  if (typeof value === 'number') {
    if (isAmount(resolved)) return formatEuroCents(value);
    return new Intl.NumberFormat('nl-NL').format(value);
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  if (Array.isArray(schema['enum'])) return readableName(value);
  if (schema['contentEncoding'] === 'base64') {
    // Base64: 4 characters carry 3 bytes, less the padding.
    const bytes = Math.floor((value.length * 3) / 4) - (value.match(/=+$/)?.[0].length ?? 0);
    return `bestand van ${formatBytes(bytes)}`;
  }
  if (schema['format'] === 'date') return formatCalendarDate(value);
  if (schema['format'] === 'date-time' && !Number.isNaN(Date.parse(value))) {
    return formatDateTime(value);
  }
  if (def === 'percentage') return `${value.replace('.', ',')}%`;
  if (def === 'iban') return value.replace(/(.{4})(?=.)/g, '$1 ');
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The properties of an object schema, with those of `allOf`/`then`/`else` parts added. */
function propertiesOf(root: JsonSchema, schema: Schema): Record<string, Schema> {
  const own = (schema['properties'] ?? {}) as Record<string, Schema>;
  const parts = [
    ...((schema['allOf'] ?? []) as Schema[]),
    ...(['then', 'else'] as const).map((key) => schema[key] as Schema | undefined),
  ].filter((part): part is Schema => part !== undefined);
  const all: Record<string, Schema> = { ...own };
  for (const part of parts) {
    for (const [key, value] of Object.entries(propertiesOf(root, resolve(root, part).schema))) {
      if (!(key in all)) all[key] = value; // the object's own definition wins
    }
  }
  return all;
}

/** The readable nodes of an object: known properties in schema order, then any others. */
export function readObject(
  root: JsonSchema,
  schema: Schema,
  value: Readonly<Record<string, unknown>>,
): ReadNode[] {
  const properties = propertiesOf(root, schema);
  const keys = [
    ...Object.keys(properties).filter((key) => key in value),
    ...Object.keys(value).filter((key) => !(key in properties)),
  ];
  return keys.map((key) => readNode(root, key, properties[key], value[key]));
}

function readNode(
  root: JsonSchema,
  key: string,
  raw: Schema | undefined,
  value: unknown,
): ReadNode {
  const resolved = resolve(root, raw);
  const label = labelOf(key, raw ?? {});
  if (isRecord(value)) {
    return { kind: 'group', label, children: readObject(root, resolved.schema, value) };
  }
  if (Array.isArray(value)) return readArray(root, label, resolved.schema, value);
  return { kind: 'field', label, text: formatValue(value, resolved) };
}

function readArray(
  root: JsonSchema,
  label: string,
  schema: Schema,
  values: readonly unknown[],
): ReadNode {
  const items = resolve(root, schema['items'] as Schema | undefined);
  if (!values.every(isRecord)) {
    return { kind: 'list', label, items: values.map((v) => formatValue(v, items)) };
  }
  const properties = propertiesOf(root, items.schema);
  const flat = values.every((row) =>
    Object.values(row).every((cell) => cell === null || typeof cell !== 'object'),
  );
  if (!flat) {
    return {
      kind: 'group',
      label,
      children: values.map((row, index) => ({
        kind: 'group',
        label: `${label} ${index + 1}`,
        children: readObject(root, items.schema, row),
      })),
    };
  }
  const keys = [
    ...Object.keys(properties).filter((key) => values.some((row) => key in row)),
    ...[...new Set(values.flatMap((row) => Object.keys(row)))].filter((k) => !(k in properties)),
  ];
  return {
    kind: 'table',
    label,
    columns: keys.map((key) => labelOf(key, properties[key] ?? {})),
    rows: values.map((row) =>
      keys.map((key) => (key in row ? formatValue(row[key], resolve(root, properties[key])) : '—')),
    ),
  };
}

/** The readable payload of a message, along its bundled schema. */
export function readPayload(schema: JsonSchema, payload: Readonly<Record<string, unknown>>) {
  return readObject(schema, schema, payload);
}
