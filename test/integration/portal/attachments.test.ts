/**
 * A portal user opens the documents of a message (standard 2.1) through its session, as a
 * participant does with its token: the recipient's and the sender's users get the bytes as
 * uploaded; another participant's user gets 404 as for no message; a digest the payload does
 * not reference is ATTACHMENT_NOT_FOUND; without a session, 401. Answers checked against the
 * served OpenAPI document.
 */
import { expect } from 'chai';
import { attachmentDigest, ManualClock } from '@knooppunt/standard';
import { totpCode } from '../../../src/portal/index.ts';
import { courtDecisionPdf, meldingBewind21, referenceOf } from '../../support/attachments.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { PortalClient } from '../../support/portal_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('portal: the documents of a message (standard 2.1)', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  const users: Record<string, PortalClient> = {};
  const decision = courtDecisionPdf(40_000);
  const sha256 = attachmentDigest(decision);
  let messageId = '';

  before(async () => {
    testHub = await startTestHub({ clock });
    for (const handle of ['energie', 'telecom', 'bewindvoerder']) {
      const enrolment = await testHub.hub.portal.accounts.add(
        devOin(handle),
        `${handle}.medewerker`,
        'medewerker',
        'test',
      );
      const client = new PortalClient(testHub);
      const login = await client.login(
        `${handle}.medewerker`,
        enrolment.password,
        totpCode(enrolment.totpSecret, clock.now()),
      );
      expect(login.status).to.equal(201);
      users[handle] = client;
    }
    const bewindvoerder = testHub.client('bewindvoerder');
    const uploaded = await bewindvoerder.raw('PUT', `/v1/attachments/${sha256}`, {
      body: decision,
      headers: { 'Content-Type': 'application/pdf' },
    });
    expect(uploaded.status).to.equal(201);
    const message = buildMessage({
      signer: testHub.signer('bewindvoerder'),
      sender: devOin('bewindvoerder'),
      recipient: devOin('energie'),
      module: 'meldingen-bewindvoering',
      messageType: 'melding-bewind',
      version: '2.1',
      payload: meldingBewind21(referenceOf(decision, 'beschikking-bewind.pdf')),
      createdAt: clock.now(),
    });
    messageId = message.envelope.messageId;
    const sent = await bewindvoerder.submit(message);
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
  });
  after(async () => testHub?.stop());

  const path = (digest = sha256) => `/v1/portal/messages/${messageId}/attachments/${digest}`;

  /** The bytes as the hub serves them (PortalClient reads text: it checks the answer only). */
  const bytesFor = async (user: PortalClient): Promise<Buffer> => {
    const response = await fetch(`${testHub.baseUrl}${path()}`, {
      headers: { cookie: user.cookie },
    });
    expect(response.status).to.equal(200);
    return Buffer.from(await response.arrayBuffer());
  };

  it("gives the recipient's and the sender's users the document as uploaded", async () => {
    for (const handle of ['energie', 'bewindvoerder']) {
      const user = users[handle] as PortalClient;
      const answer = await user.call('GET', path());
      expect(answer.status, handle).to.equal(200);
      expect(answer.headers.get('content-type')).to.equal('application/pdf');
      expect(answer.headers.get('repr-digest')).to.equal(
        `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`,
      );
      const bytes = await bytesFor(user);
      expect(attachmentDigest(bytes)).to.equal(sha256);
      expect(bytes.equals(decision)).to.equal(true);
    }
  });

  it("answers another participant's user 404, as for a message that does not exist", async () => {
    const answer = await (users['telecom'] as PortalClient).call('GET', path());
    expect(answer.status).to.equal(404);
    expect(await codeOf(answer)).to.equal('MESSAGE_NOT_FOUND');
  });

  it('refuses a digest the payload does not reference, a malformed one, and no session', async () => {
    const energie = users['energie'] as PortalClient;
    const other = await energie.call('GET', path('0'.repeat(64)));
    expect(other.status).to.equal(404);
    expect(await codeOf(other)).to.equal('ATTACHMENT_NOT_FOUND');
    const malformed = await energie.call('GET', path('not-a-digest'));
    expect(malformed.status).to.equal(400);
    expect(await codeOf(malformed)).to.equal('USAGE_INVALID');
    const anonymous = await new PortalClient(testHub).call('GET', path());
    expect(anonymous.status).to.equal(401);
  });
});
