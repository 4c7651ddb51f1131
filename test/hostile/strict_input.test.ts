/**
 * Hostile input at the REST edge (issue 12, strict input): bytes that are not I-JSON, JSON
 * nested thousands deep, numbers that become Infinity, a JWS with `crit`, another
 * participant's envelope with a payload of its own, and a payload with tens of thousands of
 * invalid claim lines. Each is refused with its own code — never INTERNAL, never a 5xx — stores
 * nothing as a message, keeps every answer, receipt and ledger entry small (and the hub's work:
 * the claim lines are judged in milliseconds, not the 23 s Ajv's every-error mode took), and
 * the hub serves the next good request.
 */
import { expect } from 'chai';
import jwt from 'jsonwebtoken';
import { ManualClock, verifyReceipt } from '@knooppunt/standard';
import type { ReceiptClaims, SignedMessage } from '@knooppunt/standard';
import { examplePayload } from '../support/examples.ts';
import { buildMessage } from '../support/message_builder.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { saldoverzoek } from '../integration/rest/rest_world.ts';

interface Problem {
  code: string;
  status: number;
  receipt?: string;
  reasons?: unknown[];
  reasonCount?: number;
  violations?: unknown[];
}

describe('hostile input over REST: strict JSON, crit, the sender first, bounded rejections', function () {
  this.timeout(120_000);
  const clock = new ManualClock(new Date('2027-05-03T10:00:00.000Z'));
  let testHub: TestHub;

  before(async () => {
    testHub = await startTestHub({ clock });
  });
  after(async () => testHub?.stop());

  /** Posts `body` as gemeente (or `as`) and answers the status and problem. */
  async function post(body: string | Buffer, as = 'gemeente'): Promise<Problem & { size: number }> {
    const answer = await testHub.client(as).raw<Problem>('POST', '/v1/messages', {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    return { ...answer.body, status: answer.status, size: JSON.stringify(answer.body).length };
  }

  /** A valid saldoverzoek still goes through afterwards. */
  async function stillServes(): Promise<void> {
    const good = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    expect((await testHub.client('gemeente').submit(good)).status).to.equal(201);
  }

  const message = (): SignedMessage =>
    saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });

  for (const [name, make, code] of [
    [
      'a member name twice',
      (m: SignedMessage) =>
        JSON.stringify(m).replace('{"envelope":', '{"signature":"x","envelope":'),
      'JSON_DUPLICATE_NAME',
    ],
    [
      'payload nested 5,000 deep',
      (m: SignedMessage) =>
        JSON.stringify(m).replace(
          '"peildatum":',
          `"diep":${'['.repeat(5000)}${']'.repeat(5000)},"peildatum":`,
        ),
      'JSON_TOO_DEEP',
    ],
    [
      'a number that becomes Infinity',
      (m: SignedMessage) => JSON.stringify(m).replace('"peildatum":', '"groot":1e400,"peildatum":'),
      'JSON_NUMBER_INVALID',
    ],
    [
      'an escaped lone surrogate',
      (m: SignedMessage) => JSON.stringify(m).replace('"peildatum":', '"x":"\\udead","peildatum":'),
      'JSON_LONE_SURROGATE',
    ],
    [
      'bytes that are not UTF-8',
      (m: SignedMessage) =>
        Buffer.concat([
          Buffer.from(JSON.stringify(m).slice(0, -1)),
          Buffer.from([0x2c, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
        ]),
      'JSON_INVALID_UTF8',
    ],
    ['not JSON at all', () => '{"envelope": ', 'MALFORMED_MESSAGE'],
  ] as const) {
    it(`refuses ${name} with ${code}, storing nothing`, async () => {
      const m = message();
      const answer = await post(make(m));
      expect(answer.status).to.equal(400);
      expect(answer.code).to.equal(code);
      expect(await testHub.hub.ledger.getMessage(m.envelope.messageId)).to.equal(undefined);
      await stillServes();
    });
  }

  it('refuses a JWS header with crit (RFC 7515 §4.1.11), with a signed, recorded rejection', async () => {
    const m = message();
    const signer = testHub.signer('gemeente');
    const signature = jwt.sign({ ...m.envelope }, signer.privateKey, {
      algorithm: signer.algorithm,
      noTimestamp: true,
      header: {
        alg: signer.algorithm,
        typ: 'knooppunt-envelope+jwt',
        'x5t#S256': signer.thumbprint,
        crit: ['knooppunt-unknown'],
        'knooppunt-unknown': true,
      } as jwt.JwtHeader,
    });
    const answer = await post(JSON.stringify({ ...m, signature }));
    expect(answer.status).to.equal(422);
    expect(answer.code).to.equal('JWS_CRIT_UNSUPPORTED');
    const claims = verifyReceipt(answer.receipt as string, testHub.hub.hubSigner.certificate);
    expect(claims.status).to.equal('rejected');
    expect(await testHub.hub.ledger.getMessage(m.envelope.messageId)).to.equal(undefined);
    await stillServes();
  });

  it("checks the sender before the signature and the digest: another's envelope with its own payload", async () => {
    const m = message(); // signed by the gemeente
    const poisoned = { ...m, payload: { ...m.payload, toelichting: 'x'.repeat(1000) } };
    const answer = await post(JSON.stringify(poisoned), 'telecom');
    expect(answer.status).to.equal(403);
    expect(answer.code).to.equal('SENDER_MISMATCH');
    await stillServes();
  });

  it('answers 30,000 invalid claim lines with 20 reasons and their count: nothing grows with the input', async () => {
    const request = message();
    expect((await testHub.client('gemeente').submit(request)).status).to.equal(201);
    const payload = {
      ...examplePayload('saldoverzoek-antwoord', 'twee-vorderingen'),
      vorderingen: Array.from({ length: 30_000 }, () => ({})),
    };
    const answerMessage = buildMessage({
      signer: testHub.signer('energie'),
      sender: devOin('energie'),
      recipient: devOin('gemeente'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek-antwoord',
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload,
      createdAt: clock.now(),
    });
    const body = JSON.stringify(answerMessage);
    const answer = await post(body, 'energie');
    expect(answer.status).to.equal(422);
    expect(answer.code).to.equal('SCHEMA_INVALID');
    expect(answer.reasons).to.have.length(20);
    expect(answer.violations).to.have.length(20);
    // Lists are judged up to 101 entries (every list of the standard allows 100 at most).
    expect(answer.reasonCount).to.be.within(600, 700);
    expect(answer.size).to.be.lessThan(20_000);
    const claims: ReceiptClaims = verifyReceipt(
      answer.receipt as string,
      testHub.hub.hubSigner.certificate,
    );
    expect(claims.reasons).to.have.length(20);
    expect(claims.reasonCount).to.equal(answer.reasonCount);
    const [event] = (await testHub.hub.ledger.searchEvents({ types: ['rejected'], limit: 1 }))
      .items;
    expect(JSON.stringify(event).length).to.be.lessThan(20_000);
    await stillServes();
  });
});
