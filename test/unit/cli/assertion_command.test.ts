/**
 * `knooppunt assertion` and `knooppunt token`: the client assertion is checked with jose (an
 * independent JWT implementation) against the participant's certificate; `token` talks to a
 * stand-in token endpoint over real HTTP, so the form it posts is what a hub receives.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'chai';
import { decodeProtectedHeader, importX509, jwtVerify } from 'jose';
import { inspectCertificate } from '@knooppunt/standard';
import { OIN } from '../../support/pki_fixtures.ts';
import { freshEnvironment, knooppunt } from './run_cli.ts';

type Handler = (form: URLSearchParams, request: IncomingMessage, response: ServerResponse) => void;

/** A stand-in for the hub's token endpoint; `handler` answers each POST /v1/token. */
async function tokenEndpoint(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => handler(new URLSearchParams(body), request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function answer(response: ServerResponse, status: number, body: unknown, type: string): void {
  response.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));
}

describe('knooppunt assertion and token', () => {
  const { dataDir, env } = freshEnvironment();
  const cli = (...args: string[]) => knooppunt({ env }, ...args);
  const certPem = (oin: string): string =>
    readFileSync(join(dataDir, 'pki', 'participants', oin, 'cert.pem'), 'utf8');
  const servers: Server[] = [];

  before(async () => {
    const init = await cli('init');
    expect(init.code, init.err).to.equal(0);
  });
  after(() => {
    for (const server of servers) server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('assertion --as gemeente prints a JWT naming the gemeente certificate by x5t#S256, valid for 300 s', async () => {
    const run = await cli('assertion', '--as', 'gemeente');
    expect(run.code, run.err).to.equal(0);
    const header = decodeProtectedHeader(run.out);
    expect(header).to.deep.equal({
      alg: 'ES256',
      typ: 'JWT',
      'x5t#S256': inspectCertificate(certPem(OIN.gemeente)).thumbprint,
    });
    const { payload } = await jwtVerify(run.out, await importX509(certPem(OIN.gemeente), 'ES256'), {
      issuer: OIN.gemeente,
      subject: OIN.gemeente,
      audience: 'http://127.0.0.1:8080/v1/token',
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).to.equal(300);
    expect(payload.jti).to.match(/^[0-9a-f-]{36}$/);
    expect(Math.abs((payload.iat ?? 0) - Date.now() / 1000)).to.be.below(5);
  });

  it('assertion takes an OIN and --url, which sets the audience; two assertions never share a jti', async () => {
    const runs = await Promise.all(
      [1, 2].map(() => cli('assertion', '--as', OIN.energie, '--url', 'https://hub.example/')),
    );
    const payloads = await Promise.all(
      runs.map(async (run) => {
        const key = await importX509(certPem(OIN.energie), 'ES256');
        return (await jwtVerify(run.out, key, { audience: 'https://hub.example/v1/token' }))
          .payload;
      }),
    );
    expect(payloads[0]?.sub).to.equal(OIN.energie);
    expect(payloads[0]?.jti).to.not.equal(payloads[1]?.jti);
  });

  it('assertion --as an unknown handle exits 2 with USAGE_INVALID listing the handles', async () => {
    const run = await cli('assertion', '--as', 'nobody');
    expect(run.code).to.equal(2);
    expect(run.err).to.match(/^error USAGE_INVALID: 'nobody' is neither an OIN .*gemeente, /);
  });

  it('token posts the client-credentials form to /v1/token and prints the access token alone', async () => {
    const received: { path?: string; type?: string; form?: URLSearchParams } = {};
    const token = `token-${randomUUID()}`;
    const { url, server } = await tokenEndpoint((form, request, response) => {
      Object.assign(received, { path: request.url, type: request.headers['content-type'], form });
      answer(
        response,
        200,
        { access_token: token, token_type: 'Bearer', expires_in: 300 },
        'application/json',
      );
    });
    servers.push(server);
    const run = await cli('token', '--as', 'gemeente', '--url', url);
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.equal(token);
    expect(received.path).to.equal('/v1/token');
    expect(received.type).to.equal('application/x-www-form-urlencoded');
    expect(received.form?.get('grant_type')).to.equal('client_credentials');
    expect(received.form?.get('client_assertion_type')).to.equal(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const key = await importX509(certPem(OIN.gemeente), 'ES256');
    const assertion = received.form?.get('client_assertion') ?? '';
    expect((await jwtVerify(assertion, key, { audience: `${url}/v1/token` })).payload.iss).to.equal(
      OIN.gemeente,
    );
  });

  it('token reports the hub’s refusal with the problem’s code on stderr and exit 1', async () => {
    const { url, server } = await tokenEndpoint((_form, _request, response) =>
      answer(
        response,
        401,
        { title: 'Unauthorized', status: 401, code: 'PARTICIPANT_SUSPENDED', detail: 'suspended' },
        'application/problem+json',
      ),
    );
    servers.push(server);
    const run = await cli('token', '--as', 'energie', '--url', url);
    expect(run.code).to.equal(1);
    expect(run.out).to.equal('');
    expect(run.err).to.match(/^error PARTICIPANT_SUSPENDED: the hub refused .*HTTP 401.*suspended/);
  });

  it('token without a hub at the URL exits 2 with USAGE_INVALID saying nobody answers', async () => {
    const { url, server } = await tokenEndpoint(() => undefined);
    await new Promise((resolve) => server.close(resolve)); // a port that was just free
    const run = await cli('token', '--as', 'gemeente', '--url', url);
    expect(run.code).to.equal(2);
    expect(run.err).to.match(/^error USAGE_INVALID: no hub answers at http:\/\/127\.0\.0\.1:\d+/);
  });
});
