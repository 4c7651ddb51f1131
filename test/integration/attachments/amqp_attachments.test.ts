/**
 * Attachments over AMQP (standard 2.1; RabbitMQ + MongoDB): a bewindvoerder publishes two
 * 5 MB court decisions to its input, waits for `attachment-stored`, then sends a
 * melding-bewind 2.1 that references them; the creditor, on AMQP, gets both documents on its
 * queue before the message, digests checked, and the documents go with the payload after
 * retention. Missing and mismatched documents are refused with their codes; the size limit is
 * tried at and past it.
 */
import type { ConsumeMessage } from 'amqplib';
import { expect } from 'chai';
import {
  ATTACHMENT_HEADERS,
  ATTACHMENT_MAX_BYTES,
  attachmentDigest,
  ManualClock,
  NAMES,
} from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { courtDecisionPdf, meldingBewind21, referenceOf } from '../../support/attachments.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { startAmqpWorld } from '../amqp/amqp_world.ts';
import type { AmqpWorld } from '../amqp/amqp_world.ts';

const DAY_MS = 86_400_000;
const FIVE_MB = 5_000_000;

describe('attachments over AMQP (standard 2.1; RabbitMQ + MongoDB)', function () {
  this.timeout(120_000);
  const clock = new ManualClock(new Date());
  let world: AmqpWorld;
  let bewindvoerder: ParticipantAmqp;
  let energie: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld({}, { clock });
    await world.preferAmqp('energie');
    bewindvoerder = await world.connect('bewindvoerder');
    energie = await world.connect('energie');
  });
  after(async () => world?.stop());

  /** Publishes a document to the input as the AsyncAPI document says, naming it `sha256`. */
  async function publishDocument(content: Buffer, sha256 = attachmentDigest(content)) {
    await new Promise<void>((resolve, reject) => {
      bewindvoerder.channel.publish(
        NAMES.inboundExchange,
        'attachment',
        content,
        {
          persistent: true,
          type: 'attachment',
          contentType: 'application/pdf',
          userId: bewindvoerder.oin,
          messageId: sha256,
          headers: { [ATTACHMENT_HEADERS.sha256]: sha256 },
        },
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      );
    });
    return bewindvoerder.waitFor(
      (m) =>
        m.properties.correlationId === sha256 &&
        (m.properties.type === 'attachment-stored' || m.properties.type === 'receipt'),
    );
  }

  const body = (message: ConsumeMessage) =>
    JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;

  const melding = (payload: Record<string, unknown>): SignedMessage =>
    buildMessage({
      signer: world.testHub.signer('bewindvoerder'),
      sender: devOin('bewindvoerder'),
      recipient: devOin('energie'),
      module: 'meldingen-bewindvoering',
      messageType: 'melding-bewind',
      version: '2.1',
      payload,
      createdAt: clock.now(),
    });

  it('delivers a melding-bewind 2.1 with two 5 MB court decisions, documents before the message, and purges them with the payload', async () => {
    const first = courtDecisionPdf(FIVE_MB);
    const second = courtDecisionPdf(FIVE_MB);
    for (const content of [first, second]) {
      const stored = await publishDocument(content);
      expect(stored.properties.type).to.equal('attachment-stored');
      expect(body(stored)).to.include({
        sha256: attachmentDigest(content),
        size: FIVE_MB,
        outcome: 'created',
      });
    }
    const message = melding(
      meldingBewind21(
        referenceOf(first, 'beschikking-bewind.pdf'),
        referenceOf(second, 'beschikking-wsnp.pdf'),
      ),
    );
    const id = message.envelope.messageId;
    await bewindvoerder.submit(message);
    expect(await bewindvoerder.receipt(id)).to.include({ status: 'accepted', messageId: id });

    await energie.delivery(id);
    const documents = energie.received.filter(
      (m) => m.properties.type === 'attachment' && m.properties.correlationId === id,
    );
    expect(documents).to.have.length(2);
    const delivered = energie.received.findIndex(
      (m) => m.properties.type === 'message' && m.properties.messageId === id,
    );
    for (const [document, content] of documents.map((d, i) => [d, [first, second][i]] as const)) {
      expect(energie.received.indexOf(document)).to.be.below(delivered);
      expect(document.properties.contentType).to.equal('application/pdf');
      const named = (document.properties.headers as Record<string, unknown>)[
        ATTACHMENT_HEADERS.sha256
      ];
      expect(named).to.equal(attachmentDigest(document.content));
      expect(document.content.equals(content as Buffer)).to.equal(true);
    }

    await world.waitForStatus(id, 'delivered');
    await energie.publish('ack', { messageId: id });
    await world.waitForStatus(id, 'picked-up');
    clock.advance(8 * DAY_MS);
    await world.testHub.hub.housekeeping.runOnce();
    for (const content of [first, second]) {
      expect(
        await world.testHub.hub.ledger.attachments.readAttachment(id, attachmentDigest(content)),
      ).to.equal(undefined);
    }
    expect((await world.testHub.hub.ledger.getMessage(id))?.payload).to.equal(null);
  });

  it('refuses a message whose document was not published: rejection receipt ATTACHMENT_MISSING', async () => {
    const message = melding(meldingBewind21(referenceOf(courtDecisionPdf(2000), 'b.pdf')));
    await bewindvoerder.submit(message);
    const receipt = await bewindvoerder.receipt(message.envelope.messageId);
    expect(receipt['status']).to.equal('rejected');
    expect((receipt['reasons'] as { code: string }[])[0]?.code).to.equal('ATTACHMENT_MISSING');
  });

  it('refuses a reference whose size differs from the document: ATTACHMENT_MISMATCH', async () => {
    const content = courtDecisionPdf(3000);
    await publishDocument(content);
    const message = melding(meldingBewind21({ ...referenceOf(content, 'b.pdf'), grootte: 3001 }));
    await bewindvoerder.submit(message);
    const receipt = await bewindvoerder.receipt(message.envelope.messageId);
    expect((receipt['reasons'] as { code: string }[])[0]?.code).to.equal('ATTACHMENT_MISMATCH');
  });

  it('refuses a document whose bytes do not have the digest it names: ATTACHMENT_DIGEST_MISMATCH', async () => {
    const answer = await publishDocument(
      courtDecisionPdf(1000),
      attachmentDigest(Buffer.from('x')),
    );
    expect(answer.properties.type).to.equal('receipt');
    expect(body(answer)['status']).to.equal('rejected');
    expect((body(answer)['reasons'] as { code: string }[])[0]?.code).to.equal(
      'ATTACHMENT_DIGEST_MISMATCH',
    );
  });

  it(`takes a document of exactly ATTACHMENT_MAX_BYTES (${ATTACHMENT_MAX_BYTES}) and refuses one byte more: ATTACHMENT_TOO_LARGE`, async () => {
    const at = await publishDocument(courtDecisionPdf(ATTACHMENT_MAX_BYTES));
    expect(at.properties.type).to.equal('attachment-stored');
    expect(body(at)['size']).to.equal(ATTACHMENT_MAX_BYTES);
    const over = courtDecisionPdf(ATTACHMENT_MAX_BYTES + 1);
    const refused = await publishDocument(over);
    expect(refused.properties.type).to.equal('receipt');
    expect((body(refused)['reasons'] as { code: string }[])[0]?.code).to.equal(
      'ATTACHMENT_TOO_LARGE',
    );
    expect(
      await world.testHub.hub.ledger.attachments.getUpload(
        devOin('bewindvoerder'),
        attachmentDigest(over),
      ),
    ).to.equal(undefined);
  });
});
