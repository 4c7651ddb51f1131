/**
 * The security cases of issue 3, over real HTTP against a running hub. Each asserts the
 * specific error code and that nothing was stored as a valid message.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createSigner, KnooppuntError, ManualClock, verifyReceipt } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';
import type { Participant } from '../../src/participants/types.ts';
import { pkiPaths } from '../../src/pki/files.ts';
import { issueCertificate } from '../../src/pki/issue.ts';
import { examplePayload } from '../support/examples.ts';
import { buildMessage } from '../support/message_builder.ts';
import type { MessageSpec } from '../support/message_builder.ts';
import { RestClient, problemOf } from '../support/rest_client.ts';
import type { RestResponse } from '../support/rest_client.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';

describe('security: what the hub refuses, over HTTP', function () {
  this.timeout(60_000);
  let hub: TestHub;
  // Set when the suite starts, a minute ahead of the real time: the hub issues its development
  // certificates at this clock's time, and the clients sign at the real time.
  const clock = new ManualClock();

  before(async () => {
    clock.set(new Date(Date.now() + 60_000));
    hub = await startTestHub({ clock });
  });
  after(async () => hub?.stop());

  function saldoverzoek(overrides: Partial<MessageSpec> = {}): ReturnType<typeof buildMessage> {
    return buildMessage({
      signer: hub.signer('gemeente'),
      sender: devOin('gemeente'),
      recipient: devOin('energie'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      payload: examplePayload('saldoverzoek'),
      createdAt: clock.now(),
      ...overrides,
    });
  }

  /** The problem's code, after checking nothing under that message id was stored. */
  async function refused(response: RestResponse<unknown>, messageId?: string): Promise<string> {
    expect(response.status, JSON.stringify(response.body)).to.be.within(400, 499);
    const problem = problemOf(response);
    if (messageId !== undefined)
      expect(await hub.hub.ledger.getMessage(messageId)).to.equal(undefined);
    const { receipt } = problem as unknown as { receipt?: unknown };
    if (typeof receipt === 'string') {
      const claims = verifyReceipt(receipt, hub.hub.hubSigner.certificate);
      expect(claims.status).to.equal('rejected');
      expect(claims.reasons.map((reason) => reason.code)).to.include(problem.code);
    }
    return problem.code;
  }

  /** The registered gemeente, to add a certificate to. */
  async function gemeente(): Promise<Participant> {
    const participant = await hub.hub.registry.get(devOin('gemeente'));
    if (participant === undefined) throw new Error('the development network has no gemeente');
    return participant;
  }

  /** A second certificate for a development participant, issued by the development CA. */
  function extraSigner(
    handle: string,
    options: { validFrom?: Date; validDays?: number } = {},
  ): Signer {
    const paths = pkiPaths(join(hub.dataDir, 'pki'));
    const issued = issueCertificate({
      issuer: {
        certificatePem: readFileSync(paths.caCert, 'utf8'),
        privateKeyPem: readFileSync(paths.caKey, 'utf8'),
      },
      oin: devOin(handle),
      name: `${handle} (extra)`,
      keyAlgorithm: 'p256',
      ...options,
    });
    return createSigner(
      createPrivateKey(issued.privateKeyPem),
      new X509Certificate(issued.certificatePem),
    );
  }

  it("refuses reading another participant's mailbox and messages (FORBIDDEN)", async () => {
    const message = saldoverzoek();
    expect((await hub.client('gemeente').submit(message)).status).to.equal(201);
    const telecom = hub.client('telecom');
    expect(await refused(await telecom.mailbox({ recipient: devOin('energie') }))).to.equal(
      'FORBIDDEN',
    );
    expect(await refused(await telecom.fetchMessage(message.envelope.messageId))).to.equal(
      'FORBIDDEN',
    );
    expect(await refused(await telecom.ack(message.envelope.messageId))).to.equal('FORBIDDEN');
    expect((await hub.hub.ledger.getMessage(message.envelope.messageId))?.status).to.equal(
      'accepted',
    );
  });

  it('refuses an envelope sender that is not the authenticated participant (SENDER_MISMATCH)', async () => {
    const forged = saldoverzoek();
    expect(
      await refused(await hub.client('kredietbank').submit(forged), forged.envelope.messageId),
    ).to.equal('SENDER_MISMATCH');
  });

  it('refuses a message signed with a revoked certificate (CERT_REVOKED)', async () => {
    const signer = extraSigner('gemeente');
    await hub.hub.registry.add({
      ...(await gemeente()),
      certificatePems: [signer.certificate.toString()],
    });
    await hub.hub.registry.revokeCertificate(devOin('gemeente'), signer.thumbprint);
    const message = saldoverzoek({ signer });
    expect(
      await refused(await hub.client('gemeente').submit(message), message.envelope.messageId),
    ).to.equal('CERT_REVOKED');
  });

  it('refuses a message signed with an expired certificate (CERT_EXPIRED)', async () => {
    const signer = extraSigner('gemeente', {
      validFrom: new Date(clock.now().getTime() - 3 * 86_400_000),
      validDays: 1,
    });
    await hub.hub.registry.add({
      ...(await gemeente()),
      certificatePems: [signer.certificate.toString()],
    });
    const message = saldoverzoek({ signer });
    expect(
      await refused(await hub.client('gemeente').submit(message), message.envelope.messageId),
    ).to.equal('CERT_EXPIRED');
  });

  it('refuses a message signed with an unregistered certificate (CERT_UNKNOWN), and a token for it (ASSERTION_INVALID)', async () => {
    const signer = extraSigner('gemeente');
    const message = saldoverzoek({ signer });
    expect(
      await refused(await hub.client('gemeente').submit(message), message.envelope.messageId),
    ).to.equal('CERT_UNKNOWN');
    const stranger = new RestClient(hub.baseUrl, {
      oin: devOin('gemeente'),
      signer,
      openapi: hub.openapi,
      clock,
    });
    const token = await stranger.requestToken();
    expect(await refused(token)).to.be.oneOf(['ASSERTION_INVALID', 'CERT_UNKNOWN']);
  });

  it('refuses a suspended participant: no token, no submission (PARTICIPANT_SUSPENDED)', async () => {
    const client = hub.client('bewindvoerder');
    await client.token();
    await hub.hub.registry.setStatus(devOin('bewindvoerder'), 'suspended');
    const message = buildMessage({
      signer: hub.signer('bewindvoerder'),
      sender: devOin('bewindvoerder'),
      recipient: devOin('energie'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      payload: examplePayload('saldoverzoek', 'uitspraak'),
      createdAt: clock.now(),
    });
    expect(await refused(await client.submit(message), message.envelope.messageId)).to.equal(
      'PARTICIPANT_SUSPENDED',
    );
    client.forgetToken();
    expect(await refused(await client.requestToken())).to.equal('PARTICIPANT_SUSPENDED');
    await hub.hub.registry.setStatus(devOin('bewindvoerder'), 'active');
  });

  it('refuses a recipient that lacks the module (RECIPIENT_LACKS_MODULE)', async () => {
    const message = buildMessage({
      signer: hub.signer('gemeente'),
      sender: devOin('gemeente'),
      recipient: devOin('waarborgfonds'),
      module: 'schuldregeling',
      messageType: 'kennisgeving',
      payload: examplePayload('kennisgeving', 'zonder-bsn'),
      createdAt: clock.now(),
    });
    expect(
      await refused(await hub.client('gemeente').submit(message), message.envelope.messageId),
    ).to.equal('RECIPIENT_LACKS_MODULE');
  });

  it('refuses a sender role that may not send the type (ROLE_NOT_ALLOWED)', async () => {
    const message = buildMessage({
      signer: hub.signer('energie'),
      sender: devOin('energie'),
      recipient: devOin('gemeente'),
      module: 'schuldregeling',
      messageType: 'betaalvoorstel',
      payload: examplePayload('betaalvoorstel', 'schuldbemiddeling'),
      createdAt: clock.now(),
    });
    expect(
      await refused(await hub.client('energie').submit(message), message.envelope.messageId),
    ).to.equal('ROLE_NOT_ALLOWED');
  });

  it('refuses answering a message addressed to someone else (REPLY_NOT_ADDRESSED_TO_SENDER)', async () => {
    const request = saldoverzoek();
    expect((await hub.client('gemeente').submit(request)).status).to.equal(201);
    const answer = buildMessage({
      signer: hub.signer('telecom'),
      sender: devOin('telecom'),
      recipient: devOin('gemeente'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek-antwoord',
      payload: examplePayload('saldoverzoek-antwoord', 'twee'),
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      createdAt: clock.now(),
    });
    expect(
      await refused(await hub.client('telecom').submit(answer), answer.envelope.messageId),
    ).to.equal('REPLY_NOT_ADDRESSED_TO_SENDER');
    expect((await hub.hub.ledger.getMessage(request.envelope.messageId))?.answeredAt).to.equal(
      undefined,
    );
  });

  it('refuses a replayed message id with another payload (MESSAGE_ID_CONFLICT) and keeps the original', async () => {
    const original = saldoverzoek();
    const first = await hub.client('gemeente').submit(original);
    expect(first.status).to.equal(201);
    const replay = saldoverzoek({
      messageId: original.envelope.messageId,
      payload: { ...examplePayload('saldoverzoek'), toelichting: 'Gewijzigd' },
    });
    expect(await refused(await hub.client('gemeente').submit(replay))).to.equal(
      'MESSAGE_ID_CONFLICT',
    );
    const stored = await hub.hub.ledger.getMessage(original.envelope.messageId);
    expect(stored?.envelope.payloadDigest).to.equal(original.envelope.payloadDigest);
    expect(stored?.receipt).to.equal(first.body.receipt);
  });

  it('refuses an oversized body (BODY_TOO_LARGE) before parsing it', async () => {
    const big = saldoverzoek({
      payload: { ...examplePayload('saldoverzoek'), toelichting: 'x'.repeat(11 * 1024 * 1024) },
    });
    const response = await hub.client('gemeente').submit(big);
    expect(response.status).to.equal(413);
    expect(await refused(response, big.envelope.messageId)).to.equal('BODY_TOO_LARGE');
  });

  it('detects a forged receipt: any changed claim or a receipt signed by another key fails verification', async () => {
    const response = await hub.client('gemeente').submit(saldoverzoek());
    const [header, claims, signature] = response.body.receipt.split('.') as [
      string,
      string,
      string,
    ];
    const changed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    changed['status'] = 'accepted';
    changed['receivedAt'] = '2026-01-01T00:00:00.000Z';
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    const codeOf = (receipt: string): string => {
      try {
        verifyReceipt(receipt, hub.hub.hubSigner.certificate);
        return 'accepted';
      } catch (error) {
        return (error as KnooppuntError).code;
      }
    };
    expect(codeOf(forged)).to.equal('SIGNATURE_INVALID');
    const impostor = extraSigner('gemeente');
    expect(codeOf(response.body.receipt)).to.equal('accepted');
    expect(() => verifyReceipt(response.body.receipt, impostor.certificate)).to.throw(
      KnooppuntError,
    );
    expect(codeOf(`${header}.${claims}.${Buffer.alloc(64).toString('base64url')}`)).to.equal(
      'SIGNATURE_INVALID',
    );
  });

  it('refuses to act on a registry entry edited behind its history: as sender and as recipient (PARTICIPANT_UNVERIFIED)', async () => {
    const { ledger, registry } = hub.hub;
    // A token from before the edit: the message itself is refused, not only a new token.
    const gemeente = hub.client('gemeente');
    expect((await gemeente.submit(saldoverzoek())).status).to.equal(201);
    for (const [handle, role] of [
      ['gemeente', 'sender'],
      ['energie', 'recipient'],
    ] as const) {
      const entry = (await registry.get(devOin(handle))) as Participant;
      // Written straight to the database, as someone with access to it could: made a public
      // body, so that it would receive BSNs.
      await ledger.putParticipant({ ...entry, publicBody: true });
      registry.clearCache();
      try {
        const message = saldoverzoek();
        const code = await refused(await gemeente.submit(message), message.envelope.messageId);
        expect(code, role).to.equal('PARTICIPANT_UNVERIFIED');
        if (role === 'sender') {
          const client = hub.client('gemeente');
          client.forgetToken();
          const token = await client.token().then(
            () => 'issued',
            (error: Error) => error.message,
          );
          expect(token).to.match(/PARTICIPANT_UNVERIFIED/);
        }
      } finally {
        await ledger.putParticipant(entry);
        registry.clearCache();
      }
    }
    expect((await hub.client('gemeente').submit(saldoverzoek())).status).to.equal(201);
  });
});
