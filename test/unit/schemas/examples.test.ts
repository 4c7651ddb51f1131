import { expect } from 'chai';
import { createSchemaRegistry, SchemaError } from '@knooppunt/standard';
import type { SchemaRegistry } from '@knooppunt/standard';
import { readExampleFolders } from './example_files.ts';
import type { ExampleFolder } from './example_files.ts';

const FOLDERS = readExampleFolders();

/** The registry call a folder's examples exercise. */
function validatorFor(registry: SchemaRegistry, target: ExampleFolder['target']) {
  switch (target.kind) {
    case 'envelope':
      return (value: unknown) => registry.validateEnvelope(value);
    case 'message':
      return (value: unknown) => registry.validateMessage(value);
    case 'payload':
      return (value: unknown) =>
        registry.validatePayload(target.messageType, target.version, value);
  }
}

function rejection(validate: (value: unknown) => unknown, value: unknown): SchemaError {
  try {
    validate(value);
  } catch (error) {
    if (error instanceof SchemaError) return error;
    throw error;
  }
  expect.fail('the example was accepted');
}

describe('schema examples (schemas/examples/)', () => {
  const registry = createSchemaRegistry();

  it('every message schema has at least one valid and one invalid example', () => {
    for (const { messageType, version } of registry.listMessageSchemas()) {
      const folder = FOLDERS.find((f) => f.folder === `${messageType}-${version}`);
      const kinds = new Set(folder?.examples.map((e) => e.kind));
      expect([...kinds].sort(), `${messageType}-${version}`).to.deep.equal(['invalid', 'valid']);
    }
  });

  it('every example folder names a schema the registry has', () => {
    for (const { folder, target } of FOLDERS) {
      if (target.kind !== 'payload') continue;
      expect(registry.has(target.messageType, target.version), folder).to.equal(true);
    }
  });

  for (const { folder, target, examples } of FOLDERS) {
    describe(folder, () => {
      const validate = validatorFor(registry, target);
      for (const example of examples) {
        if (example.kind === 'valid') {
          it(`accepts ${example.file}`, () => {
            expect(() => validate(example.document)).not.to.throw();
          });
        } else {
          const { instancePath, keyword } = example.expect;
          it(`rejects ${example.file} with ${keyword} at "${instancePath}": ${example.description}`, () => {
            const error = rejection(validate, example.document);
            expect(error.code).to.equal('SCHEMA_INVALID');
            const found = error.violations.map((v) => ({
              instancePath: v.instancePath,
              keyword: v.keyword,
            }));
            expect(found).to.deep.include({ instancePath, keyword });
          });
        }
      }
    });
  }
});
