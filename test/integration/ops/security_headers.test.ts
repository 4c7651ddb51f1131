/**
 * The security headers a browser relies on (docs/security.md, B4 and B5), asserted on a running
 * hub: for the operator console (`/console/`) and the participant portal (`/portaal/`), on
 * `index.html`, on a hashed asset the build names and on a 404 under each — a content security
 * policy without inline or evaluated script that forbids framing, plugins, foreign base URIs and
 * form targets; `nosniff`; no referrer; no framing for browsers without CSP 2 either;
 * `index.html` never cached, hashed assets immutable; the cross-origin isolation helmet adds.
 * The API's answers, problem details included, carry `nosniff`; over HTTPS every answer carries
 * HSTS, over plain HTTP none does (RFC 6797 §7.2) — nor behind a proxy, unless the hub trusts it
 * to say the client came over HTTPS (`KNOOPPUNT_TRUST_PROXY_HOPS`, `X-Forwarded-Proto`).
 *
 * The policy is compared with the one the hub declares (`WEB_APP_CSP`), and its security-relevant
 * directives are asserted here literally, so a weakened declaration fails too.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { expect } from 'chai';
import { defaultConsoleDir, portalDirBeside } from '../../../src/transports/rest/console_files.ts';
import {
  STRICT_TRANSPORT_SECURITY,
  WEB_APP_CSP,
} from '../../../src/transports/rest/security_headers.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { problemOf } from '../../support/rest_client.ts';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

/** One answer, headers by lower-case name. */
interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly text: string;
}

/** A GET (or another method) without any client of the hub's, so nothing adds headers. */
function get(
  testHub: TestHub,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(path, testHub.baseUrl);
  const https = url.protocol === 'https:';
  const request = https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method,
        headers,
        agent: false,
        // The development server certificate names no host; its chain is checked.
        ...(https ? { ca: testHub.caPem, checkServerIdentity: () => undefined } : {}),
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined)
              headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** A CSP header as directive → sources (CSP 3 §2.2.1: `;`-separated, names case-insensitive). */
function parsePolicy(header: string | undefined): Record<string, string[]> {
  expect(header, 'Content-Security-Policy').to.be.a('string');
  const policy: Record<string, string[]> = {};
  for (const part of (header as string).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name === undefined || name === '') continue;
    expect(policy, `directive ${name} twice`).to.not.have.property(name.toLowerCase());
    policy[name.toLowerCase()] = sources;
  }
  return policy;
}

/** What every answer of a web app carries, whatever its status. */
function expectWebAppHeaders(answer: Answer, what: string): void {
  const { headers } = answer;
  const policy = parsePolicy(headers['content-security-policy']);
  expect(policy, `${what}: the declared policy`).to.deep.equal(
    Object.fromEntries(Object.entries(WEB_APP_CSP).map(([name, sources]) => [name, [...sources]])),
  );
  // Literally, so that a weaker declaration fails here too.
  expect(policy['script-src'], `${what}: script-src`).to.deep.equal(["'self'"]);
  expect(policy['default-src'], `${what}: default-src`).to.deep.equal(["'self'"]);
  expect(policy['object-src'], `${what}: object-src`).to.deep.equal(["'none'"]);
  expect(policy['frame-ancestors'], `${what}: frame-ancestors`).to.deep.equal(["'none'"]);
  expect(policy['base-uri'], `${what}: base-uri`).to.deep.equal(["'self'"]);
  expect(policy['form-action'], `${what}: form-action`).to.deep.equal(["'self'"]);
  for (const [name, sources] of Object.entries(policy)) {
    for (const weak of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:']) {
      expect(sources, `${what}: ${name} allows ${weak}`).to.not.include(weak);
    }
  }
  expect(headers['content-security-policy-report-only'], `${what}: report-only`).to.equal(
    undefined,
  );
  expect(headers['x-content-type-options'], `${what}: nosniff`).to.equal('nosniff');
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).to.equal('no-referrer');
  expect(headers['x-frame-options'], `${what}: X-Frame-Options`).to.equal('DENY');
  expect(headers['cross-origin-opener-policy'], `${what}: COOP`).to.equal('same-origin');
  expect(headers['cross-origin-resource-policy'], `${what}: CORP`).to.equal('same-origin');
  expect(headers['x-powered-by'], `${what}: X-Powered-By`).to.equal(undefined);
}

/** HSTS on every answer over HTTPS, never over HTTP. */
function expectTransportSecurity(testHub: TestHub, answer: Answer, what: string): void {
  const hsts = answer.headers['strict-transport-security'];
  if (testHub.baseUrl.startsWith('https:')) {
    expect(hsts, `${what}: Strict-Transport-Security`).to.equal(STRICT_TRANSPORT_SECURITY);
    const maxAge = /(?:^|;\s*)max-age=(\d+)/.exec(hsts ?? '')?.[1];
    expect(Number(maxAge), `${what}: HSTS max-age`).to.be.at.least(31_536_000);
  } else {
    expect(hsts, `${what}: no HSTS over plain HTTP`).to.equal(undefined);
  }
}

/** The script and style files `index.html` names, after checking it has nothing inline. */
function assetsOf(index: string, path: string): string[] {
  expect(index, 'an inline script (the policy blocks it)').to.not.match(/<script(?![^>]*\ssrc=)/i);
  expect(index, 'an inline style element').to.not.match(/<style/i);
  expect(index, 'an inline style attribute').to.not.match(/\sstyle=/i);
  expect(index, 'an inline event handler').to.not.match(/\son[a-z]+=/i);
  const named = [...index.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1] as string);
  for (const url of named)
    expect(url, 'a file of the app itself').to.match(new RegExp(`^${path}/`));
  return named;
}

const APPS = [
  { name: 'the console', path: '/console', dir: defaultConsoleDir() },
  { name: 'the portal', path: '/portaal', dir: portalDirBeside(defaultConsoleDir()) },
] as const;

for (const tls of [false, true]) {
  describe(`security headers of the web apps and the API (${tls ? 'HTTPS' : 'HTTP'})`, function () {
    this.timeout(60_000);
    let testHub: TestHub;

    before(async function () {
      for (const app of APPS) {
        requirePrecondition(
          this,
          existsSync(join(app.dir, 'index.html')),
          `${app.name}'s build in ${app.dir} (npm run build:web; npm ci runs it)`,
        );
      }
      testHub = await startTestHub({ tls });
    });
    after(async () => testHub?.stop());

    for (const app of APPS) {
      it(`${app.name}: index.html under a policy that allows only its own files, never cached`, async () => {
        for (const path of [`${app.path}/`, `${app.path}/a/route/of/the/app`]) {
          const answer = await get(testHub, path);
          expect(answer.status, path).to.equal(200);
          expect(answer.headers['content-type'], path).to.match(/^text\/html/);
          expect(answer.text, path).to.equal(readFileSync(join(app.dir, 'index.html'), 'utf8'));
          expectWebAppHeaders(answer, path);
          expectTransportSecurity(testHub, answer, path);
          expect(answer.headers['cache-control'], `${path}: Cache-Control`).to.equal('no-store');
        }
      });

      it(`${app.name}: a hashed asset is immutable for a year, under the same headers`, async () => {
        const index = await get(testHub, `${app.path}/`);
        const assets = assetsOf(index.text, app.path);
        const script = assets.find((url) => /\/assets\/[\w-]+-[\w-]{8}\.js$/.test(url));
        expect(script, `a hashed script in ${assets.join(', ')}`).to.be.a('string');
        const answer = await get(testHub, script as string);
        expect(answer.status).to.equal(200);
        expect(answer.headers['content-type']).to.match(
          /^text\/javascript|^application\/javascript/,
        );
        expectWebAppHeaders(answer, script as string);
        expectTransportSecurity(testHub, answer, script as string);
        const cache = (answer.headers['cache-control'] ?? '').split(/,\s*/);
        expect(cache, 'Cache-Control').to.include('immutable');
        expect(cache, 'Cache-Control').to.include('max-age=31536000');
      });

      it(`${app.name}: a 404 under it is problem details under the same headers`, async () => {
        const missing = await get(testHub, `${app.path}/assets/index-00000000.js`);
        const posted = await get(testHub, `${app.path}/a/route`, 'POST');
        for (const [what, answer] of [
          ['a missing asset', missing],
          ['a POST', posted],
        ] as const) {
          expect(answer.status, what).to.equal(404);
          expect(answer.headers['content-type'], what).to.match(/^application\/problem\+json/);
          expect((JSON.parse(answer.text) as { code: string }).code, what).to.equal(
            'ROUTE_NOT_FOUND',
          );
          expectWebAppHeaders(answer, what);
          expectTransportSecurity(testHub, answer, what);
        }
      });
    }

    it('the API: answers and problem details carry nosniff (and HSTS over HTTPS)', async () => {
      const answers: [string, Answer][] = [
        ['GET /v1/health', await get(testHub, '/v1/health')],
        ['an unknown route (404)', await get(testHub, '/v1/nothing-here')],
        ['no credentials (401)', await get(testHub, `/v1/messages/${randomUUID()}`)],
        ['a wrong method (405)', await get(testHub, '/v1/health', 'DELETE')],
      ];
      for (const [what, answer] of answers) {
        expect(answer.headers['x-content-type-options'], what).to.equal('nosniff');
        expectTransportSecurity(testHub, answer, what);
      }
      for (const [what, answer] of answers.slice(1)) {
        expect(answer.headers['content-type'], what).to.match(/^application\/problem\+json/);
      }
      // An authenticated participant's problem (an unknown message: 404), mutual TLS over HTTPS.
      const client = testHub.client('gemeente', tls ? { mtls: true } : {});
      const unknown = await client.status(randomUUID());
      expect(unknown.status).to.equal(404);
      expect(problemOf(unknown).code).to.be.a('string');
      expect(unknown.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(unknown.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(unknown.headers.get('strict-transport-security') ?? undefined).to.equal(
        tls ? STRICT_TRANSPORT_SECURITY : undefined,
      );
    });
  });
}

describe('security headers behind a proxy that ends TLS', function () {
  this.timeout(60_000);
  let trusting: TestHub;
  let direct: TestHub;

  before(async () => {
    [trusting, direct] = await Promise.all([
      startTestHub({ env: { KNOOPPUNT_TRUST_PROXY_HOPS: '1' } }),
      startTestHub(),
    ]);
  });
  after(async () => Promise.all([trusting?.stop(), direct?.stop()]));

  it('sends HSTS when a trusted proxy says HTTPS, and believes no one else', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const behind = await get(trusting, '/v1/health', 'GET', https);
    expect(behind.headers['strict-transport-security']).to.equal(STRICT_TRANSPORT_SECURITY);
    const plain = await get(trusting, '/v1/health');
    expect(plain.headers['strict-transport-security']).to.equal(undefined);
    const untrusted = await get(direct, '/v1/health', 'GET', https);
    expect(untrusted.headers['strict-transport-security']).to.equal(undefined);
  });
});
