/**
 * The SDK with attachments (standard 2.1): `send(message, { attachments })` uploads what the
 * payload references before the message, over REST and over AMQP; the recipient's
 * `attachment(messageId, reference)` gives the document checked against the signed reference,
 * and refuses bytes that do not match it.
 */
import { expect } from 'chai';
import { AmqpClient, HubError, RestClient } from '@knooppunt/sdk';
import { AttachmentError, attachmentReferences } from '@knooppunt/standard';
import type { AttachmentReference, SignedMessage } from '@knooppunt/standard';
import { amqpPassword, rabbitAvailable } from '../../support/amqp.ts';
import { courtDecisionPdf, meldingBewind21, referenceOf } from '../../support/attachments.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { startAmqpWorld } from '../amqp/amqp_world.ts';
import type { AmqpWorld } from '../amqp/amqp_world.ts';

function melding(testHub: TestHub, documents: readonly Buffer[]): SignedMessage {
  const [decision, second] = documents.map((d, i) => referenceOf(d, `beschikking-${i}.pdf`));
  return buildMessage({
    signer: testHub.signer('bewindvoerder'),
    sender: devOin('bewindvoerder'),
    recipient: devOin('energie'),
    module: 'meldingen-bewindvoering',
    messageType: 'melding-bewind',
    version: '2.1',
    payload: meldingBewind21(decision as Record<string, unknown>, second),
  });
}

const rest = (testHub: TestHub, handle: string) =>
  new RestClient({
    hubUrl: testHub.baseUrl,
    oin: devOin(handle),
    signer: testHub.signer(handle),
    retryDelayMs: 10,
  });

describe('SDK: attachments over REST', function () {
  this.timeout(60_000);
  let testHub: TestHub;
  before(async () => {
    testHub = await startTestHub();
  });
  after(async () => testHub?.stop());

  it('send uploads the referenced documents first; attachment() gives them back checked', async () => {
    const documents = [courtDecisionPdf(200_000), courtDecisionPdf(150_000)];
    const message = melding(testHub, documents);
    const sent = await rest(testHub, 'bewindvoerder').send(message, {
      attachments: [...documents].reverse(), // any order
    });
    expect(sent.claims.status).to.equal('accepted');
    const energie = rest(testHub, 'energie');
    const fetched = await energie.fetch(sent.messageId);
    const references = attachmentReferences(fetched.payload);
    expect(references).to.have.length(2);
    for (const [i, reference] of references.entries()) {
      const bytes = await energie.attachment(sent.messageId, reference);
      expect(Buffer.from(bytes).equals(documents[i] as Buffer)).to.equal(true);
    }
  });

  it('refuses bytes that do not match the reference: ATTACHMENT_DIGEST_MISMATCH', async () => {
    const documents = [courtDecisionPdf(10_000)];
    const message = melding(testHub, documents);
    await rest(testHub, 'bewindvoerder').send(message, { attachments: documents });
    const reference = attachmentReferences(message.payload)[0] as AttachmentReference;
    const energie = rest(testHub, 'energie');
    try {
      await energie.attachment(message.envelope.messageId, { ...reference, grootte: 10_001 });
      expect.fail('a document of another size was taken');
    } catch (error) {
      expect(error).to.be.instanceOf(AttachmentError);
      expect((error as AttachmentError).code).to.equal('ATTACHMENT_DIGEST_MISMATCH');
    }
  });

  it('does not send a message whose document it was not given: ATTACHMENT_MISSING, nothing stored', async () => {
    const message = melding(testHub, [courtDecisionPdf(5_000)]);
    try {
      await rest(testHub, 'bewindvoerder').send(message);
      expect.fail('sent without its document');
    } catch (error) {
      expect((error as AttachmentError).code).to.equal('ATTACHMENT_MISSING');
    }
    expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(undefined);
  });
});

describe('SDK: attachments over AMQP (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  /** One client per participant: its answers arrive on its one queue. */
  const clients = new Map<string, AmqpClient>();
  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    await world.preferAmqp('energie');
  });
  after(async () => {
    await Promise.all([...clients.values()].map((client) => client.close()));
    await world?.stop();
  });

  async function amqpClient(handle: string): Promise<AmqpClient> {
    const existing = clients.get(handle);
    if (existing !== undefined) return existing;
    const oin = devOin(handle);
    const client = await AmqpClient.connect({
      url: world.vhost.urlFor(oin, amqpPassword(world.testHub.dataDir, oin)),
      oin,
      hubCertificate: await rest(world.testHub, handle).hubCertificate(),
      receiptTimeoutMs: 20_000,
    });
    clients.set(handle, client);
    return client;
  }

  it('send publishes the documents and waits for attachment-stored; the recipient gets them checked with the message', async () => {
    const documents = [courtDecisionPdf(300_000), courtDecisionPdf(100_000)];
    const message = melding(world.testHub, documents);
    const bewindvoerder = await amqpClient('bewindvoerder');
    const energie = await amqpClient('energie');
    const sent = await bewindvoerder.send(message, { attachments: documents });
    expect(sent.claims.status).to.equal('accepted');
    const abort = new AbortController();
    let received;
    for await (const delivered of energie.receive({ signal: abort.signal })) {
      received = delivered;
      abort.abort();
    }
    expect(received?.envelope.messageId).to.equal(sent.messageId);
    const references = attachmentReferences(received?.payload);
    for (const [i, reference] of references.entries()) {
      const bytes = energie.attachment(sent.messageId, reference);
      expect(Buffer.from(bytes).equals(documents[i] as Buffer)).to.equal(true);
    }
    expect(() =>
      energie.attachment(sent.messageId, {
        ...(references[0] as AttachmentReference),
        sha256: 'f'.repeat(64),
      }),
    ).to.throw(HubError, /ATTACHMENT_NOT_FOUND/);
    await energie.ack(sent.messageId);
    await world.waitForStatus(sent.messageId, 'picked-up');
  });

  it('a document the hub refuses makes send throw with its code', async () => {
    const bewindvoerder = await amqpClient('bewindvoerder');
    try {
      await bewindvoerder.uploadAttachment(courtDecisionPdf(100), 'text/plain');
      expect.fail('a text document was stored');
    } catch (error) {
      expect((error as HubError).code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});
