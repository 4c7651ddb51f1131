import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import * as knooppunt from '../../src/index.ts';
import { ALL_ERROR_CODES, KnooppuntError, familyOf } from '../../src/errors.ts';

describe('errors', () => {
  it('documents every error code in docs/errors.md', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of ALL_ERROR_CODES) expect(doc, code).to.include(`\`${code}\``);
  });

  it('exports every error class from the package surface', () => {
    for (const name of [
      'KnooppuntError',
      'EnvelopeError',
      'CertificateError',
      'CatalogueError',
      'SchemaError',
      'UsageError',
    ]) {
      const exported = (knooppunt as Record<string, unknown>)[name];
      expect(exported, name).to.be.a('function');
      expect((exported as { prototype: unknown }).prototype).to.be.instanceOf(Error);
    }
  });

  it('gives every code exactly one family and keeps the cause', () => {
    expect(new Set(ALL_ERROR_CODES).size).to.equal(ALL_ERROR_CODES.length);
    expect(familyOf('DIGEST_MISMATCH')).to.equal('envelope');
    const cause = new Error('underlying');
    const error = new knooppunt.CertificateError('CERT_REVOKED', 'revoked', { cause });
    expect(error).to.be.instanceOf(KnooppuntError);
    expect(error.code).to.equal('CERT_REVOKED');
    expect(error.family).to.equal('certificate');
    expect(error.cause).to.equal(cause);
  });
});
