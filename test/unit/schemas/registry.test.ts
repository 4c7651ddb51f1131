import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import {
  createSchemaRegistry,
  MESSAGE_TYPE_SPECS,
  MESSAGE_TYPES,
  MODULES,
  SchemaError,
} from '@knooppunt/standard';
import type { Envelope } from '@knooppunt/standard';
import { EXAMPLES_DIR } from './example_files.ts';

const SCHEMA_DIR = fileURLToPath(new URL('../../../packages/standard/schemas/', import.meta.url));

/** Every message type of the catalogue has a schema at version 2.0. */
/** The types of standard 2.0: every type but those new in 2.1 (vroegsignalering). */
const TYPES_2_0 = MESSAGE_TYPES.filter((type) =>
  MESSAGE_TYPE_SPECS.get(type)?.versions.includes('2.0'),
);

function example(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, path), 'utf8')) as Record<string, unknown>;
}

function thrown(fn: () => unknown): SchemaError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  expect.fail('expected a SchemaError');
}

/** A copy of the schema directory (without examples) that a test may change. */
function scratchSchemaDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-schemas-'));
  cpSync(SCHEMA_DIR, dir, { recursive: true, filter: (src) => !src.includes('/examples') });
  return dir;
}

describe('schemas/registry', () => {
  const registry = createSchemaRegistry();
  const kennisgeving = example('kennisgeving-2.0/valid-met-bsn-voor-publieke-schuldeiser.json');
  const envelope = example('envelope/valid-saldoverzoek.json');
  const message = example('message/valid-saldoverzoek.json');

  describe('loading', () => {
    it('compiles every schema in strict mode and lists at least the 20 message types at 2.0', () => {
      const listed = registry.listMessageSchemas();
      expect(listed.length).to.be.greaterThanOrEqual(20);
      for (const type of TYPES_2_0) expect(registry.has(type, '2.0'), type).to.equal(true);
    });

    it('has a schema for every message type and version the catalogue accepts', () => {
      for (const [name, spec] of MESSAGE_TYPE_SPECS) {
        for (const version of spec.versions) {
          expect(registry.has(name, version), `${name} ${version}`).to.equal(true);
        }
      }
    });

    it('lists each schema with its $id, title and description, sorted by type', () => {
      const listed = registry.listMessageSchemas();
      for (const info of listed) {
        expect(info.$id).to.equal(
          `https://schemas.knooppunt.nl/berichten/${info.messageType}/${info.version}`,
        );
        expect(info.title).to.equal(info.messageType);
        expect(info.description).to.be.a('string').and.not.equal('');
      }
      const names = listed.map((i) => i.messageType);
      expect(names).to.deep.equal([...names].sort());
      expect(Object.isFrozen(listed)).to.equal(true);
    });

    it('works from any working directory (the default schema dir is found from the module)', () => {
      const cwd = process.cwd();
      try {
        process.chdir(tmpdir());
        expect(createSchemaRegistry().has('saldoverzoek', '2.0')).to.equal(true);
      } finally {
        process.chdir(cwd);
      }
    });

    it('loads another schema directory, so a type without a file is unknown', () => {
      const dir = scratchSchemaDir();
      try {
        rmSync(join(dir, 'messages', 'statusbericht-2.0.schema.json'));
        const partial = createSchemaRegistry({ schemaDir: dir });
        expect(partial.has('statusbericht', '2.0')).to.equal(false);
        expect(partial.has('statusverzoek', '2.0')).to.equal(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses at creation a schema that breaks strict mode (an unknown keyword)', () => {
      const dir = scratchSchemaDir();
      try {
        const file = join(dir, 'messages', 'statusbericht-2.0.schema.json');
        const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        writeFileSync(file, JSON.stringify({ ...schema, 'x-module': 'all' }));
        expect(() => createSchemaRegistry({ schemaDir: dir })).to.throw(/strict mode/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses at creation a message schema whose file name does not match its $id', () => {
      const dir = scratchSchemaDir();
      try {
        cpSync(
          join(dir, 'messages', 'statusbericht-2.0.schema.json'),
          join(dir, 'messages', 'statusbericht-2.1.schema.json'),
        );
        expect(() => createSchemaRegistry({ schemaDir: dir })).to.throw(/must be named/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('validatePayload', () => {
    it('returns a valid payload unchanged', () => {
      expect(registry.validatePayload('kennisgeving', '2.0', kennisgeving)).to.equal(kennisgeving);
    });

    it('throws SCHEMA_INVALID keeping ajv’s violation, pointer rooted at the payload', () => {
      const bad = structuredClone(kennisgeving) as { schuldenaar: { bsn: string } };
      bad.schuldenaar.bsn = '123456789';
      const error = thrown(() => registry.validatePayload('kennisgeving', '2.0', bad));
      expect(error.code).to.equal('SCHEMA_INVALID');
      expect(error.violations).to.have.length(1);
      const [violation] = error.violations;
      expect(violation).to.deep.include({
        instancePath: '/schuldenaar/bsn',
        keyword: 'format',
        params: { format: 'bsn' },
      });
      // ajv's schemaPath is relative to the document holding the keyword (here: defs).
      expect(violation?.schemaPath).to.equal('#/$defs/bsn/format');
      expect(violation?.message).to.equal('must match format "bsn"');
      expect(error.message).to.contain('/schuldenaar/bsn');
    });

    it('reports every violation at once (allErrors)', () => {
      const bad = { ...kennisgeving, startdatumSchuldhulpverlening: '6 mei 2024', extra: true };
      delete (bad as Record<string, unknown>).contactpersoon;
      const error = thrown(() => registry.validatePayload('kennisgeving', '2.0', bad));
      const keywords = error.violations.map((v) => `${v.keyword}@${v.instancePath}`).sort();
      expect(keywords).to.deep.equal([
        'additionalProperties@',
        'format@/startdatumSchuldhulpverlening',
        'required@',
      ]);
    });

    it('throws SCHEMA_UNKNOWN_TYPE with no violations for an unknown type or version', () => {
      for (const [type, version] of [
        ['aanmaning', '2.0'],
        ['saldoverzoek', '1.0'],
      ] as const) {
        const error = thrown(() => registry.validatePayload(type, version, {}));
        expect(error.code).to.equal('SCHEMA_UNKNOWN_TYPE');
        expect(error.violations).to.deep.equal([]);
        expect(registry.has(type, version)).to.equal(false);
      }
    });

    it('validates 14-creditor-sized payloads quickly with the compiled validator', () => {
      const answer = example('saldoverzoek-antwoord-2.0/valid-twee-vorderingen.json');
      const lines = answer.vorderingen as unknown[];
      const big = { ...answer, vorderingen: Array.from({ length: 14 }, (_, i) => lines[i % 2]) };
      const started = performance.now();
      for (let i = 0; i < 2000; i += 1)
        registry.validatePayload('saldoverzoek-antwoord', '2.0', big);
      expect(performance.now() - started).to.be.below(1000);
    });
  });

  describe('validateEnvelope', () => {
    it('returns a frozen copy of a valid envelope and leaves the input alone', () => {
      const result = registry.validateEnvelope(envelope);
      expect(result).to.deep.equal(envelope);
      expect(result).not.to.equal(envelope);
      expect(Object.isFrozen(result)).to.equal(true);
      expect(Object.isFrozen(envelope)).to.equal(false);
    });

    it('throws SCHEMA_INVALID with pointers rooted at the envelope', () => {
      const error = thrown(() => registry.validateEnvelope({ ...envelope, sender: 'utrecht' }));
      expect(error.code).to.equal('SCHEMA_INVALID');
      expect(error.violations.map((v) => v.instancePath)).to.include('/sender');
    });

    it('declares in the Envelope type exactly the fields of the envelope schema', () => {
      const sample: Required<Envelope> = {
        messageId: '',
        conversationId: '',
        inReplyTo: '',
        module: 'schuldregeling',
        messageType: '',
        version: '',
        sender: '',
        recipient: '',
        createdAt: '',
        payloadDigest: '',
        postcode: '',
      };
      const schema = registry.getSchema('https://schemas.knooppunt.nl/envelope/2.0');
      expect(Object.keys(schema?.properties ?? {}).sort()).to.deep.equal(
        Object.keys(sample).sort(),
      );
    });

    it('allows exactly the catalogue’s modules', () => {
      const schema = registry.getSchema('https://schemas.knooppunt.nl/envelope/2.0') as {
        properties: { module: { enum: string[] } };
      };
      expect(schema.properties.module.enum).to.have.members([...MODULES]);
    });
  });

  describe('validateMessage', () => {
    it('returns the message with a frozen copy of its envelope', () => {
      const result = registry.validateMessage(message);
      expect(Object.isFrozen(result)).to.equal(true);
      expect(Object.isFrozen(result.envelope)).to.equal(true);
      expect(result.envelope).to.deep.equal(message.envelope);
      expect(result.payload).to.equal(message.payload);
    });

    it('roots pointers at the message, for the envelope and for the payload', () => {
      const badEnvelope = {
        ...message,
        envelope: { ...(message.envelope as object), sender: 'x' },
      };
      const envelopeError = thrown(() => registry.validateMessage(badEnvelope));
      expect(envelopeError.violations.map((v) => v.instancePath)).to.include('/envelope/sender');

      const badPayload = structuredClone(message) as { payload: { schuldenaar: { bsn: string } } };
      badPayload.payload.schuldenaar.bsn = '123456789';
      const payloadError = thrown(() => registry.validateMessage(badPayload));
      expect(payloadError.code).to.equal('SCHEMA_INVALID');
      expect(payloadError.violations.map((v) => v.instancePath)).to.deep.equal([
        '/payload/schuldenaar/bsn',
      ]);
    });

    it('throws SCHEMA_UNKNOWN_TYPE when the envelope names a type without a schema', () => {
      const unknown = { ...message, envelope: { ...(message.envelope as object), version: '9.0' } };
      const error = thrown(() => registry.validateMessage(unknown));
      expect(error.code).to.equal('SCHEMA_UNKNOWN_TYPE');
      expect(error.violations).to.deep.equal([]);
    });
  });

  describe('getSchema', () => {
    it('serves a deeply frozen copy of a schema by $id', () => {
      const schema = registry.getSchema('https://schemas.knooppunt.nl/berichten/saldoverzoek/2.0');
      expect(schema?.title).to.equal('saldoverzoek');
      expect(Object.isFrozen(schema)).to.equal(true);
      expect(Object.isFrozen(schema?.properties)).to.equal(true);
      expect(registry.getSchema('https://schemas.knooppunt.nl/defs/2.0')?.$defs).to.have.property(
        'bsn',
      );
    });

    it('returns undefined for an unknown $id', () => {
      expect(registry.getSchema('https://schemas.knooppunt.nl/berichten/aanmaning/2.0')).to.equal(
        undefined,
      );
    });
  });
});
