import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  ATTACHMENTS_MAX_PER_MESSAGE,
  moduleAccess,
  PARTICIPANT_KINDS,
} from '@knooppunt/standard';
import type { Module } from '@knooppunt/standard';
import { walkSchema } from './schema_walk.ts';
import type { SchemaNode } from './schema_walk.ts';

const SCHEMAS = new URL('../../../packages/standard/schemas/', import.meta.url);
const BIJLAGE_21 = 'https://schemas.knooppunt.nl/defs/2.1#/$defs/bijlage';

function read(path: string): SchemaNode {
  return JSON.parse(readFileSync(new URL(path, SCHEMAS), 'utf8')) as SchemaNode;
}

const DEFS_21 = read('defs-2.1.schema.json');
const BIJLAGE = (DEFS_21['$defs'] as Record<string, SchemaNode>)['bijlage'] as SchemaNode;
const PROPS = BIJLAGE['properties'] as Record<string, SchemaNode>;
const MESSAGE_FILES = readdirSync(new URL('messages/', SCHEMAS)).sort();
const V21 = MESSAGE_FILES.filter((file) => file.endsWith('-2.1.schema.json'));

/** Whether the 2.0 schema of a type carries an inline document (`bijlagen` or `document`). */
function carriesInlineDocument(file: string): boolean {
  const text = readFileSync(new URL(`messages/${file}`, SCHEMAS), 'utf8');
  return text.includes('/$defs/bijlage') || text.includes('/$defs/document');
}

describe('attachment limits (one source of truth: packages/standard/src/attachments/limits.ts)', () => {
  it('defs-2.1 bijlage is a reference: soort, bestandsnaam, mediaType, grootte, sha256, no inhoud', () => {
    expect(BIJLAGE['required']).to.have.members([
      'soort',
      'bestandsnaam',
      'mediaType',
      'grootte',
      'sha256',
    ]);
    expect(PROPS).to.not.have.property('inhoud');
    expect(BIJLAGE['additionalProperties']).to.equal(false);
  });

  it("the schema's grootte maximum and media types are the code's limits", () => {
    expect(PROPS['grootte']?.['maximum']).to.equal(ATTACHMENT_MAX_BYTES);
    expect(PROPS['grootte']?.['minimum']).to.equal(1);
    expect(PROPS['mediaType']?.['enum']).to.deep.equal(ATTACHMENT_MEDIA_TYPES);
  });

  it('every 2.1 schema carries documents only by reference, at most the limit per message', () => {
    for (const file of ['defs-2.1.schema.json', ...V21.map((f) => `messages/${f}`)]) {
      const schema = read(file);
      let references = 0;
      for (const { node, pointer } of walkSchema(schema)) {
        const properties = (node['properties'] ?? {}) as Record<string, unknown>;
        expect(Object.keys(properties), `${file} ${pointer}`).to.not.include('inhoud');
        expect(node['contentEncoding'], `${file} ${pointer}`).to.equal(undefined);
        const items = node['items'] as SchemaNode | undefined;
        if (node['type'] === 'array' && items?.['$ref'] === BIJLAGE_21) {
          expect(node['maxItems'], `${file} ${pointer}`).to.be.at.most(ATTACHMENTS_MAX_PER_MESSAGE);
          references += node['maxItems'] as number;
        } else if (node['$ref'] === BIJLAGE_21 && !pointer.endsWith('/items')) {
          references += 1;
        }
      }
      expect(references, file).to.be.at.most(ATTACHMENTS_MAX_PER_MESSAGE);
    }
  });

  it('a type whose 2.0 schema carries a document refs defs-2.1 bijlage in its 2.1 schema', () => {
    const withDocuments = MESSAGE_FILES.filter(
      (file) => file.endsWith('-2.0.schema.json') && carriesInlineDocument(file),
    );
    expect(withDocuments.length).to.be.greaterThan(0);
    for (const file of withDocuments) {
      const v21 = file.replace('-2.0.schema.json', '-2.1.schema.json');
      if (!V21.includes(v21)) continue; // the type has no 2.1 yet
      const text = readFileSync(new URL(`messages/${v21}`, SCHEMAS), 'utf8');
      expect(text, v21).to.include(BIJLAGE_21);
    }
    expect(V21).to.include('melding-bewind-2.1.schema.json');
  });

  it("the catalogue's requiredAttachment kinds are soorten a reference can name", () => {
    const soorten = PROPS['soort']?.['enum'] as string[];
    const required = PARTICIPANT_KINDS.flatMap((kind) =>
      (['schuldinventarisatie', 'betalingsregeling'] as Module[]).map(
        (module) => moduleAccess(kind, module)?.requiredAttachment,
      ),
    ).filter((soort) => soort !== undefined);
    expect(required).to.include.members(['rechterlijke-uitspraak', 'toestemmingsverklaring']);
    for (const soort of required) expect(soorten).to.include(soort);
  });
});
