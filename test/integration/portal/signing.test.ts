/**
 * Signing in the portal (docs/portal.md): a browser's key is enrolled — a beheerder's own at
 * once, a medewerker's after a beheerder approves — and certified for the participant; a
 * message the browser signs passes the pipeline, and its receipt and the ledger name the
 * portal and the user. A key that is not the user's own approved key is refused (recorded,
 * with a signed receipt), a revoked key signs nothing more, and no user reaches another
 * participant's keys.
 */
import { expect } from 'chai';
import { ManualClock, verifyReceipt } from '@knooppunt/standard';
import type { ReceiptClaims } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { problemOf, RestClient } from '../../support/rest_client.ts';
import { BrowserKey, portalUser } from '../../support/portal_client.ts';
import type { PortalClient } from '../../support/portal_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';

interface KeyView {
  user: string;
  id: string;
  status: string;
  thumbprint?: string;
}

describe('portal: messages signed in the browser with an enrolled key', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  let beheerder: PortalClient;
  let medewerker: PortalClient;
  let other: PortalClient;
  const beheerderKey = new BrowserKey();
  const medewerkerKey = new BrowserKey();

  before(async () => {
    testHub = await startTestHub({ clock });
    beheerder = await portalUser(testHub, 'energie', 'energie.beheer', 'beheerder', clock);
    medewerker = await portalUser(testHub, 'energie', 'energie.mw', 'medewerker', clock);
    other = await portalUser(testHub, 'telecom', 'telecom.beheer', 'beheerder', clock);
  });
  after(async () => testHub?.stop());

  /** A saldoverzoek from the gemeente to energie, and energie's signed answer to it. */
  async function answerFor(key: BrowserKey, thumbprint: string) {
    const request = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    expect((await testHub.client('gemeente').submit(request)).status).to.equal(201);
    return buildMessage({
      signer: await key.signer(testHub, thumbprint),
      sender: devOin('energie'),
      recipient: devOin('gemeente'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek-antwoord',
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload: examplePayload('saldoverzoek-antwoord', 'twee-vorderingen'),
      createdAt: clock.now(),
    });
  }

  it("certifies a beheerder's own key at once, and a medewerker's after approval", async () => {
    const own = await beheerder.json<KeyView>(
      'POST',
      '/v1/portal/keys',
      beheerderKey.request('energie.beheer'),
    );
    expect(own.status).to.equal(201);
    expect(own.body).to.include({ user: 'energie.beheer', id: beheerderKey.id, status: 'active' });
    const participant = await testHub.hub.registry.get(devOin('energie'));
    expect(participant?.certificates.map((c) => c.thumbprint)).to.include(own.body.thumbprint);

    const asked = await medewerker.json<KeyView>(
      'POST',
      '/v1/portal/keys',
      medewerkerKey.request('energie.mw'),
    );
    expect(asked.body).to.include({ status: 'pending' });
    expect(asked.body.thumbprint).to.equal(undefined);
    const path = `/v1/portal/keys/energie.mw/${medewerkerKey.id}`;
    // A medewerker cannot approve; another participant's beheerder does not even see the key.
    expect((await medewerker.json('POST', `${path}/approve`)).status).to.equal(403);
    const foreign = await other.json<{ code: string }>('POST', `${path}/approve`);
    expect(foreign.status).to.equal(404);
    expect(foreign.body.code).to.equal('PORTAL_KEY_NOT_FOUND');
    const otherList = await other.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    expect(otherList.body.items).to.deep.equal([]);

    const approved = await beheerder.json<KeyView>('POST', `${path}/approve`);
    expect(approved.status).to.equal(200);
    expect(approved.body).to.include({ status: 'active' });
    const listed = await beheerder.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    expect(listed.body.items.map((k) => k.user).sort()).to.deep.equal([
      'energie.beheer',
      'energie.mw',
    ]);
    const ownList = await medewerker.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    expect(ownList.body.items.map((k) => k.user)).to.deep.equal(['energie.mw']);
  });

  it('refuses a key without a valid proof of possession', async () => {
    const key = new BrowserKey();
    const request = {
      ...key.request('energie.mw'),
      proof: new BrowserKey().request('energie.mw')['proof'],
    };
    const refused = await medewerker.json<{ code: string }>('POST', '/v1/portal/keys', request);
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal('USAGE_INVALID');
    const private_ = { ...key.request('energie.mw'), publicKey: { ...key.publicKey, d: 'AAAA' } };
    expect((await medewerker.json('POST', '/v1/portal/keys', private_)).status).to.equal(400);
  });

  it('accepts a message signed with the user’s key; the receipt and the ledger name the portal and the user', async () => {
    const keys = await medewerker.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    const thumbprint = keys.body.items[0]?.thumbprint as string;
    const answer = await answerFor(medewerkerKey, thumbprint);
    const sent = await medewerker.json<{ receipt: string; claims: ReceiptClaims }>(
      'POST',
      '/v1/portal/outbox',
      answer,
    );
    expect(sent.status).to.equal(201);
    expect(sent.body.claims).to.include({
      via: 'portal',
      portalUser: 'energie.mw',
      status: 'accepted',
    });
    const verified = verifyReceipt(sent.body.receipt, testHub.hub.hubSigner.certificate);
    expect(verified).to.include({ via: 'portal', portalUser: 'energie.mw' });

    const id = answer.envelope.messageId;
    expect(await testHub.hub.ledger.getMessage(id)).to.include({
      transport: 'portal',
      portalUser: 'energie.mw',
    });
    const [received] = await testHub.hub.ledger.listEvents(id);
    expect(received?.data).to.include({ transport: 'portal', portalUser: 'energie.mw' });
    const outbox = await medewerker.json<{ items: { messageId: string }[] }>(
      'GET',
      '/v1/portal/outbox',
    );
    expect(outbox.body.items.map((m) => m.messageId)).to.include(id);
  });

  it("limits a portal key's certificate to the portal: no token, and what it signs is refused over the API", async () => {
    const keys = await medewerker.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    const thumbprint = keys.body.items[0]?.thumbprint as string;
    const entry = (await testHub.hub.registry.get(devOin('energie')))?.certificates.find(
      (c) => c.thumbprint === thumbprint,
    );
    expect(entry?.use).to.equal('portal');
    const signer = await medewerkerKey.signer(testHub, thumbprint);
    const asKey = new RestClient(testHub.baseUrl, { oin: devOin('energie'), signer, clock });
    const token = await asKey.requestToken();
    expect(token.status).to.equal(401);
    expect(problemOf(token).code).to.equal('CERT_KEY_USAGE');
    // Signed with the browser key, sent over the API with energie's own credentials.
    const answer = await answerFor(medewerkerKey, thumbprint);
    const refused = await testHub.client('energie').submit(answer);
    expect(refused.status).to.equal(422);
    expect(problemOf(refused).code).to.equal('CERT_KEY_USAGE');
    expect(await testHub.hub.ledger.getMessage(answer.envelope.messageId)).to.equal(undefined);
    // The same message through the portal is taken.
    const sent = await medewerker.json('POST', '/v1/portal/outbox', answer);
    expect(sent.status).to.equal(201);
  });

  it("refuses a message signed with another user's key, with a recorded, signed rejection", async () => {
    const keys = await beheerder.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    const beheerderThumbprint = keys.body.items.find((k) => k.user === 'energie.beheer')
      ?.thumbprint as string;
    const answer = await answerFor(beheerderKey, beheerderThumbprint);
    const refused = await medewerker.json<{ code: string; receipt: string }>(
      'POST',
      '/v1/portal/outbox',
      answer,
    );
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('PORTAL_KEY_NOT_ACTIVE');
    const claims = verifyReceipt(refused.body.receipt, testHub.hub.hubSigner.certificate);
    expect(claims).to.include({ status: 'rejected', via: 'portal', portalUser: 'energie.mw' });
    expect(await testHub.hub.ledger.getMessage(answer.envelope.messageId)).to.equal(undefined);
    // Another participant's user cannot send energie's message at all.
    const foreign = await other.json<{ code: string }>('POST', '/v1/portal/outbox', answer);
    expect(foreign.body.code).to.equal('PORTAL_KEY_NOT_ACTIVE');
  });

  it("refuses another participant's answer to energie's message, signed with its own key", async () => {
    const telecomKey = new BrowserKey();
    const enrolled = await other.json<KeyView>(
      'POST',
      '/v1/portal/keys',
      telecomKey.request('telecom.beheer'),
    );
    expect(enrolled.body.status).to.equal('active');
    const request = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    expect((await testHub.client('gemeente').submit(request)).status).to.equal(201);
    const answer = buildMessage({
      signer: await telecomKey.signer(testHub, enrolled.body.thumbprint as string),
      sender: devOin('telecom'),
      recipient: devOin('gemeente'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek-antwoord',
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload: examplePayload('saldoverzoek-antwoord', 'twee-vorderingen'),
      createdAt: clock.now(),
    });
    const refused = await other.json<{ code: string }>('POST', '/v1/portal/outbox', answer);
    expect(refused.status).to.equal(403);
    expect(refused.body.code).to.equal('REPLY_NOT_ADDRESSED_TO_SENDER');
    expect(await testHub.hub.ledger.getMessage(request.envelope.messageId)).to.include({
      status: 'accepted',
    });
  });

  it('signs nothing more with a revoked key, whose certificate is revoked too', async () => {
    const keys = await medewerker.json<{ items: KeyView[] }>('GET', '/v1/portal/keys');
    const thumbprint = keys.body.items[0]?.thumbprint as string;
    const answer = await answerFor(medewerkerKey, thumbprint);
    const revoked = await medewerker.json<KeyView>(
      'DELETE',
      `/v1/portal/keys/energie.mw/${medewerkerKey.id}`,
    );
    expect(revoked.body).to.include({ status: 'revoked' });
    expect((await testHub.hub.registry.byThumbprint(thumbprint))?.status).to.equal('revoked');
    const refused = await medewerker.json<{ code: string }>('POST', '/v1/portal/outbox', answer);
    expect(refused.body.code).to.equal('PORTAL_KEY_NOT_ACTIVE');
  });

  it('gives the browser the hub’s clock and the participant’s role, and the directory', async () => {
    const me = await medewerker.json<Record<string, unknown>>('GET', '/v1/portal/participant');
    expect(me.body).to.include({
      now: clock.now().toISOString(),
      oin: devOin('energie'),
      role: 'schuldeiser',
    });
    const directory = await medewerker.json<{ items: { oin: string }[] }>(
      'GET',
      '/v1/portal/directory',
    );
    expect(directory.body.items.map((p) => p.oin)).to.include(devOin('gemeente'));
  });
});
