/**
 * The SDK against a live hub (embedded SQLite ledger, over HTTP): the gemeente builds,
 * validates and signs a saldoverzoek with the MessageFactory and sends it with the RestClient
 * (the receipt verified against the hub's certificate); a retry is the same message and gets
 * the original receipt; the energy company receives, answers and acknowledges; refusals come
 * back as HubErrors with the hub's code and signed rejection receipt; a payload the hub would
 * refuse never leaves the SDK.
 */
import { expect } from 'chai';
import { HubError, MessageFactory, RestClient, SenderVerifier } from '@knooppunt/sdk';
import type { Saldoverzoek, SaldoverzoekAntwoord } from '@knooppunt/sdk';
import { EnvelopeError, SchemaError, UsageError } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('SDK: message factory and REST client against a live hub', function () {
  this.timeout(30_000);
  let hub: TestHub;
  const party = (handle: string) => {
    const signer = hub.signer(handle);
    const oin = devOin(handle);
    return {
      oin,
      factory: new MessageFactory({ oin, signer }),
      client: new RestClient({ hubUrl: hub.baseUrl, oin, signer, retryDelayMs: 10 }),
    };
  };

  before(async () => {
    hub = await startTestHub();
  });
  after(async () => hub?.stop());

  const saldoverzoek = (): Saldoverzoek =>
    examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek;

  it('sends a signed saldoverzoek and verifies the hub’s receipt; a retry gets the same receipt', async () => {
    const gemeente = party('gemeente');
    const message = gemeente.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: devOin('energie'),
      payload: saldoverzoek(),
    });
    expect(message.envelope).to.include({
      module: 'schuldinventarisatie',
      version: '2.0',
      sender: gemeente.oin,
    });
    const sent = await gemeente.client.send(message);
    expect(sent.duplicate).to.equal(false);
    expect(sent.claims).to.include({ status: 'accepted', messageId: message.envelope.messageId });
    const again = await gemeente.client.send(message);
    expect(again).to.deep.include({ duplicate: true, receipt: sent.receipt });
  });

  it('lets the recipient receive, answer and acknowledge', async () => {
    const gemeente = party('gemeente');
    const energie = party('energie');
    const question = gemeente.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: energie.oin,
      payload: saldoverzoek(),
    });
    await gemeente.client.send(question);
    const controller = new AbortController();
    let received;
    for await (const message of energie.client.receive({ signal: controller.signal, pollMs: 50 })) {
      if (message.envelope.messageId === question.envelope.messageId) {
        received = message;
        controller.abort();
      }
    }
    expect(received?.payload).to.deep.equal(question.payload);
    const answer = energie.factory.create({
      type: 'saldoverzoek-antwoord',
      module: 'schuldinventarisatie',
      recipient: gemeente.oin,
      conversationId: question.envelope.conversationId,
      inReplyTo: question.envelope.messageId,
      payload: examplePayload('saldoverzoek-antwoord', 'twee') as unknown as SaldoverzoekAntwoord,
    });
    expect((await energie.client.send(answer)).claims.status).to.equal('accepted');
    expect(await energie.client.ack(question.envelope.messageId)).to.include({
      status: 'picked-up',
    });
    const inbox = await energie.client.inbox();
    expect(inbox.items.map((item) => item.messageId)).to.not.include(question.envelope.messageId);
  });

  it('acknowledges a mailbox page in one call, an outcome per message', async () => {
    const gemeente = party('gemeente');
    const energie = party('energie');
    const questions = [1, 2].map(() =>
      gemeente.factory.create({
        type: 'saldoverzoek',
        module: 'schuldinventarisatie',
        recipient: energie.oin,
        payload: saldoverzoek(),
      }),
    );
    for (const question of questions) await gemeente.client.send(question);
    const ids = questions.map((question) => question.envelope.messageId);
    const unknown = '7d1c1c8e-0000-4000-8000-000000000000';
    const outcomes = await energie.client.ackAll([...ids, unknown]);
    expect(outcomes.map((outcome) => outcome.status)).to.deep.equal([
      'picked-up',
      'picked-up',
      'failed',
    ]);
    expect(outcomes[2]).to.have.nested.property('problem.code', 'MESSAGE_NOT_FOUND');
    const inbox = await energie.client.inbox({ limit: 500 });
    expect(inbox.items.map((item) => item.messageId)).to.not.include.members(ids);
  });

  it('verifies the sender’s signature of a received message end to end, and refuses a tampered one', async () => {
    const gemeente = party('gemeente');
    const energie = party('energie');
    const message = gemeente.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: energie.oin,
      payload: saldoverzoek(),
    });
    await gemeente.client.send(message);
    const fetched = await energie.client.fetch(message.envelope.messageId);
    const verifier = await SenderVerifier.fromHub(energie.client);
    const verified = await verifier.verify(fetched);
    expect(verified.certificate.info.oin).to.equal(gemeente.oin);
    const tampered = { ...fetched, payload: { ...fetched.payload, peildatum: '2020-01-01' } };
    const refused = await verifier.verify(tampered).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(EnvelopeError).with.property('code', 'DIGEST_MISMATCH');
    // The endpoints behind it, as the OpenAPI document describes them.
    const thumbprint = hub.signer('gemeente').thumbprint;
    const listed = await hub.client('energie').raw('GET', `/v1/certificates/${thumbprint}`);
    expect(listed.status).to.equal(200);
    expect(listed.body).to.include({ oin: gemeente.oin, status: 'active' });
    const unknown = await hub.client('energie').raw('GET', `/v1/certificates/${'A'.repeat(43)}`);
    expect(unknown.status).to.equal(404);
    expect(await energie.client.certificate('A'.repeat(43))).to.equal(undefined);
    const trust = await hub.client('energie').raw('GET', '/v1/hub/trust', { auth: 'none' });
    expect(String(trust.body)).to.match(/^-----BEGIN CERTIFICATE-----/);
  });

  it('raises a HubError with the hub’s code and its signed rejection receipt', async () => {
    const gemeente = party('gemeente');
    // The Waarborgfonds takes no part in the inventory: the hub refuses the recipient.
    const message = gemeente.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: devOin('waarborgfonds'),
      payload: saldoverzoek(),
    });
    const error = await gemeente.client.send(message).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(HubError);
    const hubError = error as HubError;
    expect(hubError.status).to.be.within(400, 499);
    expect(hubError.code).to.match(/^[A-Z_]+$/);
    expect(hubError.problem.receipt).to.be.a('string');
    expect(hubError.retryable).to.equal(false);
  });

  it('refuses, before sending, a payload the schema refuses and a module it cannot guess', () => {
    const gemeente = party('gemeente');
    const { peildatum: _dropped, ...withoutPeildatum } = saldoverzoek();
    expect(() =>
      gemeente.factory.create({
        type: 'saldoverzoek',
        module: 'schuldinventarisatie',
        recipient: devOin('energie'),
        payload: withoutPeildatum as Saldoverzoek,
      }),
    )
      .to.throw(SchemaError)
      .with.property('code', 'SCHEMA_INVALID');
    expect(() =>
      gemeente.factory.create({
        type: 'saldoverzoek',
        recipient: devOin('energie'),
        payload: saldoverzoek(),
      }),
    )
      .to.throw(UsageError)
      .with.property('message')
      .that.matches(/say which module/);
  });
});
