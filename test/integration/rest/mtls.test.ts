import { expect } from 'chai';
import { devParticipant } from '../../../src/devnet/dev_network.ts';
import type { DevParticipant } from '../../../src/devnet/dev_network.ts';
import { createTestPki } from '../../support/pki_fixtures.ts';
import { RestClient, problemOf } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

describe('REST transport: mutual TLS', () => {
  let testHub: TestHub;

  before(async () => {
    testHub = await startTestHub({ tls: true });
  });
  after(() => testHub.stop());

  /** A client presenting a certificate for `handle`'s OIN from a CA the hub does not trust. */
  function strangerClient(handle: string): RestClient {
    const stranger = createTestPki().participant(devOin(handle), 'Someone Else');
    return new RestClient(testHub.baseUrl, {
      oin: stranger.oin,
      signer: stranger.signer,
      openapi: testHub.openapi,
      ca: testHub.caPem,
      mtls: true,
    });
  }

  it('serves HTTPS and authenticates a registered client certificate', async () => {
    expect(testHub.baseUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await testHub.client('gemeente', { mtls: true }).mailbox();
    expect(response.status).to.equal(200);
    expect(response.body.items).to.deep.equal([]);
  });

  it('takes the sender identity from the client certificate when submitting', async () => {
    const message = saldoverzoek(testHub, 'kredietbank', 'energie');
    const response = await testHub.client('kredietbank', { mtls: true }).submit(message);
    expect(response.status).to.equal(201);
    const stored = await testHub.hub.ledger.getMessage(message.envelope.messageId);
    expect(stored?.sender).to.equal(devOin('kredietbank'));
    const fetched = await testHub
      .client('energie', { mtls: true })
      .fetchMessage(message.envelope.messageId);
    expect(fetched.status).to.equal(200);
  });

  it('refuses a certificate from another CA with 401 CERT_UNKNOWN', async () => {
    const response = await strangerClient('gemeente').mailbox();
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('CERT_UNKNOWN');
  });

  it('refuses a registered certificate that does not chain to the trust bundle (401 CERT_UNTRUSTED)', async () => {
    const client = strangerClient('bewindvoerder');
    const { handle: _handle, ...fields } = devParticipant('bewindvoerder') as DevParticipant;
    await testHub.hub.registry.add({
      ...fields,
      certificatePems: [client.signer.certificate.toString()],
    });
    const response = await client.mailbox();
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('CERT_UNTRUSTED');
  });

  it('refuses a revoked client certificate with 401 CERT_REVOKED', async () => {
    const client = testHub.client('duo', { mtls: true });
    expect((await client.mailbox()).status).to.equal(200);
    await testHub.hub.registry.revokeCertificate(client.oin, client.signer.thumbprint);
    const response = await client.mailbox();
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('CERT_REVOKED');
  });

  it('still accepts bearer tokens over HTTPS, and refuses no credentials with 401', async () => {
    const withToken = await testHub.client('cak').mailbox();
    expect(withToken.status).to.equal(200);
    const none = await testHub.client('cak').raw('GET', '/v1/mailbox', { auth: 'none' });
    expect(none.status).to.equal(401);
    expect(problemOf(none).code).to.equal('UNAUTHENTICATED');
  });

  it('refuses a client certificate and a bearer token that name different participants', async () => {
    const token = await testHub.client('cjib').token();
    const response = await testHub
      .client('gemeente', { mtls: true })
      .raw('GET', '/v1/mailbox', { auth: token });
    expect(response.status).to.equal(401);
    expect(problemOf(response).code).to.equal('UNAUTHENTICATED');
  });
});
