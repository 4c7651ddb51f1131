/**
 * The standard's versions side by side (issue 13): 2.0 stays exactly as it was released while
 * 2.1 grows beside it; every version the catalogue lists for a type has its schema and its
 * examples; a schema refers only to the shared definitions of its own version; and the
 * changelog has a section for every version the hub offers.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import {
  allMessageTypes,
  changelogVersions,
  EXPIRY_NOTICE_TYPE,
  readChangelog,
  readSchemaFiles,
  SCHEMA_BASE,
  standardVersions,
} from '@knooppunt/standard';
import { readExampleFolders } from './example_files.ts';

const SCHEMA_DIR = new URL('../../../packages/standard/schemas/', import.meta.url);
const FILES = readSchemaFiles(SCHEMA_DIR).map(({ path, schema }) => ({
  name: path.slice(path.indexOf('schemas/')),
  schema,
}));
const MESSAGE_ID = /\/berichten\/([a-z][a-z-]*)\/([0-9]+\.[0-9]+)$/;

/**
 * SHA-256 over the 2.0 shared definitions and the 2.0 message schemas as released (name and
 * text of each, in name order). A changed 2.0 schema breaks every participant built for 2.0:
 * change it in a new version instead (docs/schemas.md, "Versions").
 */
const RELEASED_2_0 = '48b10f5437d37dbbc309e7a741b3d8706ee2fa4eaeceb7f5ae3f0b5f89a60169';

function fingerprint2_0(): string {
  const hash = createHash('sha256');
  const released = FILES.filter(
    ({ name }) => name === 'schemas/defs.schema.json' || /-2\.0\.schema\.json$/.test(name),
  ).sort((a, b) => a.name.localeCompare(b.name));
  for (const { name, schema } of released) hash.update(`${name}\n${JSON.stringify(schema)}\n`);
  return hash.digest('hex');
}

describe('the standard’s versions side by side', () => {
  it('keeps the 2.0 schemas exactly as released', () => {
    expect(fingerprint2_0()).to.equal(RELEASED_2_0);
  });

  it('offers 2.0 and 2.1, and every type of 2.0 still has its 2.0 schema and examples', () => {
    expect(standardVersions()).to.include.members(['2.0', '2.1']);
    const folders = new Map(readExampleFolders().map((f) => [f.folder, f.examples]));
    const messageFiles = new Set(
      FILES.flatMap(({ schema }) => {
        const match = MESSAGE_ID.exec(String(schema['$id']));
        return match === null ? [] : [`${match[1]}-${match[2]}`];
      }),
    );
    for (const spec of allMessageTypes()) {
      for (const version of spec.versions) {
        const at = `${spec.name}-${version}`;
        expect(messageFiles.has(at), `schema ${at}`).to.equal(true);
        const kinds = new Set(folders.get(at)?.map((example) => example.kind));
        expect([...kinds].sort(), `examples ${at}`).to.deep.equal(['invalid', 'valid']);
      }
    }
    // A schema without a catalogue row at its version would be served but never accepted.
    const listed = new Set(
      allMessageTypes().flatMap((s) => s.versions.map((v) => `${s.name}-${v}`)),
    );
    const unlisted = [...messageFiles].filter(
      (at) => !listed.has(at) && !at.startsWith(`${EXPIRY_NOTICE_TYPE}-`),
    );
    expect(unlisted).to.deep.equal([]);
  });

  it('lets a schema refer only to the shared definitions of its own version', () => {
    for (const { name, schema } of FILES) {
      const match = MESSAGE_ID.exec(String(schema['$id']));
      if (match === null) continue;
      const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"([^"#]*)#/g)]
        .map((ref) => ref[1])
        .filter((base) => base !== '');
      const own = `${SCHEMA_BASE}defs/${match[2]}`;
      expect(
        refs.filter((base) => base !== own),
        `${name} refers to another version's definitions`,
      ).to.deep.equal([]);
    }
  });

  it('has a changelog section for every version the hub offers, and none for another', () => {
    const sections = changelogVersions(readChangelog());
    expect([...sections].sort()).to.deep.equal([...standardVersions()].sort());
    expect(sections[0], 'newest first').to.equal(standardVersions().at(-1));
  });
});
