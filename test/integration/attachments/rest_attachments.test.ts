/**
 * Attachments over REST (standard 2.1): a bewindvoerder uploads two 5 MB court decisions, sends
 * a melding-bewind 2.1 that references them, the creditor fetches the message and both
 * documents (digests checked), and the documents go with the payload after retention. Missing
 * and mismatched uploads are refused with their codes; each limit is tried at and past it.
 */
import { expect } from 'chai';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENTS_MAX_TOTAL_BYTES,
  attachmentDigest,
  examplePayload,
  ManualClock,
} from '@knooppunt/standard';
import { courtDecisionPdf, meldingBewind21, referenceOf } from '../../support/attachments.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

const DAY_MS = 86_400_000;
const FIVE_MB = 5_000_000;

describe('attachments over REST (standard 2.1)', function () {
  this.timeout(120_000);
  const clock = new ManualClock(new Date());
  let testHub: TestHub;
  let bewindvoerder: RestClient;
  let energie: RestClient;

  before(async () => {
    testHub = await startTestHub({ clock });
    bewindvoerder = testHub.client('bewindvoerder');
    energie = testHub.client('energie');
  });
  after(() => testHub?.stop());

  const upload = (client: RestClient, content: Buffer, sha256 = attachmentDigest(content)) =>
    client.raw('PUT', `/v1/attachments/${sha256}`, {
      body: content,
      headers: { 'Content-Type': 'application/pdf' },
    });

  const melding = (payload: Record<string, unknown>) =>
    buildMessage({
      signer: testHub.signer('bewindvoerder'),
      sender: devOin('bewindvoerder'),
      recipient: devOin('energie'),
      module: 'meldingen-bewindvoering',
      messageType: 'melding-bewind',
      version: '2.1',
      payload,
      createdAt: clock.now(),
    });

  /** The bytes of a document as the hub serves them (the test client reads text). */
  async function download(client: RestClient, messageId: string, sha256: string) {
    const response = await fetch(
      `${testHub.baseUrl}/v1/messages/${messageId}/attachments/${sha256}`,
      { headers: { Authorization: `Bearer ${await client.token()}` } },
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    return { response, bytes };
  }

  it('delivers a melding-bewind 2.1 with two 5 MB court decisions, checked, and purges them with the payload', async () => {
    const first = courtDecisionPdf(FIVE_MB);
    const second = courtDecisionPdf(FIVE_MB);
    expect((await upload(bewindvoerder, first)).status).to.equal(201);
    expect((await upload(bewindvoerder, second)).status).to.equal(201);
    const again = await upload(bewindvoerder, first);
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ sha256: attachmentDigest(first), size: FIVE_MB });

    const message = melding(
      meldingBewind21(
        referenceOf(first, 'beschikking-bewind.pdf'),
        referenceOf(second, 'beschikking-wsnp.pdf'),
      ),
    );
    const { messageId } = message.envelope;
    const sent = await bewindvoerder.submit(message);
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    // The signed message stays small: the documents are parts of their own.
    expect(Buffer.byteLength(JSON.stringify(message))).to.be.below(10_000);
    const received = (await testHub.hub.ledger.listEvents(messageId))[0];
    expect(received?.data['attachments']).to.deep.equal([
      { sha256: attachmentDigest(first), size: FIVE_MB },
      { sha256: attachmentDigest(second), size: FIVE_MB },
    ]);

    const fetched = await energie.fetchMessage(messageId);
    expect(fetched.status).to.equal(200);
    const payload = fetched.body.payload as { beschikking: { sha256: string } };
    for (const content of [first, second]) {
      const { response, bytes } = await download(energie, messageId, attachmentDigest(content));
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('application/pdf');
      expect(attachmentDigest(bytes)).to.equal(attachmentDigest(content));
      expect(bytes.equals(content)).to.equal(true);
    }
    expect(payload.beschikking.sha256).to.equal(attachmentDigest(first));
    // The sender may fetch what it sent; nobody else may.
    expect(
      (await download(bewindvoerder, messageId, attachmentDigest(first))).response.status,
    ).to.equal(200);
    const stranger = await testHub
      .client('cjib')
      .raw('GET', `/v1/messages/${messageId}/attachments/${attachmentDigest(first)}`);
    expect(problemOf(stranger).code).to.equal('FORBIDDEN');
    const unknown = await energie.raw(
      'GET',
      `/v1/messages/${messageId}/attachments/${attachmentDigest(Buffer.from('x'))}`,
    );
    expect(unknown.status).to.equal(404);
    expect(problemOf(unknown).code).to.equal('ATTACHMENT_NOT_FOUND');

    expect((await energie.ack(messageId)).status).to.equal(200);
    clock.advance(8 * DAY_MS); // past the 7 days of retention, and past the uploads' hour
    await testHub.hub.housekeeping.runOnce();
    const gone = await download(energie, messageId, attachmentDigest(first));
    expect(gone.response.status).to.equal(410);
    for (const content of [first, second]) {
      const sha256 = attachmentDigest(content);
      expect(await testHub.hub.ledger.attachments.readAttachment(messageId, sha256)).to.equal(
        undefined,
      );
      expect(
        await testHub.hub.ledger.attachments.getUpload(devOin('bewindvoerder'), sha256),
      ).to.equal(undefined);
    }
  });

  it('refuses a message whose document was not uploaded: 422 ATTACHMENT_MISSING, nothing stored', async () => {
    const never = courtDecisionPdf(2000);
    const message = melding(meldingBewind21(referenceOf(never, 'beschikking.pdf')));
    const response = await bewindvoerder.submit(message);
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('ATTACHMENT_MISSING');
    expect(await testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(undefined);
  });

  it("refuses another sender's upload: an upload is its sender's own", async () => {
    const content = courtDecisionPdf(3000);
    expect((await upload(testHub.client('gemeente'), content)).status).to.equal(201);
    const response = await bewindvoerder.submit(
      melding(meldingBewind21(referenceOf(content, 'beschikking.pdf'))),
    );
    expect(problemOf(response).code).to.equal('ATTACHMENT_MISSING');
  });

  it('refuses a reference whose size differs from the upload: 422 ATTACHMENT_MISMATCH', async () => {
    const content = courtDecisionPdf(4000);
    await upload(bewindvoerder, content);
    const reference = { ...referenceOf(content, 'beschikking.pdf'), grootte: 4001 };
    const response = await bewindvoerder.submit(melding(meldingBewind21(reference)));
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('ATTACHMENT_MISMATCH');
  });

  it('refuses an upload whose bytes do not have the digest it names: 422 ATTACHMENT_DIGEST_MISMATCH', async () => {
    const content = courtDecisionPdf(1000);
    const response = await upload(bewindvoerder, content, attachmentDigest(Buffer.from('other')));
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('ATTACHMENT_DIGEST_MISMATCH');
  });

  it('refuses an upload that is not a PDF (415) or names no digest (400)', async () => {
    const content = Buffer.from('plain text');
    const typed = await bewindvoerder.raw('PUT', `/v1/attachments/${attachmentDigest(content)}`, {
      body: content,
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(problemOf(typed).code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const named = await bewindvoerder.raw('PUT', '/v1/attachments/not-a-digest', {
      body: content,
      headers: { 'Content-Type': 'application/pdf' },
    });
    expect(named.status).to.equal(400);
    expect(problemOf(named).code).to.equal('USAGE_INVALID');
  });

  it("holds a bewindvoerder's saldoverzoek 2.1 to the catalogue's requiredAttachment: its court decision", async () => {
    const saldoverzoek = (bijlagen?: Record<string, unknown>[]) =>
      buildMessage({
        signer: testHub.signer('bewindvoerder'),
        sender: devOin('bewindvoerder'),
        recipient: devOin('energie'),
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        version: '2.1',
        payload: {
          ...examplePayload('saldoverzoek', 'met-uitspraak', { version: '2.1' }),
          bijlagen,
        },
        createdAt: clock.now(),
      });
    const without = await bewindvoerder.submit(saldoverzoek(undefined));
    expect(without.status).to.equal(422);
    expect(problemOf(without).code).to.equal('ATTACHMENT_MISSING');
    const decision = courtDecisionPdf(20_000);
    await upload(bewindvoerder, decision);
    const withDecision = await bewindvoerder.submit(
      saldoverzoek([referenceOf(decision, 'beschikking-onderbewindstelling.pdf')]),
    );
    expect(withDecision.status, JSON.stringify(withDecision.body)).to.equal(201);
  });

  describe('limits (packages/standard attachments/limits.ts)', () => {
    it(`takes an upload of exactly ATTACHMENT_MAX_BYTES (${ATTACHMENT_MAX_BYTES}) and a message of two such`, async () => {
      const first = courtDecisionPdf(ATTACHMENT_MAX_BYTES);
      const second = courtDecisionPdf(ATTACHMENT_MAX_BYTES);
      expect((await upload(bewindvoerder, first)).status).to.equal(201);
      expect((await upload(bewindvoerder, second)).status).to.equal(201);
      expect(2 * ATTACHMENT_MAX_BYTES).to.equal(ATTACHMENTS_MAX_TOTAL_BYTES);
      const response = await bewindvoerder.submit(
        melding(
          meldingBewind21(
            referenceOf(first, 'beschikking.pdf'),
            referenceOf(second, 'beschikking-2.pdf'),
          ),
        ),
      );
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
    });

    it('refuses an upload one byte over: 413 ATTACHMENT_TOO_LARGE, declared or streamed', async () => {
      const over = courtDecisionPdf(ATTACHMENT_MAX_BYTES + 1);
      const declared = await upload(bewindvoerder, over);
      expect(declared.status).to.equal(413);
      expect(problemOf(declared).code).to.equal('ATTACHMENT_TOO_LARGE');
      // Without Content-Length (chunked), the limit holds while reading.
      const streamed = await fetch(`${testHub.baseUrl}/v1/attachments/${attachmentDigest(over)}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${await bewindvoerder.token()}`,
          'Content-Type': 'application/pdf',
        },
        body: new Blob([new Uint8Array(over)]).stream(),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).to.equal(413);
      expect(((await streamed.json()) as { code: string }).code).to.equal('ATTACHMENT_TOO_LARGE');
    });

    it('refuses a reference one byte over the limit: 422 SCHEMA_INVALID at grootte', async () => {
      const content = courtDecisionPdf(1000);
      const reference = {
        ...referenceOf(content, 'beschikking.pdf'),
        grootte: ATTACHMENT_MAX_BYTES + 1,
      };
      const response = await bewindvoerder.submit(melding(meldingBewind21(reference)));
      expect(problemOf(response).code).to.equal('SCHEMA_INVALID');
      expect(JSON.stringify(response.body)).to.include('/payload/beschikking/grootte');
    });
  });
});
