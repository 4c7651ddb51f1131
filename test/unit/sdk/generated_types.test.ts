/**
 * The SDK's payload types are generated from the schemas: the committed file must be what the
 * generator makes from the schemas as they are now (run `npm run generate:types` to refresh).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { GENERATED_TYPES, generateTypes } from '../../../scripts/generate-types.ts';
import { EXPIRY_NOTICE_TYPE, MESSAGE_TYPE_SPECS } from '@knooppunt/standard';

describe('generated payload types', function () {
  this.timeout(30_000);

  it('match the schemas (npm run generate:types refreshes them)', async () => {
    const committed = readFileSync(GENERATED_TYPES, 'utf8');
    expect(
      committed === (await generateTypes()),
      'packages/sdk/src/types.generated.ts is stale',
    ).to.equal(true);
  });

  it('name a payload type for every message type of the catalogue and the hub’s notice', () => {
    const source = readFileSync(GENERATED_TYPES, 'utf8');
    const block = /export interface MessagePayloads \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const names = [...block.matchAll(/^\s+'?([a-z-]+)'?: /gm)].map((match) => match[1]);
    expect(names.sort()).to.deep.equal([...MESSAGE_TYPE_SPECS.keys(), EXPIRY_NOTICE_TYPE].sort());
  });

  it('name a payload type for every type at every version the catalogue lists', () => {
    const source = readFileSync(GENERATED_TYPES, 'utf8');
    const block = /export interface VersionedPayloads \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const byVersion = new Map(
      [...block.matchAll(/'([0-9]+\.[0-9]+)': \{([^}]*)\}/g)].map((match) => [
        match[1],
        new Set([...(match[2] ?? '').matchAll(/'?([a-z-]+)'?: /g)].map((name) => name[1])),
      ]),
    );
    for (const spec of MESSAGE_TYPE_SPECS.values()) {
      for (const version of spec.versions) {
        expect(byVersion.get(version)?.has(spec.name), `${spec.name} ${version}`).to.equal(true);
      }
    }
    // A later version's payload type carries the version: SaldoverzoekV21 beside Saldoverzoek.
    expect(source).to.match(/export (interface|type) SaldoverzoekV21\b/);
  });
});
