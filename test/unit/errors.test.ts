import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import * as knooppunt from '../../src/index.ts';
import { HubError } from '@knooppunt/sdk';
import {
  ALL_ERROR_CODES,
  ERROR_CODES,
  familyOf,
  HUB_ERROR_CODES,
  isErrorCode,
  KnooppuntError,
} from '@knooppunt/standard';

const ROOT = new URL('../../', import.meta.url).pathname;
const ERRORS_DOC = readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8');

/** The codes docs/errors.md lists in its tables (first column). */
function documentedCodes(): Set<string> {
  return new Set(
    [...ERRORS_DOC.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\|/gm)].map((m) => m[1] as string),
  );
}

/** Every TypeScript source file under `dir` (no node_modules, no build output). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.generated.ts') ? [path] : [];
  });
}

/** Where the code is an error code: `new …Error('CODE'`, `new HttpProblem('CODE'`, `code: 'CODE'`. */
const THROWN_CODE =
  /new [A-Za-z]*(?:Error|Problem|Rejection)\(\s*(?:\d+,\s*\{\s*code:\s*)?'([A-Z][A-Z0-9_]+)'|\bcode: '([A-Z][A-Z0-9_]+)'/g;

describe('errors', () => {
  it('documents every error code in docs/errors.md, and documents no code that does not exist', () => {
    for (const code of ALL_ERROR_CODES) expect(ERRORS_DOC, code).to.include(`\`${code}\``);
    expect([...documentedCodes()].sort()).to.deep.equal([...ALL_ERROR_CODES].sort());
  });

  it('raises no code in the sources that docs/errors.md does not list, and never builds one', () => {
    const documented = documentedCodes();
    const found = new Map<string, string>();
    const roots = ['src', 'packages/standard/src', 'packages/sdk/src'];
    for (const file of roots.flatMap((root) => sources(join(ROOT, root)))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(THROWN_CODE)) {
        found.set((match[1] ?? match[2]) as string, file.slice(ROOT.length));
      }
      // A code made at run time (`HTTP_${status}`) or cast into the union escapes the compiler
      // (errors.ts itself checks strings against the union).
      expect(text, file).to.not.match(/\bcode: `[^`]*\$\{/);
      if (!file.endsWith('/standard/src/errors.ts'))
        expect(text, file).to.not.match(/as ErrorCode\b/);
    }
    expect(found.size).to.be.greaterThan(50);
    const undocumented = [...found].filter(([code]) => !documented.has(code));
    expect(undocumented, 'codes raised but not in docs/errors.md').to.deep.equal([]);
  });

  it('exports every error class from the package surface', () => {
    for (const name of [
      'KnooppuntError',
      'EnvelopeError',
      'CertificateError',
      'CatalogueError',
      'SchemaError',
      'UsageError',
      'HubError',
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

  it('keeps the SDK’s own codes out of what the hub answers with', () => {
    for (const code of ERROR_CODES.client) {
      expect(HUB_ERROR_CODES, code).to.not.include(code);
      expect(familyOf(code)).to.equal('client');
    }
    expect(HUB_ERROR_CODES.length + ERROR_CODES.client.length).to.equal(ALL_ERROR_CODES.length);
    expect(isErrorCode('DIGEST_MISMATCH')).to.equal(true);
    expect(isErrorCode('HTTP_502')).to.equal(false);
  });

  it('gives a HubError a documented code whatever the hub answered', () => {
    const refused = new HubError(422, { code: 'RECIPIENT_LACKS_MODULE', detail: 'no' });
    expect(refused).to.be.instanceOf(KnooppuntError);
    expect(refused.code).to.equal('RECIPIENT_LACKS_MODULE');
    expect(refused.family).to.equal('authorisation');
    const proxy = new HubError(502, { detail: '<html>Bad Gateway</html>' });
    expect(proxy.code).to.equal('HUB_ANSWER_UNEXPECTED');
    expect(proxy.status).to.equal(502);
    const newer = new HubError(422, { code: 'A_CODE_FROM_A_NEWER_HUB' });
    expect(newer.code).to.equal('HUB_ANSWER_UNEXPECTED');
    expect(newer.problem.code).to.equal('A_CODE_FROM_A_NEWER_HUB');
  });
});
