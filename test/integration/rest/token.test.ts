import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { LedgerError } from '@knooppunt/standard';
import type { ClaimStore } from '../../../src/ledger/port.ts';
import { createTestPki } from '../../support/pki_fixtures.ts';
import { RestClient, clientAssertion, problemOf } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('REST transport: POST /v1/token (RFC 7523 client assertions)', () => {
  let testHub: TestHub;
  let gemeente: RestClient;

  before(async () => {
    testHub = await startTestHub();
    gemeente = testHub.client('gemeente');
  });
  after(() => testHub.stop());

  const now = (): number => Math.floor(Date.now() / 1000);

  it('issues an ES256 bearer token for the participant that signed a good assertion', async () => {
    const response = await gemeente.requestToken();
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    const { access_token: token, token_type: type, expires_in: ttl } = response.body;
    expect(type).to.equal('Bearer');
    expect(ttl).to.equal(testHub.hub.config.tokenTtlSeconds);
    const claims = jwt.verify(token, testHub.hub.hubSigner.certificate.publicKey, {
      algorithms: ['ES256'],
      complete: true,
    });
    expect(claims.header.typ).to.equal('at+jwt');
    expect(claims.payload).to.include({
      iss: testHub.hub.hubOin,
      sub: devOin('gemeente'),
      aud: 'knooppunt-api',
    });
    const mailbox = await gemeente.raw('GET', '/v1/mailbox', { auth: token });
    expect(mailbox.status).to.equal(200);
  });

  it('accepts the token request as JSON too', async () => {
    const response = await gemeente.raw('POST', '/v1/token', {
      body: {
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: clientAssertion(gemeente.signer, gemeente.oin, gemeente.audience),
      },
      auth: 'none',
    });
    expect(response.status).to.equal(200);
    expect(response.body.token_type).to.equal('Bearer');
  });

  it('refuses an expired assertion with 401 ASSERTION_INVALID and error invalid_client', async () => {
    const response = await gemeente.requestToken({ iat: now() - 400, exp: now() - 100 });
    expect(response.status).to.equal(401);
    expect(problemOf(response)).to.include({ code: 'ASSERTION_INVALID', error: 'invalid_client' });
    expect(problemOf(response).detail).to.match(/expired/);
  });

  it('refuses an assertion that lives longer than 300 seconds', async () => {
    const response = await gemeente.requestToken({ exp: now() + 600 });
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('ASSERTION_INVALID');
  });

  it('refuses an assertion for another audience', async () => {
    const response = await gemeente.requestToken({ aud: 'https://other-hub.example/v1/token' });
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('ASSERTION_INVALID');
    expect(problemOf(response).detail).to.match(/audience/);
  });

  it('refuses a replayed jti until the assertion expires', async () => {
    const jti = 'replay-me-once';
    expect((await gemeente.requestToken({ jti })).status).to.equal(200);
    const replay = await gemeente.requestToken({ jti });
    expect(replay.status).to.equal(401);
    expect(problemOf(replay).code).to.equal('ASSERTION_INVALID');
    expect(problemOf(replay).detail).to.match(/used before/);
    // The same jti of another participant is its own.
    expect((await testHub.client('kredietbank').requestToken({ jti })).status).to.equal(200);
  });

  /** Posts one given assertion (the same bytes each time, as a replaying attacker does). */
  const exchange = (assertion: string) =>
    gemeente.raw('POST', '/v1/token', {
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      auth: 'none',
    });

  /** Replaces the ledger's claimOnce for one test; returns how to put it back. */
  function substituteClaims(claimOnce: ClaimStore['claimOnce']): () => void {
    const ledger = testHub.hub.ledger as unknown as Record<string, unknown>;
    ledger['claimOnce'] = claimOnce;
    return () => void Reflect.deleteProperty(ledger, 'claimOnce'); // the prototype's again
  }

  it('claims a jti in the ledger once, and refuses its replay here without asking the ledger again', async () => {
    const { ledger } = testHub.hub;
    const claimOnce = ledger.claimOnce.bind(ledger);
    const asked: string[] = [];
    const restore = substituteClaims((key, at, until) => {
      asked.push(key);
      return claimOnce(key, at, until);
    });
    try {
      const assertion = clientAssertion(gemeente.signer, gemeente.oin, gemeente.audience, {
        jti: 'claimed-in-the-ledger',
      });
      expect((await exchange(assertion)).status).to.equal(200);
      const replay = await exchange(assertion);
      expect(replay.status).to.equal(401);
      expect(problemOf(replay).code).to.equal('ASSERTION_INVALID');
      expect(asked).to.deep.equal([`${gemeente.oin} claimed-in-the-ledger`]);
    } finally {
      restore();
    }
  });

  it('answers 503 LEDGER_UNAVAILABLE with Retry-After when the ledger cannot record the jti, and takes the same assertion once it can', async () => {
    const assertion = clientAssertion(gemeente.signer, gemeente.oin, gemeente.audience, {
      jti: 'ledger-away',
    });
    const restore = substituteClaims(() =>
      Promise.reject(new LedgerError('LEDGER_UNAVAILABLE', 'the ledger cannot be reached')),
    );
    try {
      const deferred = await exchange(assertion);
      expect(deferred.status).to.equal(503);
      expect(problemOf(deferred).code).to.equal('LEDGER_UNAVAILABLE');
      expect(deferred.headers.get('retry-after')).to.match(/^\d+$/);
    } finally {
      restore();
    }
    // Nothing was remembered of the unchecked attempt: the same assertion is good now, once.
    expect((await exchange(assertion)).status).to.equal(200);
    expect(problemOf(await exchange(assertion)).code).to.equal('ASSERTION_INVALID');
  });

  it('refuses an assertion whose iss is not the certificate owner', async () => {
    const response = await gemeente.requestToken({ iss: devOin('kredietbank') });
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('ASSERTION_INVALID');
  });

  it('refuses an assertion signed with an unregistered certificate with 401 CERT_UNKNOWN', async () => {
    const stranger = createTestPki().participant(devOin('gemeente'), 'Gemeente Utrecht');
    const client = new RestClient(testHub.baseUrl, {
      oin: stranger.oin,
      signer: stranger.signer,
      openapi: testHub.openapi,
    });
    const response = await client.requestToken();
    expect(response.status).to.equal(401);
    expect(problemOf(response)).to.include({ code: 'CERT_UNKNOWN', error: 'invalid_client' });
  });

  it('refuses an assertion whose signature does not match the named certificate', async () => {
    // Another key, but the header names gemeente's registered certificate.
    const stranger = createTestPki().participant(devOin('gemeente'), 'Gemeente Utrecht');
    const forged = new RestClient(testHub.baseUrl, {
      oin: stranger.oin,
      signer: { ...stranger.signer, thumbprint: gemeente.signer.thumbprint },
      openapi: testHub.openapi,
    });
    const refused = await forged.requestToken();
    expect(refused.status).to.equal(401);
    expect(problemOf(refused).code).to.equal('ASSERTION_INVALID');
    expect(problemOf(refused).detail).to.match(/signature/);
  });

  it('refuses an HMAC-signed assertion (algorithm allow-list)', async () => {
    const assertion = jwt.sign(
      { iss: gemeente.oin, sub: gemeente.oin, aud: gemeente.audience, jti: 'hs', exp: now() + 60 },
      'a shared secret',
      { algorithm: 'HS256', header: { alg: 'HS256', 'x5t#S256': gemeente.signer.thumbprint } },
    );
    const response = await gemeente.raw('POST', '/v1/token', {
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      auth: 'none',
    });
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('ASSERTION_INVALID');
  });

  it('answers a request that is not a client-credentials grant with 400 and the OAuth error', async () => {
    const response = await gemeente.requestToken({}, { grant_type: 'password' });
    expect(response.status).to.equal(400);
    expect(problemOf(response)).to.include({
      code: 'USAGE_INVALID',
      error: 'unsupported_grant_type',
    });
  });

  it('refuses an assertion signed with a revoked certificate with 401 CERT_REVOKED', async () => {
    const telecom = testHub.client('telecom');
    await testHub.hub.registry.revokeCertificate(telecom.oin, telecom.signer.thumbprint);
    const response = await telecom.requestToken();
    expect(response.status).to.equal(401);
    expect(problemOf(response)).to.include({ code: 'CERT_REVOKED', error: 'invalid_client' });
  });

  it('refuses a suspended participant with 403 PARTICIPANT_SUSPENDED, its old token too', async () => {
    const incasso = testHub.client('incasso');
    const token = await incasso.token();
    await testHub.hub.registry.setStatus(incasso.oin, 'suspended');
    const refused = await incasso.requestToken();
    expect(refused.status).to.equal(403);
    expect(problemOf(refused).code).to.equal('PARTICIPANT_SUSPENDED');
    const withOldToken = await incasso.raw('GET', '/v1/mailbox', { auth: token });
    expect(withOldToken.status).to.equal(403);
    expect(problemOf(withOldToken).code).to.equal('PARTICIPANT_SUSPENDED');
  });

  it('refuses a bearer token the hub did not issue with 401 TOKEN_INVALID', async () => {
    const forged = jwt.sign(
      { iss: testHub.hub.hubOin, sub: gemeente.oin, aud: 'knooppunt-api' },
      gemeente.signer.privateKey,
      { algorithm: 'ES256', header: { alg: 'ES256', typ: 'at+jwt' }, expiresIn: 60 },
    );
    for (const token of [forged, 'not-a-jwt']) {
      const response = await gemeente.raw('GET', '/v1/mailbox', { auth: token });
      expect(response.status).to.equal(401);
      expect(problemOf(response).code).to.equal('TOKEN_INVALID');
      expect(response.headers.get('www-authenticate')).to.match(/invalid_token/);
    }
  });
});
