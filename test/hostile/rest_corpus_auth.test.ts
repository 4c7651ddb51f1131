/**
 * The hostile-input corpus over REST, credentials (issue 12): `alg: none` and HMAC keyed with
 * a public key (access tokens, client assertions, envelopes), another participant's
 * certificate, expired, not-yet-valid, revoked, self-signed and foreign-CA certificates (for a
 * token and for a signature), replayed and re-used assertions and tokens, and a suspended
 * participant's credentials. Every case gets its own code, stores nothing and leaves the hub
 * serving (rest_corpus_world.ts).
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { createSigner, ENVELOPE_JWS_TYPE } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';
import { pkiPaths } from '../../src/pki/files.ts';
import { issueCertificate } from '../../src/pki/issue.ts';
import { createTestPki } from '../support/pki_fixtures.ts';
import { clientAssertion } from '../support/rest_client.ts';
import type { PortalClient } from '../support/portal_client.ts';
import { cases, compactJws, oin, RestCorpus } from './rest_corpus_world.ts';
import type { Case } from './rest_corpus_world.ts';

const DAY = 86_400_000;

describe('hostile REST credentials: algorithms, certificates, replays, suspension', function () {
  this.timeout(60_000);
  let corpus: RestCorpus;
  const world = (): RestCorpus => corpus;
  /** Extra certificates of gemeente, registered (or not) before the cases run. */
  const extra: Record<string, Signer> = {};

  before(async () => {
    corpus = await RestCorpus.start();
    const now = corpus.clock.now().getTime();
    extra['expired'] = devCaSigner({ validFrom: new Date(now - 3 * DAY), validDays: 1 });
    extra['not yet valid'] = devCaSigner({ validFrom: new Date(now + 2 * DAY), validDays: 30 });
    extra['revoked'] = devCaSigner({});
    extra['self-signed'] = selfSigned(oin('gemeente'));
    extra['another CA'] = createTestPki({ at: corpus.clock.now() }).participant(
      oin('gemeente'),
      'Gemeente',
    ).signer;
    for (const signer of Object.values(extra)) {
      await corpus.testHub.hub.registry.addCertificate(
        oin('gemeente'),
        signer.certificate.toString(),
      );
    }
    await corpus.testHub.hub.registry.revokeCertificate(
      oin('gemeente'),
      (extra['revoked'] as Signer).thumbprint,
    );
    extra['unregistered'] = devCaSigner({});
  });
  after(async () => corpus?.stop());

  /** A certificate for gemeente from the hub's own development CA. */
  function devCaSigner(options: { validFrom?: Date; validDays?: number }): Signer {
    const paths = pkiPaths(join(corpus.testHub.dataDir, 'pki'));
    const issued = issueCertificate({
      issuer: {
        certificatePem: readFileSync(paths.caCert, 'utf8'),
        privateKeyPem: readFileSync(paths.caKey, 'utf8'),
      },
      oin: oin('gemeente'),
      name: 'Gemeente (extra)',
      keyAlgorithm: 'p256',
      now: () => corpus.clock.now(),
      ...options,
    });
    return createSigner(
      createPrivateKey(issued.privateKeyPem),
      new X509Certificate(issued.certificatePem),
    );
  }

  const seconds = (c: RestCorpus): number => Math.floor(c.clock.now().getTime() / 1000);
  /** Access-token claims as the hub would issue them to gemeente. */
  const tokenClaims = (c: RestCorpus) => ({
    iss: c.testHub.hub.hubOin,
    sub: oin('gemeente'),
    aud: 'knooppunt-api',
    iat: seconds(c),
    exp: seconds(c) + 60,
    jti: 'x',
  });
  /** GET /v1/mailbox with this bearer token. */
  const bearer = (token: string) => (c: RestCorpus) =>
    c.send('GET', '/v1/mailbox', { auth: token });
  const withToken = (make: (c: RestCorpus) => string) => (c: RestCorpus) => bearer(make(c))(c);
  /** A token request carrying this client assertion. */
  const withAssertion = (make: (c: RestCorpus) => string) => (c: RestCorpus) =>
    c.token(c.tokenForm().replace(/client_assertion=[^&]*$/, `client_assertion=${make(c)}`));
  /** Assertion claims of gemeente at the hub's time. */
  const assertionClaims = (c: RestCorpus) => ({
    iss: oin('gemeente'),
    sub: oin('gemeente'),
    aud: c.as('gemeente').audience,
    iat: seconds(c),
    exp: seconds(c) + 60,
    jti: crypto.randomUUID(),
  });
  /** A message of gemeente whose signature is `sign(header, envelope)`. */
  const envelopeSigned = (sign: (c: RestCorpus, envelope: object) => string) => (c: RestCorpus) => {
    const m = c.message();
    return c.submit({ ...m, signature: sign(c, m.envelope) });
  };
  const pem =
    (handle: string) =>
    (c: RestCorpus): Buffer =>
      Buffer.from(c.testHub.signer(handle).certificate.toString());
  const hubPem = (c: RestCorpus): Buffer =>
    Buffer.from(c.testHub.hub.hubSigner.certificate.toString());
  const gemeente = (c: RestCorpus): Signer => c.testHub.signer('gemeente');

  describe('alg none and HMAC keyed with a public key', () => {
    // prettier-ignore
    cases(world, [
      ['an access token with alg none', 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'none', typ: 'at+jwt' }, tokenClaims(c), undefined))],
      ['an access token with alg None', 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'None', typ: 'at+jwt' }, tokenClaims(c), undefined))],
      ['an access token with alg none, submitting', 401, 'TOKEN_INVALID', (c) => c.send('POST', '/v1/messages', { body: c.message(), auth: compactJws({ alg: 'none', typ: 'at+jwt' }, tokenClaims(c), undefined) })],
      ["an access token HS256-keyed with the hub's certificate PEM", 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'HS256', typ: 'at+jwt' }, tokenClaims(c), undefined, hubPem(c)))],
      ["an access token HS256-keyed with the hub's public key", 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'HS256', typ: 'at+jwt' }, tokenClaims(c), undefined, Buffer.from(c.testHub.hub.hubSigner.certificate.publicKey.export({ type: 'spki', format: 'pem' }))))],
      ['an access token under ES384', 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'ES384', typ: 'at+jwt' }, tokenClaims(c), c.testHub.hub.hubSigner))],
      ['a client assertion with alg none', 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'none', typ: 'JWT', 'x5t#S256': gemeente(c).thumbprint }, assertionClaims(c), undefined))],
      ['a client assertion HS256-keyed with its certificate PEM', 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'HS256', typ: 'JWT', 'x5t#S256': gemeente(c).thumbprint }, assertionClaims(c), undefined, pem('gemeente')(c)))],
      ['a client assertion with crit', 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'ES256', typ: 'JWT', 'x5t#S256': gemeente(c).thumbprint, crit: ['exp'] }, assertionClaims(c), gemeente(c)))],
      ['an envelope with alg none and no signature', 422, 'SIGNATURE_MALFORMED', envelopeSigned((c, e) => compactJws({ alg: 'none', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': gemeente(c).thumbprint }, e, undefined))],
      ['an envelope with alg none and a signature', 422, 'ALG_NOT_ALLOWED', envelopeSigned((c, e) => `${compactJws({ alg: 'none', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': gemeente(c).thumbprint }, e, undefined)}AAAA`)],
      ['an envelope HS256-keyed with its certificate PEM', 422, 'ALG_NOT_ALLOWED', envelopeSigned((c, e) => compactJws({ alg: 'HS256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': gemeente(c).thumbprint }, e, undefined, pem('gemeente')(c)))],
      ['an envelope under RS256', 422, 'ALG_NOT_ALLOWED', envelopeSigned((c, e) => compactJws({ alg: 'RS256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': gemeente(c).thumbprint }, e, gemeente(c)))],
      ['an envelope typed JWT', 422, 'TYP_INVALID', envelopeSigned((c, e) => compactJws({ alg: 'ES256', typ: 'JWT', 'x5t#S256': gemeente(c).thumbprint }, e, gemeente(c)))],
    ]);
  });

  describe("another participant's certificate", () => {
    const as = (c: RestCorpus, handle: string) => c.testHub.signer(handle);
    // prettier-ignore
    cases(world, [
      ["an assertion of gemeente signed with energie's key and certificate", 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'ES256', typ: 'JWT', 'x5t#S256': as(c, 'energie').thumbprint }, assertionClaims(c), as(c, 'energie')))],
      ["an assertion of gemeente naming energie's certificate", 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'ES256', typ: 'JWT', 'x5t#S256': as(c, 'energie').thumbprint }, assertionClaims(c), gemeente(c)))],
      ["an assertion naming gemeente's certificate, signed by energie", 401, 'ASSERTION_INVALID', withAssertion((c) => compactJws({ alg: 'ES256', typ: 'JWT', 'x5t#S256': gemeente(c).thumbprint }, assertionClaims(c), as(c, 'energie')))],
      ["a token signed with a participant's key", 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'ES256', typ: 'at+jwt' }, tokenClaims(c), gemeente(c)))],
      ["an envelope of gemeente signed with energie's key and certificate", 422, 'CERT_OIN_MISMATCH', envelopeSigned((c, e) => compactJws({ alg: 'ES256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': as(c, 'energie').thumbprint }, e, as(c, 'energie')))],
      ["an envelope of gemeente naming energie's certificate", 422, 'SIGNATURE_INVALID', envelopeSigned((c, e) => compactJws({ alg: 'ES256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': as(c, 'energie').thumbprint }, e, gemeente(c)))],
      ["an envelope naming gemeente's certificate, signed by energie", 422, 'SIGNATURE_INVALID', envelopeSigned((c, e) => compactJws({ alg: 'ES256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': gemeente(c).thumbprint }, e, as(c, 'energie')))],
      ["a message of energie submitted with gemeente's token", 403, 'SENDER_MISMATCH', (c) => c.submit(c.message('energie', 'gemeente'))],
      ["the hub's certificate named by an envelope", 422, 'CERT_UNKNOWN', envelopeSigned((c, e) => compactJws({ alg: 'ES256', typ: ENVELOPE_JWS_TYPE, 'x5t#S256': c.testHub.hub.hubSigner.thumbprint }, e, c.testHub.hub.hubSigner))],
    ]);
  });

  describe('expired, not-yet-valid, revoked, self-signed and foreign certificates', () => {
    const kinds = [
      ['expired', 'CERT_EXPIRED'],
      ['not yet valid', 'CERT_NOT_YET_VALID'],
      ['revoked', 'CERT_REVOKED'],
      ['self-signed', 'CERT_UNTRUSTED'],
      ['another CA', 'CERT_UNTRUSTED'],
      ['unregistered', 'CERT_UNKNOWN'],
    ] as const;
    const signer = (kind: string): Signer => extra[kind] as Signer;
    // prettier-ignore
    cases(world, kinds.flatMap(([kind, code]): Case[] => [
      [`a client assertion with a ${kind} certificate`, 401, code, withAssertion((c) => clientAssertion(signer(kind), oin('gemeente'), c.as('gemeente').audience, { iat: seconds(c) }))],
      [`an envelope signed with a ${kind} certificate`, 422, code, (c) => c.submit(c.message('gemeente', 'energie', { signer: signer(kind) }))],
    ]));
  });

  describe('replayed and re-used assertions and tokens', () => {
    /** Runs `work` with the clock `ms` ahead, then puts it back. */
    const later = async <T>(c: RestCorpus, ms: number, work: () => Promise<T>): Promise<T> => {
      const now = c.clock.now();
      c.clock.set(new Date(now.getTime() + ms));
      try {
        return await work();
      } finally {
        c.clock.set(now);
      }
    };
    const used = async (c: RestCorpus, assertion: string) => {
      const first = await withAssertion(() => assertion)(c);
      expect(first.status).to.equal(200);
      return (first.body as { access_token: string }).access_token;
    };
    const swap = (token: string, change: Record<string, unknown>): string => {
      const [head, claims, sig] = token.split('.') as [string, string, string];
      const changed = {
        ...(JSON.parse(Buffer.from(claims, 'base64url').toString()) as object),
        ...change,
      };
      return `${head}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${sig}`;
    };
    // prettier-ignore
    cases(world, [
      ['an assertion used twice', 401, 'ASSERTION_INVALID', async (c) => { const a = c.assertion(); await used(c, a); return withAssertion(() => a)(c); }],
      ['an assertion replayed after it expired', 401, 'ASSERTION_INVALID', async (c) => { const a = c.assertion({ jti: crypto.randomUUID() }); return later(c, 10 * 60_000, () => withAssertion(() => a)(c)); }],
      ['an assertion whose iat lies in the future', 401, 'ASSERTION_INVALID', withAssertion((c) => c.assertion({ iat: seconds(c) + 120, exp: seconds(c) + 180 }))],
      ['an assertion that lives an hour', 401, 'ASSERTION_INVALID', withAssertion((c) => c.assertion({ exp: seconds(c) + 3600 }))],
      ['an assertion for another audience', 401, 'ASSERTION_INVALID', withAssertion((c) => c.assertion({ aud: 'https://hub.example/v1/token' }))],
      ['a token replayed after it expired', 401, 'TOKEN_INVALID', async (c) => { const t = await used(c, c.assertion()); return later(c, 10 * 60_000, () => bearer(t)(c)); }],
      ['a token whose sub was changed to another participant', 401, 'TOKEN_INVALID', async (c) => bearer(swap(await used(c, c.assertion()), { sub: oin('energie') }))(c)],
      ['a token whose exp was moved on', 401, 'TOKEN_INVALID', async (c) => bearer(swap(await used(c, c.assertion()), { exp: seconds(c) + 86_400 }))(c)],
      ['a hub receipt (of a rejection) as a bearer token', 401, 'TOKEN_INVALID', async (c) => bearer(((await c.as('gemeente').submit(c.message('energie', 'gemeente'))).body as { receipt: string }).receipt)(c)],
      ['a client assertion as a bearer token', 401, 'TOKEN_INVALID', withToken((c) => c.assertion())],
      ["an envelope's signature as a bearer token", 401, 'TOKEN_INVALID', withToken((c) => c.message().signature)],
      ['an access token as a client assertion', 401, 'ASSERTION_INVALID', async (c) => { const t = await c.as('gemeente').token(); return withAssertion(() => t)(c); }],
      ['a token of another hub with the same claims', 401, 'TOKEN_INVALID', withToken((c) => compactJws({ alg: 'ES256', typ: 'at+jwt' }, tokenClaims(c), createTestPki({ at: c.clock.now() }).participant(c.testHub.hub.hubOin, 'Other hub').signer))],
    ]);
  });

  describe("a suspended participant's credentials", () => {
    let token = '';
    let portal: PortalClient;
    let own = '';
    before(async () => {
      const incasso = corpus.as('incasso');
      const request = corpus.message('gemeente', 'incasso');
      expect((await corpus.as('gemeente').submit(request)).status).to.equal(201);
      own = request.envelope.messageId;
      token = await incasso.token();
      portal = await corpus.portal('incasso');
      await corpus.testHub.hub.registry.setStatus(incasso.oin, 'suspended');
    });
    after(async () => corpus.testHub.hub.registry.setStatus(oin('incasso'), 'active'));
    const suspended = (method: string, path: string) => (c: RestCorpus) =>
      c.send(method, path, { auth: token }, 'incasso');
    // prettier-ignore
    cases(world, [
      ['its token at the mailbox', 403, 'PARTICIPANT_SUSPENDED', suspended('GET', '/v1/mailbox')],
      ['its token at the directory', 403, 'PARTICIPANT_SUSPENDED', suspended('GET', '/v1/participants')],
      ['its token at the schemas', 403, 'PARTICIPANT_SUSPENDED', suspended('GET', '/v1/schemas')],
      ['its token fetching a message addressed to it', 403, 'PARTICIPANT_SUSPENDED', (c) => suspended('GET', `/v1/messages/${own}`)(c)],
      ['its token acknowledging a message addressed to it', 403, 'PARTICIPANT_SUSPENDED', (c) => suspended('POST', `/v1/messages/${own}/ack`)(c)],
      ['its token submitting', 403, 'PARTICIPANT_SUSPENDED', (c) => c.send('POST', '/v1/messages', { body: c.message('incasso', 'gemeente'), auth: token }, 'incasso')],
      ['a new token request', 403, 'PARTICIPANT_SUSPENDED', (c) => c.as('incasso').requestToken({ iat: seconds(c) })],
      ['its portal session reading its participant', 403, 'PARTICIPANT_SUSPENDED', (c) => c.portalRaw(portal, 'GET', '/v1/portal/participant')],
      ['a message sent to it', 422, 'RECIPIENT_SUSPENDED', (c) => c.submit(c.message('gemeente', 'incasso'))],
    ]);
  });
});

/** A self-signed P-256 end-entity certificate naming `oin`, made with openssl. */
function selfSigned(oin: string): Signer {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-selfsigned-'));
  try {
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '3650',
        '-subj',
        `/C=NL/O=Zelf/CN=Zelf/serialNumber=${oin}`,
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-addext',
        'keyUsage=critical,digitalSignature',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
    return createSigner(
      createPrivateKey(readFileSync(join(dir, 'key.pem'), 'utf8')),
      new X509Certificate(readFileSync(join(dir, 'cert.pem'), 'utf8')),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
