import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

describe('REST transport: HTTP behaviour', () => {
  let testHub: TestHub;
  let gemeente: RestClient;

  before(async () => {
    testHub = await startTestHub({ env: { KNOOPPUNT_MAX_BODY_BYTES: '8192' } });
    gemeente = testHub.client('gemeente');
  });
  after(() => testHub.stop());

  it('answers health without authentication and without touching the ledger', async () => {
    const response = await gemeente.raw('GET', '/v1/health', { auth: 'none' });
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ok' });
  });

  it('reports ready with a check per dependency', async () => {
    const response = await gemeente.raw('GET', '/v1/ready', { auth: 'none' });
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ status: 'ready', checks: { ledger: 'ok' } });
  });

  it('serves the hub certificate as PEM to anyone, so receipts can be verified', async () => {
    const response = await gemeente.raw<string>('GET', '/v1/hub/certificate', { auth: 'none' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/x-pem-file/);
    const certificate = new X509Certificate(response.body);
    expect(certificate.raw.equals(testHub.hub.hubSigner.certificate.raw)).to.equal(true);
  });

  it('serves the OpenAPI 3.1 document with the hub as its server', async () => {
    const response = await gemeente.raw('GET', '/openapi.json', { auth: 'none' });
    expect(response.status).to.equal(200);
    expect(response.body['openapi']).to.equal('3.1.0');
    expect(response.body['servers']).to.deep.equal([{ url: testHub.baseUrl }]);
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND problem details', async () => {
    const response = await gemeente.raw('GET', '/v1/nothing-here');
    expect(response.status).to.equal(404);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(problemOf(response)).to.include({
      code: 'ROUTE_NOT_FOUND',
      status: 404,
      type: 'https://knooppunt.nl/problems/route-not-found',
      instance: '/v1/nothing-here',
    });
  });

  it('answers a known route with a wrong method with 405 and the Allow header', async () => {
    const response = await gemeente.raw('DELETE', '/v1/mailbox');
    expect(response.status).to.equal(405);
    expect(response.headers.get('allow')).to.equal('GET, HEAD');
    expect(problemOf(response).code).to.equal('METHOD_NOT_ALLOWED');
  });

  it('echoes a sensible X-Request-Id and puts it in problem details', async () => {
    const response = await gemeente.raw('GET', '/v1/nothing', {
      headers: { 'X-Request-Id': 'trace-42' },
    });
    expect(response.headers.get('x-request-id')).to.equal('trace-42');
    expect(problemOf(response).requestId).to.equal('trace-42');
    const generated = await gemeente.raw('GET', '/v1/health', {
      headers: { 'X-Request-Id': 'no spaces or <tags> please' },
    });
    expect(generated.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('refuses requests without credentials with 401 UNAUTHENTICATED and a Bearer challenge', async () => {
    const response = await gemeente.raw('GET', '/v1/mailbox', { auth: 'none' });
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.match(/^Bearer /);
    expect(problemOf(response).code).to.equal('UNAUTHENTICATED');
  });

  it('refuses a message body that is not application/json with 415', async () => {
    const response = await gemeente.raw('POST', '/v1/messages', {
      body: 'hello',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(response.status).to.equal(415);
    expect(problemOf(response).code).to.equal('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over KNOOPPUNT_MAX_BODY_BYTES with 413 BODY_TOO_LARGE and records nothing', async () => {
    const message = saldoverzoek(testHub, 'gemeente', 'energie', {
      payload: { padding: 'x'.repeat(10_000) },
    });
    const response = await gemeente.submit(message);
    expect(response.status).to.equal(413);
    expect(problemOf(response).code).to.equal('BODY_TOO_LARGE');
    expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(undefined);
  });

  it('answers unparseable JSON with 400 MALFORMED_MESSAGE', async () => {
    const response = await gemeente.raw('POST', '/v1/messages', {
      body: '{"envelope": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).to.equal(400);
    expect(problemOf(response).code).to.equal('MALFORMED_MESSAGE');
  });
});
