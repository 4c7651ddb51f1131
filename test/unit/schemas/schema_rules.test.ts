import { expect } from 'chai';
import { isValidPostcode, readSchemaFiles, SCHEMA_BASE } from '@knooppunt/standard';
import { walkSchema } from './schema_walk.ts';
import type { SchemaNode } from './schema_walk.ts';

const SCHEMA_DIR = new URL('../../../packages/standard/schemas/', import.meta.url);
const FILES = readSchemaFiles(SCHEMA_DIR).map((file) => ({
  ...file,
  name: file.path.slice(file.path.indexOf('schemas/')),
}));
const MESSAGE_FILES = FILES.filter((f) => f.name.startsWith('schemas/messages/'));

/** Objects that are deliberately open, and why. */
const OPEN_OBJECTS = new Set([
  // The wire form's payload is validated against the schema its envelope names.
  `${SCHEMA_BASE}message/2.0#/properties/payload`,
]);

/** The messages of a debt case: they carry the case core of DOMAIN.md "Known fields". */
const CASE_MESSAGES = [
  'kennisgeving',
  'kennisgeving-antwoord',
  'geen-medewerking',
  'saldoverzoek',
  'saldoverzoek-antwoord',
  'saldoverzoek-antwoord-vooraf-akkoord',
  'betaalvoorstel',
  'betaalvoorstel-antwoord',
  'heroverweging',
  'schuldregeling-akkoord',
  'schuldregeling-beeindigd',
  'betalingsregeling-voorstel',
  'betalingsregeling-antwoord',
  'melding-bewind',
];

/** The only messages that may carry a BSN: a debt helper's first contact with a creditor. */
const BSN_MESSAGES = [
  'betalingsregeling-voorstel',
  'kennisgeving',
  'melding-bewind',
  'saldoverzoek',
];

function idOf(schema: SchemaNode): string {
  return String(schema.$id);
}

function declared(node: SchemaNode | undefined): Set<string> {
  const properties = node?.properties;
  return new Set(
    properties !== null && typeof properties === 'object' ? Object.keys(properties) : [],
  );
}

describe('schema files follow the standard’s rules', () => {
  it('every file is JSON Schema 2020-12 with an $id under the standard’s base, a title and a description', () => {
    expect(FILES.length).to.be.greaterThanOrEqual(23);
    for (const { name, schema } of FILES) {
      expect(schema.$schema, name).to.equal('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id, name)
        .to.be.a('string')
        .and.satisfy((id: string) => id.startsWith(SCHEMA_BASE));
      expect(schema.title, name).to.be.a('string').and.not.equal('');
      expect(schema.description, name).to.be.a('string').and.not.equal('');
    }
  });

  it('every object schema, $defs included, forbids undeclared properties', () => {
    for (const { schema } of FILES) {
      for (const { node, pointer } of walkSchema(schema)) {
        if (node.type !== 'object') continue;
        const where = `${idOf(schema)}${pointer}`;
        if (OPEN_OBJECTS.has(where)) continue;
        const closed = node.additionalProperties === false || node.unevaluatedProperties === false;
        expect(closed, `${where} must set additionalProperties: false`).to.equal(true);
      }
    }
  });

  it('every declared property has a description saying what it means', () => {
    for (const { schema } of FILES) {
      for (const { node, pointer, inCondition } of walkSchema(schema)) {
        if (inCondition || node.properties === undefined) continue;
        for (const [name, property] of Object.entries(
          node.properties as Record<string, SchemaNode>,
        )) {
          const where = `${idOf(schema)}${pointer}/properties/${name}`;
          expect(property.description, where).to.be.a('string').with.length.greaterThan(10);
        }
      }
    }
  });

  it('every $defs entry has a description', () => {
    for (const { schema } of FILES) {
      for (const [name, def] of Object.entries(
        (schema.$defs ?? {}) as Record<string, SchemaNode>,
      )) {
        expect(def.description, `${idOf(schema)}#/$defs/${name}`)
          .to.be.a('string')
          .and.not.equal('');
      }
    }
  });

  it('conditions (if/then/else, anyOf) name only properties their object declares', () => {
    for (const { schema } of FILES) {
      for (const { node, pointer, inCondition, owner } of walkSchema(schema)) {
        const names = [
          ...((node.required as string[] | undefined) ?? []),
          ...(inCondition ? declared(node) : []),
        ];
        const allowed = inCondition ? declared(owner) : declared(node);
        for (const name of names) {
          expect(allowed.has(name), `${idOf(schema)}${pointer} names undeclared ${name}`).to.equal(
            true,
          );
        }
      }
    }
  });

  it('no schema uses type number: money is integer cents and percentages are decimal strings', () => {
    for (const { schema } of FILES) {
      for (const { node, pointer } of walkSchema(schema)) {
        expect(node.type, `${idOf(schema)}${pointer}`).not.to.equal('number');
      }
    }
  });

  it('every case message requires the case core: client number, debtor and contact person', () => {
    const byTitle = new Map(
      MESSAGE_FILES.filter((f) => String(f.schema.$id).endsWith('/2.0')).map((f) => [
        f.schema.title,
        f.schema,
      ]),
    );
    for (const type of CASE_MESSAGES) {
      const schema = byTitle.get(type);
      expect(schema, type).not.to.equal(undefined);
      expect(schema?.required, type).to.include.members([
        'klantnummerSchuldhulpverlener',
        'schuldenaar',
        'contactpersoon',
      ]);
      expect(Object.keys(schema?.properties ?? {}), type).to.include.members([
        'klantnummerSchuldeiser',
        'partner',
      ]);
    }
  });

  it('every case message of 2.1 requires the debt helper’s client number and has a place for the rest of the core', () => {
    // 2.1 requires only what a Schuldenknooppunt message always supplies (docs/schuldenknooppunt.md):
    // Regeling geaccordeerd, for one, carries no debtor and no contact person.
    const core21 = MESSAGE_FILES.filter(
      (f) =>
        String(f.schema.$id).endsWith('/2.1') && CASE_MESSAGES.includes(String(f.schema.title)),
    );
    expect(core21.length).to.be.greaterThan(0);
    for (const { schema } of core21) {
      expect(schema.required, String(schema.$id)).to.include('klantnummerSchuldhulpverlener');
      expect(Object.keys(schema.properties ?? {}), String(schema.$id)).to.include.members([
        'klantnummerSchuldeiser',
        'schuldenaar',
        'partner',
        'contactpersoon',
      ]);
    }
  });

  it('only a debt helper’s first-contact messages can carry a BSN', () => {
    const withBsn = MESSAGE_FILES.filter(
      ({ schema }) =>
        JSON.stringify(schema).includes('#/$defs/bsn') || JSON.stringify(schema).includes('MetBsn'),
    );
    const titles = new Set(withBsn.map((f) => String(f.schema.title)));
    expect([...titles].sort()).to.deep.equal(BSN_MESSAGES);
  });

  it('the postcode pattern of every version’s defs agrees with isValidPostcode', () => {
    const defsFiles = FILES.filter((f) => String(f.schema.$id).startsWith(`${SCHEMA_BASE}defs/`));
    expect(defsFiles.map((f) => f.schema.$id)).to.include.members([
      `${SCHEMA_BASE}defs/2.0`,
      `${SCHEMA_BASE}defs/2.1`,
    ]);
    for (const { schema: defs } of defsFiles) {
      const postcode = (defs.$defs as Record<string, SchemaNode>).postcode;
      const pattern = new RegExp(String(postcode?.pattern), 'u');
      const candidates = ['3531 CK', '3531CK', '1234 SA', '1234 SD', '1234 SS', '1234 SB'];
      for (const c of [...candidates, '1234 RZ', '0123 AB', '1234 ab', '1234  AB', '9999 ZZ']) {
        expect(pattern.test(c), `${String(defs.$id)}: ${c}`).to.equal(isValidPostcode(c));
      }
    }
  });
});
