import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { verifyReceipt } from '@knooppunt/standard';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import { expiry } from '../../../src/lifecycle/index.ts';
import { examplePayload } from '../../support/examples.ts';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

describe('REST transport: messages', () => {
  let testHub: TestHub;
  let gemeente: RestClient;
  let hubCertificate: X509Certificate;

  before(async () => {
    testHub = await startTestHub();
    gemeente = testHub.client('gemeente');
    const pem = await gemeente.raw<string>('GET', '/v1/hub/certificate', { auth: 'none' });
    hubCertificate = new X509Certificate(pem.body);
  });
  after(() => testHub.stop());

  describe('POST /v1/messages', () => {
    it('accepts a valid saldoverzoek with 201, a Location and a receipt that verifies', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'belastingdienst');
      const { messageId } = message.envelope;
      const response = await gemeente.submit(message);
      expect(response.status).to.equal(201);
      expect(response.headers.get('location')).to.equal(`/v1/messages/${messageId}/status`);
      expect(response.body).to.include({ status: 'accepted', messageId });
      expect(response.body.duplicate).to.equal(undefined);
      const claims = verifyReceipt(response.body.receipt, hubCertificate);
      expect(claims).to.include({
        status: 'accepted',
        messageId,
        sender: devOin('gemeente'),
        recipient: devOin('belastingdienst'),
        payloadDigest: message.envelope.payloadDigest,
        ledgerPosition: response.body.ledgerPosition,
        receivedAt: response.body.receivedAt,
      });
      const stored = await testHub.hub.ledger.getMessage(messageId);
      expect(stored).to.include({
        status: 'accepted',
        transport: 'rest',
        receipt: response.body.receipt,
      });
      expect(stored?.payload).to.deep.equal(message.payload);
    });

    it('answers the same message again with 200, duplicate: true and the original receipt', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'cjib');
      const first = await gemeente.submit(message);
      const again = await gemeente.submit(message);
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal({ ...first.body, duplicate: true });
      const events = await testHub.hub.ledger.listEvents(message.envelope.messageId);
      expect(events.map((event) => event.type)).to.deep.equal(['received']);
    });

    it('refuses another payload under a known message id with 409 MESSAGE_ID_CONFLICT', async () => {
      const original = saldoverzoek(testHub, 'gemeente', 'duo');
      expect((await gemeente.submit(original)).status).to.equal(201);
      const payload = { ...examplePayload('saldoverzoek'), peildatum: '2026-11-01' };
      const impostor = saldoverzoek(testHub, 'gemeente', 'duo', {
        messageId: original.envelope.messageId,
        payload,
      });
      const response = await gemeente.submit(impostor);
      expect(response.status).to.equal(409);
      const problem = problemOf(response);
      expect(problem.code).to.equal('MESSAGE_ID_CONFLICT');
      expect(problem.reasons).to.deep.equal([
        { code: 'MESSAGE_ID_CONFLICT', detail: problem.detail },
      ]);
      const claims = verifyReceipt(problem.receipt ?? '', hubCertificate);
      expect(claims.status).to.equal('rejected');
      const stored = await testHub.hub.ledger.getMessage(original.envelope.messageId);
      expect(stored?.envelope.payloadDigest).to.equal(original.envelope.payloadDigest);
    });

    it('rejects a schema-invalid payload with 422 SCHEMA_INVALID, violations and a signed receipt', async () => {
      const payload = { ...examplePayload('saldoverzoek'), peildatum: '23-11-2026' };
      const message = saldoverzoek(testHub, 'gemeente', 'cak', { payload });
      const response = await gemeente.submit(message);
      expect(response.status).to.equal(422);
      const problem = problemOf(response);
      expect(problem.code).to.equal('SCHEMA_INVALID');
      const violations = problem.violations ?? [];
      expect(violations.map((v) => v.instancePath)).to.include('/payload/peildatum');
      const reasons = problem.reasons ?? [];
      expect(reasons.every((reason) => reason.code === 'SCHEMA_INVALID')).to.equal(true);
      expect(reasons.map((reason) => reason.pointer)).to.include('/payload/peildatum');
      const claims = verifyReceipt(problem.receipt ?? '', hubCertificate);
      expect(claims).to.include({ status: 'rejected', messageId: message.envelope.messageId });
      expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(undefined);
    });

    it('refuses a message whose envelope sender is not the authenticated participant (403 SENDER_MISMATCH)', async () => {
      const message = saldoverzoek(testHub, 'kredietbank', 'energie');
      const response = await gemeente.submit(message);
      expect(response.status).to.equal(403);
      expect(problemOf(response).code).to.equal('SENDER_MISMATCH');
      expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(undefined);
    });

    it('records a JSON body that is no message as a rejection (400 MALFORMED_MESSAGE with receipt)', async () => {
      const response = await gemeente.submit([1, 2, 3]);
      expect(response.status).to.equal(400);
      const problem = problemOf(response);
      expect(problem.code).to.equal('MALFORMED_MESSAGE');
      expect(verifyReceipt(problem.receipt ?? '', hubCertificate).status).to.equal('rejected');
    });
  });

  describe('fetch, acknowledge and status', () => {
    it('lets the recipient fetch a message, recording delivery once', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'energie');
      const { messageId } = message.envelope;
      await gemeente.submit(message);
      const energie = testHub.client('energie');
      const fetched = await energie.fetchMessage(messageId);
      expect(fetched.status).to.equal(200);
      expect(fetched.body).to.deep.include({
        envelope: message.envelope,
        payload: message.payload,
        signature: message.signature,
        status: 'delivered',
      });
      const again = await energie.fetchMessage(messageId);
      expect(again.body.status).to.equal('delivered');
      const stored = await testHub.hub.ledger.getMessage(messageId);
      expect(stored?.status).to.equal('delivered');
      expect(stored?.deliveredAt).to.be.a('string');
      const events = await testHub.hub.ledger.listEvents(messageId);
      expect(events.map((event) => event.type)).to.deep.equal(['received', 'delivered']);
      expect(events[1]).to.deep.include({ actor: devOin('energie'), data: { transport: 'rest' } });
    });

    it('acknowledges pickup idempotently and starts the retention period', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'zorgverzekeraar');
      const { messageId } = message.envelope;
      await gemeente.submit(message);
      const creditor = testHub.client('zorgverzekeraar');
      await creditor.fetchMessage(messageId);
      const first = await creditor.ack(messageId);
      expect(first.status).to.equal(200);
      expect(first.body).to.include({ messageId, status: 'picked-up' });
      const second = await creditor.ack(messageId);
      expect(second.status).to.equal(200);
      expect(second.body).to.deep.equal(first.body);
      const stored = await testHub.hub.ledger.getMessage(messageId);
      expect(stored).to.include({ status: 'picked-up', pickedUpAt: first.body.pickedUpAt });
      const retentionMs = testHub.hub.config.retentionDays * 86_400_000;
      expect(Date.parse(stored?.dropPayloadAfter ?? '')).to.equal(
        Date.parse(first.body.pickedUpAt) + retentionMs,
      );
      const events = await testHub.hub.ledger.listEvents(messageId);
      expect(events.map((event) => event.type)).to.deep.equal([
        'received',
        'delivered',
        'picked-up',
      ]);
    });

    it('forbids the sender and third parties to fetch or acknowledge (403 FORBIDDEN)', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'woningcorporatie');
      const { messageId } = message.envelope;
      await gemeente.submit(message);
      const other = testHub.client('telecom');
      for (const response of [
        await gemeente.fetchMessage(messageId),
        await other.fetchMessage(messageId),
        await gemeente.ack(messageId),
        await other.status(messageId),
      ]) {
        expect(response.status).to.equal(403);
        expect(problemOf(response).code).to.equal('FORBIDDEN');
      }
      expect((await testHub.hub.ledger.getMessage(messageId))?.status).to.equal('accepted');
    });

    it('answers an unknown message id with 404 MESSAGE_NOT_FOUND', async () => {
      const response = await gemeente.fetchMessage('7d1c1c8e-0000-4000-8000-000000000000');
      expect(response.status).to.equal(404);
      expect(problemOf(response).code).to.equal('MESSAGE_NOT_FOUND');
    });

    it('answers a message whose payload is gone with 410 (expired) and keeps it un-acknowledgeable', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'waterbedrijf');
      const { messageId } = message.envelope;
      await gemeente.submit(message);
      const stored = await testHub.hub.ledger.getMessage(messageId);
      await testHub.hub.ledger.updateMessage(
        messageId,
        expiry(stored as MessageRecord, new Date()),
      );
      const creditor = testHub.client('waterbedrijf');
      for (const response of [
        await creditor.fetchMessage(messageId),
        await creditor.ack(messageId),
      ]) {
        expect(response.status).to.equal(410);
        expect(problemOf(response).code).to.equal('MESSAGE_NOT_FOUND');
        expect(problemOf(response).detail).to.match(/expired/);
      }
      const batch = await creditor.ackAll([messageId]);
      expect(batch.body.items[0]).to.have.nested.property('problem.status', 410);
      expect(batch.body.items[0])
        .to.have.nested.property('problem.detail')
        .that.matches(/expired/);
    });

    it('shows sender and recipient the status and timeline; the receipt only to the sender', async () => {
      const message = saldoverzoek(testHub, 'gemeente', 'webwinkel');
      const { messageId } = message.envelope;
      const submitted = await gemeente.submit(message);
      const creditor = testHub.client('webwinkel');
      await creditor.fetchMessage(messageId);
      const forSender = await gemeente.status(messageId);
      expect(forSender.status).to.equal(200);
      expect(forSender.body).to.include({
        messageId,
        messageType: 'saldoverzoek',
        sender: devOin('gemeente'),
        recipient: devOin('webwinkel'),
        status: 'delivered',
        receipt: submitted.body.receipt,
      });
      expect(forSender.body.answerDueAt).to.be.a('string');
      expect(forSender.body.timeline.map((entry) => entry.type)).to.deep.equal([
        'received',
        'delivered',
      ]);
      const forRecipient = await creditor.status(messageId);
      expect(forRecipient.status).to.equal(200);
      expect(forRecipient.body.receipt).to.equal(undefined);
      expect(JSON.stringify(forRecipient.body)).not.to.include('payload"');
    });
  });
});
