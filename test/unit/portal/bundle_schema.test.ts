/**
 * The bundled schema the portal hands the browser validates exactly what the standard's own
 * schemas validate: for every example under `schemas/examples/` (valid and invalid), and for
 * variants of each valid one with a top-level property left out or given a value of the wrong
 * type, the bundled schema — compiled alone, with no other document to resolve against — accepts
 * and rejects the same documents with the same errors (instance path and keyword) as the
 * originals compiled together, with the registry's formats (oin, bsn, iban among them).
 */
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import {
  createSchemaRegistry,
  isValidBsn,
  isValidIban,
  isValidOin,
  readSchemaFiles,
} from '@knooppunt/standard';
import { bundleSchema } from '../../../src/portal/bundle_schema.ts';
import type { JsonSchema } from '../../../src/portal/bundle_schema.ts';
import { readExampleFolders } from '../schemas/example_files.ts';

const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

/** An Ajv as the registry sets one up: strict, every error, the standard's formats. */
function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv, ['date', 'date-time', 'email', 'uuid']);
  ajv.addFormat('oin', { type: 'string', validate: isValidOin });
  ajv.addFormat('bsn', { type: 'string', validate: isValidBsn });
  ajv.addFormat('iban', { type: 'string', validate: isValidIban });
  return ajv;
}

/** What a validator says about a document: accepted, or its errors (pointer and keyword). */
function verdict(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  const errors = (validate.errors ?? []) as ErrorObject[];
  return [...new Set(errors.map((e) => `${e.instancePath} ${e.keyword}`))].sort();
}

/** The document itself and variants: each top-level property left out, or of the wrong type. */
function variants(document: unknown): unknown[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return [document];
  }
  const record = document as Record<string, unknown>;
  const out: unknown[] = [document];
  for (const key of Object.keys(record)) {
    const { [key]: _left, ...without } = record;
    out.push(without);
    out.push({ ...record, [key]: typeof record[key] === 'string' ? 12 : 'x' });
  }
  return out;
}

/** Every `$ref` in a schema. */
function refsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsOf);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [value] : refsOf(value),
  );
}

describe('portal: a message schema bundled with its definitions for the browser', () => {
  const registry = createSchemaRegistry();
  const lookup = (id: string) => registry.getSchema(id);
  const original = newAjv();
  // Every document of the standard: each version's shared definitions (defs 2.0, defs 2.1…),
  // the envelope, the wire form and every message schema at every version.
  const ids = readSchemaFiles(new URL('../../../packages/standard/schemas/', import.meta.url)).map(
    (file) => String(file.schema['$id']),
  );
  for (const id of ids) original.addSchema(registry.getSchema(id) as JsonSchema);

  /** The registry's $id for an example folder's target. */
  const idOf = (target: ReturnType<typeof readExampleFolders>[number]['target']): string => {
    if (target.kind !== 'payload') return `https://schemas.knooppunt.nl/${target.kind}/2.0`;
    const info = registry
      .listMessageSchemas()
      .find((i) => i.messageType === target.messageType && i.version === target.version);
    if (info === undefined) throw new Error(`no schema for ${target.messageType}`);
    return info.$id;
  };

  for (const { folder, target, examples } of readExampleFolders()) {
    it(`${folder}: the bundle stands alone and judges every example as the original does`, () => {
      const id = idOf(target);
      const bundled = bundleSchema(registry.getSchema(id) as JsonSchema, lookup);
      expect(refsOf(bundled).filter((ref) => !ref.startsWith('#/$defs/'))).to.deep.equal([]);
      // Alone in its own Ajv: a reference it did not bring along would fail to compile.
      const alone = newAjv().compile(bundled);
      const before = original.getSchema(id);
      if (before === undefined) throw new Error(`no compiled schema ${id}`);
      let judged = 0;
      for (const example of examples) {
        for (const document of variants(example.document)) {
          const expected = verdict(before, document);
          expect(verdict(alone, document), `${example.file}`).to.deep.equal(expected);
          judged += 1;
        }
        // The message schema leaves the payload to the payload's own schema.
        if (target.kind !== 'message') {
          expect(verdict(alone, example.document).length === 0, example.file).to.equal(
            example.kind === 'valid',
          );
        }
      }
      expect(judged).to.be.greaterThan(examples.length);
    });
  }

  it('keeps a schema that references nothing as it is, and refuses an unknown document', () => {
    const plain = { $id: 'https://example.test/plain', type: 'object' };
    expect(bundleSchema(plain, lookup)).to.deep.equal(plain);
    expect(() =>
      bundleSchema(
        { $id: 'https://example.test/a', $ref: 'https://example.test/b#/$defs/x' },
        lookup,
      ),
    ).to.throw(/no schema https:\/\/example.test\/b/);
  });

  it('copies each definition once and only those reached', () => {
    const bundled = bundleSchema(
      registry.getSchema('https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0') as JsonSchema,
      lookup,
    );
    const defs = Object.keys(bundled['$defs'] as object);
    expect(defs).to.include.members(['klantnummer', 'bedragCent', 'persoon', 'datum']);
    expect(defs).not.to.include('betaalmoment');
    expect(new Set(defs).size).to.equal(defs.length);
  });
});
