/**
 * Housekeeping on a real SQLite ledger with a manual clock: expiry after 5 working days with a
 * hub-signed verloopmelding to the sender (once, however many processes run the pass), the
 * payload dropped at pickup + retention while metadata and digests stay, and sealing that
 * leaves a ledger `verifyChain` accepts.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  createSchemaRegistry,
  EnvelopeVerifier,
  EXPIRY_NOTICE_TYPE,
  ManualClock,
  ReceiptSigner,
  staticCertificates,
  verifyReceipt,
} from '@knooppunt/standard';
import { Housekeeping } from '../../../src/hub/housekeeping.ts';
import type { HousekeepingDeps } from '../../../src/hub/housekeeping.ts';
import { verifyChain } from '../../../src/ledger/index.ts';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import type { Participant } from '../../../src/participants/types.ts';
import { expiry, pickup } from '../../../src/lifecycle/index.ts';
import { silentLogger } from '../../../src/ops/logger.ts';
import { storeSaldoverzoek as storeAccepted } from '../../support/ledger_records.ts';
import { OIN, createTestPki } from '../../support/pki_fixtures.ts';

const HUB_OIN = '00000001999999990000';
const RETENTION_DAYS = 7;
/** The clock of every test here starts on a Monday; the PKI is made at that time. */
const START = '2026-11-23T09:00:00Z';
const pki = createTestPki({ at: START });
const hub = pki.participant(HUB_OIN, 'Knooppunt');
const gemeente = pki.participant(OIN.gemeente, 'Gemeente Utrecht');
const receipts = new ReceiptSigner(hub.signer, HUB_OIN);

function housekeeping(
  ledger: SqliteLedger,
  clock: ManualClock,
  options: Partial<Pick<HousekeepingDeps, 'participants' | 'onNotice'>> = {},
): Housekeeping {
  return new Housekeeping({
    ledger,
    clock,
    logger: silentLogger(),
    receipts,
    hubSigner: hub.signer,
    hubOin: HUB_OIN,
    participants: { get: async () => undefined },
    owner: `test-${randomUUID()}`,
    ...options,
  });
}

/** Stores a saldoverzoek from the gemeente to the energy company as the pipeline would. */
function storeSaldoverzoek(ledger: SqliteLedger, clock: ManualClock): Promise<MessageRecord> {
  return storeAccepted(ledger, { signer: gemeente.signer, receivedAt: clock.now() });
}

/** The expiry notices waiting in `recipient`'s mailbox, read whole (a listing is metadata). */
async function noticesFor(ledger: SqliteLedger, recipient: string): Promise<MessageRecord[]> {
  const { items } = await ledger.listMailbox({ recipient, limit: 100 });
  const notices = items.filter((item) => item.messageType === EXPIRY_NOTICE_TYPE);
  return Promise.all(
    notices.map(async (item) => (await ledger.getMessage(item.messageId)) as MessageRecord),
  );
}

describe('housekeeping', () => {
  let ledger: SqliteLedger;
  let clock: ManualClock;

  beforeEach(async () => {
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    clock = new ManualClock(START);
  });
  afterEach(() => ledger.close());

  it('keeps an unfetched message until the end of the 5th working day, then expires it and drops its payload', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-11-30T22:59:59Z'); // 23:59:59 on Monday 30 November in Amsterdam
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 0 });
    expect((await ledger.getMessage(sent.messageId))?.payload).to.not.equal(null);

    clock.set('2026-11-30T23:00:00Z');
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 1 });
    const expired = await ledger.getMessage(sent.messageId);
    expect(expired?.status).to.equal('expired');
    expect(expired?.payload).to.equal(null);
    expect(expired?.expiredAt).to.equal('2026-11-30T23:00:00.000Z');
    expect(expired?.envelope.payloadDigest).to.equal(sent.envelope.payloadDigest);
    const events = await ledger.listEvents(sent.messageId);
    expect(events.map((event) => event.type)).to.deep.equal([
      'received',
      'expired',
      'sender-notified',
    ]);
    expect(expired?.notifyDueAt).to.equal(null);
  });

  it('puts one verloopmelding in the sender’s mailbox, signed by the hub and naming the expired message', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-01T08:00:00Z');
    await housekeeping(ledger, clock).runOnce();

    const notices = await noticesFor(ledger, OIN.gemeente);
    expect(notices).to.have.length(1);
    const notice = notices[0] as MessageRecord;
    expect(notice.sender).to.equal(HUB_OIN);
    expect(notice.envelope.inReplyTo).to.equal(sent.messageId);
    expect(notice.conversationId).to.equal(sent.conversationId);
    expect(notice.payload).to.deep.include({
      verlopenBerichtId: sent.messageId,
      berichttype: 'saldoverzoek',
      ontvanger: OIN.energie,
      ontvangenOp: sent.receivedAt,
    });
    const signed = {
      envelope: notice.envelope,
      payload: notice.payload,
      signature: notice.signature,
    };
    const verifier = new EnvelopeVerifier({
      certificates: staticCertificates([hub.certificate]),
      trust: pki.trust,
      clock,
    });
    const verified = await verifier.verify(JSON.parse(JSON.stringify(signed)));
    expect(verified.algorithm).to.equal('ES256');
    createSchemaRegistry().validateMessage(signed); // envelope + verloopmelding 2.0 payload
    expect(verifyReceipt(notice.receipt, hub.certificate)).to.include({
      status: 'accepted',
      messageId: notice.messageId,
    });
  });

  it('routes the notice as the sender takes its messages, and hands it to the router', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-01T08:00:00Z');
    const routed: MessageRecord[] = [];
    const participants = {
      get: async (oin: string) =>
        oin === OIN.gemeente ? ({ oin, transport: 'amqp' } as Participant) : undefined,
    };
    await housekeeping(ledger, clock, { participants, onNotice: (r) => routed.push(r) }).runOnce();
    const [notice] = await noticesFor(ledger, OIN.gemeente);
    expect(notice).to.include({ route: 'amqp', transport: 'hub' });
    expect(notice?.envelope.inReplyTo).to.equal(sent.messageId);
    expect(routed.map((record) => record.messageId)).to.deep.equal([notice?.messageId]);
    // A second pass finds the notice stored already and hands nothing on twice.
    await housekeeping(ledger, clock, { participants, onNotice: (r) => routed.push(r) }).runOnce();
    expect(routed).to.have.length(1);
  });

  it('sends no second notice when another process runs the pass again, or at the same time', async () => {
    const first = await storeSaldoverzoek(ledger, clock);
    const second = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-01T08:00:00Z');
    await housekeeping(ledger, clock).runOnce();
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 0 });
    expect(await noticesFor(ledger, OIN.gemeente)).to.have.length(2);

    const third = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-09T08:00:00Z');
    const [a, b] = await Promise.all([
      housekeeping(ledger, clock).purge(),
      housekeeping(ledger, clock).purge(),
    ]);
    const named = (await noticesFor(ledger, OIN.gemeente)).map(
      (notice) => (notice.payload as { verlopenBerichtId: string }).verlopenBerichtId,
    );
    // The two earlier notices expired unread by now, so only the third is still waiting …
    expect(a.expired + b.expired).to.equal(3);
    expect(named).to.deep.equal([third.messageId]);
    // … and across the ledger there is exactly one notice per expired message.
    const all = await Promise.all(
      [first, second, third].map((sent) => ledger.listConversation(sent.conversationId)),
    );
    for (const conversation of all) {
      expect(conversation.filter((m) => m.messageType === EXPIRY_NOTICE_TYPE)).to.have.length(1);
    }
  });

  it('still tells the sender when the process died between expiring and notifying', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-01T08:00:00Z');
    // What a crashed pass leaves: expired and due for notice, but no notice yet.
    await ledger.updateMessage(sent.messageId, expiry(sent, clock.now()));
    expect(await noticesFor(ledger, OIN.gemeente)).to.have.length(0);
    await housekeeping(ledger, clock).purge();
    expect(await noticesFor(ledger, OIN.gemeente)).to.have.length(1);
    expect((await ledger.getMessage(sent.messageId))?.senderNotifiedAt).to.equal(
      clock.now().toISOString(),
    );
    expect(await ledger.findDue('notify', clock.now().toISOString(), 10)).to.have.length(0);
  });

  it('lets an unread notice expire without a notice about the notice', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-12-01T08:00:00Z');
    await housekeeping(ledger, clock).runOnce();
    clock.set('2026-12-15T08:00:00Z');
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 1 });
    const conversation = await ledger.listConversation(sent.conversationId);
    expect(conversation.map((m) => [m.messageType, m.status])).to.deep.equal([
      ['saldoverzoek', 'expired'],
      [EXPIRY_NOTICE_TYPE, 'expired'],
    ]);
    expect((await ledger.listMailbox({ recipient: HUB_OIN, limit: 10 })).items).to.have.length(0);
  });

  it('keeps a picked-up payload until pickup + retention days, then drops it and keeps metadata and digests', async () => {
    const sent = await storeSaldoverzoek(ledger, clock);
    clock.set('2026-11-24T10:00:00Z');
    const pickedUp = pickup(sent.messageId, OIN.energie, clock.now(), RETENTION_DAYS, 'rest');
    expect(await ledger.updateMessage(sent.messageId, pickedUp)).to.equal(true);

    clock.set('2026-12-01T09:59:59.999Z');
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 0, dropped: 0 });
    expect((await ledger.getMessage(sent.messageId))?.payload).to.deep.equal(sent.payload);

    clock.set('2026-12-01T10:00:00Z');
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ expired: 0, dropped: 1 });
    const kept = await ledger.getMessage(sent.messageId);
    expect(kept?.payload).to.equal(null);
    expect(kept?.status).to.equal('picked-up');
    expect(kept?.payloadDroppedAt).to.equal('2026-12-01T10:00:00.000Z');
    expect(kept?.envelope).to.deep.equal(sent.envelope);
    expect(kept?.signature).to.equal(sent.signature);
    expect(kept?.receipt).to.equal(sent.receipt);
    const events = await ledger.listEvents(sent.messageId);
    expect(events.map((event) => event.type)).to.deep.equal([
      'received',
      'picked-up',
      'payload-dropped',
    ]);
    expect(await noticesFor(ledger, OIN.gemeente)).to.have.length(0);
    expect(await housekeeping(ledger, clock).runOnce()).to.include({ dropped: 0 });
  });

  it("forgets client assertions' claims once they expired, so their table does not grow", async () => {
    const at = (seconds: number): string =>
      new Date(clock.now().getTime() + seconds * 1000).toISOString();
    expect(await ledger.claimOnce('gemeente used', at(0), at(60))).to.equal(true);
    expect(await ledger.claimOnce('gemeente live', at(0), at(600))).to.equal(true);
    clock.advance(120_000);
    expect(await housekeeping(ledger, clock).purge()).to.include({ claims: 1 });
    expect(ledger.unsafeQuery('SELECT key FROM claims')).to.deep.equal([{ key: 'gemeente live' }]);
    expect(await housekeeping(ledger, clock).purge()).to.include({ claims: 0 });
  });

  it('seals every event it and the writers made, and the chain verifies', async () => {
    const expiring = await storeSaldoverzoek(ledger, clock);
    const picked = await storeSaldoverzoek(ledger, clock);
    await ledger.updateMessage(
      picked.messageId,
      pickup(picked.messageId, OIN.energie, clock.now(), RETENTION_DAYS, 'rest'),
    );
    clock.set('2026-12-02T08:00:00Z');
    const report = await housekeeping(ledger, clock).runOnce();
    expect(report).to.deep.equal({ expired: 1, dropped: 1, sealed: 7 });
    expect(await ledger.unsealedEvents(10)).to.have.length(0);
    const chain = await verifyChain(ledger);
    expect(chain).to.include({ ok: true, unsealed: 0, events: 7 });
    expect(chain.problems).to.deep.equal([]);
    expect((await ledger.listEvents(expiring.messageId)).every((e) => e.batch === 0)).to.equal(
      true,
    );
  });
});
