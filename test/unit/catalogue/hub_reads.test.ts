/**
 * What the hub reads of a payload (the catalogue's `hubReads`) is stored as metadata in the
 * append-only chain for good, also after the payload is removed: it must be a closed set of
 * codes, never a person's data. So every pointer must name a field whose schema, in every
 * version of its type, is an enum of strings — a free-text field named there would fail here.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { allMessageTypes } from '@knooppunt/standard';

type Node = Readonly<Record<string, unknown>>;

const SCHEMAS = new URL('../../../packages/standard/schemas/', import.meta.url);

const load = (file: string): Node =>
  JSON.parse(readFileSync(new URL(file, SCHEMAS), 'utf8')) as Node;

/** Follows a `$ref` (local, or to the shared definitions of a version) to its schema. */
function resolve(node: Node, document: Node): { node: Node; document: Node } {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return { node, document };
  const [base, fragment = ''] = ref.split('#');
  const defs = /^https:\/\/schemas\.knooppunt\.nl\/defs\/(\d+\.\d+)$/.exec(base ?? '');
  const target =
    base === '' ? document : defs === null ? undefined : load(`defs-${defs[1]}.schema.json`);
  if (target === undefined) throw new Error(`cannot follow $ref ${ref}`);
  let found: unknown = target;
  for (const token of fragment.split('/').slice(1)) found = (found as Node)[token];
  return resolve(found as Node, target);
}

/** The schema of the field at a JSON pointer into the payload, through `properties` only. */
function fieldSchema(schema: Node, pointer: string): Node | undefined {
  let at = { node: schema, document: schema };
  for (const token of pointer.split('/').slice(1)) {
    const properties = resolve(at.node, at.document).node['properties'] as Node | undefined;
    const child = properties?.[token] as Node | undefined;
    if (child === undefined) return undefined;
    at = { node: child, document: resolve(at.node, at.document).document };
  }
  return resolve(at.node, at.document).node;
}

describe('catalogue: what the hub reads of a payload', () => {
  const reading = allMessageTypes().filter((spec) => spec.hubReads.size > 0);

  it('reads something of at least one type (else this test checks nothing)', () => {
    expect(reading.map((spec) => spec.name)).to.include('signaal-betalingsachterstand');
  });

  for (const spec of reading) {
    for (const version of spec.versions) {
      it(`${spec.name} ${version}: every hubReads pointer names an enum of strings`, () => {
        const schema = load(`messages/${spec.name}-${version}.schema.json`);
        for (const [name, pointer] of spec.hubReads) {
          const field = fieldSchema(schema, pointer);
          expect(field, `${name} at ${pointer}`).to.not.equal(undefined);
          const values = field?.['enum'];
          expect(values, `${name} at ${pointer} is an enum`)
            .to.be.an('array')
            .with.property('length')
            .above(0);
          expect(
            (values as unknown[]).every((value) => typeof value === 'string'),
            `${name} at ${pointer}: strings only`,
          ).to.equal(true);
        }
      });
    }
  }

  it('would refuse a pointer at free text', () => {
    const schema = load('messages/signaal-betalingsachterstand-2.1.schema.json');
    const street = fieldSchema(schema, '/adres/straat');
    expect(street).to.be.an('object').that.has.property('type', 'string');
    expect(street).to.not.have.property('enum');
    expect(fieldSchema(schema, '/nothing')).to.equal(undefined);
  });
});
