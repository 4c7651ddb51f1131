/**
 * The whole schuldregeling of one debtor with 14 creditors over real HTTP, once on the SQLite
 * ledger and once on MongoDB (FerretDB here): kennisgeving and saldoverzoek to every
 * creditor; each fetches, acknowledges and answers (one with geen-medewerking); a
 * saneringskrediet betaalvoorstel to the 13 others; one refuses, gets a heroverweging and
 * agrees; schuldregeling-akkoord to all. Every receipt and every step's ledger state is checked.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { payloadDigest, verifyReceipt } from '@knooppunt/standard';
import type { Module } from '@knooppunt/standard';
import { verifyChain } from '../../src/ledger/verify_chain.ts';
import * as dossier from '../support/debt_case.ts';
import type { CaseCreditor } from '../support/debt_case.ts';
import { buildMessage } from '../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';

const GEMEENTE = 'gemeente';

for (const ledger of ['sqlite', 'mongodb'] as const) {
  describe(`end to end: one schuldregeling with 14 creditors (${ledger} ledger)`, function () {
    this.timeout(180_000);
    let hub: TestHub;
    const debtCase = dossier.createDebtCase();
    const conversationId = randomUUID();
    const refuser = debtCase.creditors.find((c) => c.handle === 'creditcard') as CaseCreditor;
    const uncooperative = debtCase.creditors.find((c) => c.handle === 'webwinkel') as CaseCreditor;
    const cooperating = debtCase.creditors.filter((c) => c !== uncooperative);
    /** Per creditor, the id of its saldoverzoek and of its betaalvoorstel. */
    const requests = new Map<string, { saldoverzoek?: string; betaalvoorstel?: string }>();

    before(async function () {
      if (ledger === 'mongodb') {
        requirePrecondition(
          this,
          await mongoAvailable(),
          `a MongoDB-compatible server at ${TEST_MONGODB_URL}`,
        );
      }
      hub = await startTestHub({ ledger });
    });
    after(async () => hub?.stop());

    /** Submits as `from`; asserts 201, the receipt, and the stored message and its first event. */
    async function send(
      from: string,
      to: string,
      messageType: string,
      payload: Record<string, unknown>,
      extra: { inReplyTo?: string; module?: Module } = {},
    ): Promise<string> {
      const message = buildMessage({
        signer: hub.signer(from),
        sender: devOin(from),
        recipient: devOin(to),
        module: extra.module ?? 'schuldregeling',
        messageType,
        payload,
        conversationId,
        ...(extra.inReplyTo === undefined ? {} : { inReplyTo: extra.inReplyTo }),
      });
      const response = await hub.client(from).submit(message);
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      const claims = verifyReceipt(response.body.receipt, hub.hub.hubSigner.certificate);
      expect(claims).to.include({
        status: 'accepted',
        messageId: message.envelope.messageId,
        sender: devOin(from),
      });
      expect(claims.payloadDigest).to.equal(payloadDigest(payload));
      const stored = await hub.hub.ledger.getMessage(message.envelope.messageId);
      expect(stored?.status).to.equal('accepted');
      expect(stored?.recipient).to.equal(devOin(to));
      const [received] = await hub.hub.ledger.listEvents(message.envelope.messageId);
      expect(received).to.include({
        eventId: claims.ledgerPosition,
        hash: claims.ledgerHash,
        type: 'received',
      });
      return message.envelope.messageId;
    }

    /** `who` takes every message of `messageType` from its mailbox: fetch, check, ack. */
    async function collect(
      who: string,
      messageType: string,
      expected: number,
    ): Promise<Map<string, { id: string; payload: Record<string, unknown> }>> {
      const client = hub.client(who);
      const listed = await client.mailbox({ messageType, limit: 100 });
      expect(listed.status).to.equal(200);
      expect(listed.body.items, `${who} ${messageType}`).to.have.length(expected);
      const bySender = new Map<string, { id: string; payload: Record<string, unknown> }>();
      for (const item of listed.body.items) {
        const fetched = await client.fetchMessage(item.messageId);
        expect(fetched.status).to.equal(200);
        expect(payloadDigest(fetched.body.payload)).to.equal(fetched.body.envelope.payloadDigest);
        expect((await hub.hub.ledger.getMessage(item.messageId))?.status).to.equal('delivered');
        const acked = await client.ack(item.messageId);
        expect(acked.status).to.equal(200);
        const stored = await hub.hub.ledger.getMessage(item.messageId);
        expect(stored?.status).to.equal('picked-up');
        expect(stored?.dropPayloadAfter).to.be.a('string');
        expect(
          (await hub.hub.ledger.listEvents(item.messageId)).map((e) => e.type),
        ).to.include.members(['received', 'delivered', 'picked-up']);
        bySender.set(item.sender, {
          id: item.messageId,
          payload: fetched.body.payload as Record<string, unknown>,
        });
      }
      expect((await client.mailbox({ messageType })).body.items).to.have.length(0);
      return bySender;
    }

    it('tells all 14 creditors with a kennisgeving (a BSN only to public bodies) and asks each for its balance', async () => {
      for (const creditor of debtCase.creditors) {
        await send(
          GEMEENTE,
          creditor.handle,
          'kennisgeving',
          dossier.kennisgeving(debtCase, creditor),
        );
        const id = await send(
          GEMEENTE,
          creditor.handle,
          'saldoverzoek',
          dossier.saldoverzoek(debtCase, creditor),
        );
        requests.set(creditor.oin, { saldoverzoek: id });
        const stored = await hub.hub.ledger.getMessage(id);
        expect(stored?.answerDueAt, 'a saldoverzoek runs a deadline').to.be.a('string');
      }
      const conversation = await hub.hub.ledger.getConversation(conversationId);
      expect(conversation).to.include({ owner: devOin(GEMEENTE), status: 'open' });
    });

    it('lets each creditor fetch, acknowledge and answer; one answers geen-medewerking', async () => {
      for (const creditor of debtCase.creditors) {
        const inbox = await collect(creditor.handle, 'saldoverzoek', 1);
        const request = inbox.get(devOin(GEMEENTE));
        expect(request?.id).to.equal(requests.get(creditor.oin)?.saldoverzoek);
        expect(request?.payload['klantnummerSchuldeiser']).to.equal(creditor.klantnummer);
        await collect(creditor.handle, 'kennisgeving', 1);
        const [type, payload] =
          creditor === uncooperative
            ? ['geen-medewerking', dossier.geenMedewerking(debtCase, creditor)]
            : ['saldoverzoek-antwoord', dossier.saldoverzoekAntwoord(debtCase, creditor)];
        await send(creditor.handle, GEMEENTE, type as string, payload as Record<string, unknown>, {
          inReplyTo: request?.id as string,
        });
        expect((await hub.hub.ledger.getMessage(request?.id as string))?.answeredAt).to.be.a(
          'string',
        );
      }
      const answers = await collect(GEMEENTE, 'saldoverzoek-antwoord', 13);
      const refusals = await collect(GEMEENTE, 'geen-medewerking', 1);
      expect([...refusals.keys()]).to.deep.equal([uncooperative.oin]);
      for (const creditor of cooperating) {
        const lines = answers.get(creditor.oin)?.payload['vorderingen'] as {
          actueelBedrag: { totaal: number };
        }[];
        expect(lines[0]?.actueelBedrag.totaal).to.equal(creditor.claim);
      }
    });

    it('sends the saneringskrediet betaalvoorstel; 12 agree, one refuses', async () => {
      for (const creditor of cooperating) {
        const id = await send(
          GEMEENTE,
          creditor.handle,
          'betaalvoorstel',
          dossier.betaalvoorstel(debtCase, creditor, cooperating),
        );
        requests.set(creditor.oin, { ...requests.get(creditor.oin), betaalvoorstel: id });
      }
      for (const creditor of cooperating) {
        const inbox = await collect(creditor.handle, 'betaalvoorstel', 1);
        const proposal = inbox.get(devOin(GEMEENTE));
        expect(proposal?.payload['soort']).to.equal('saneringskrediet');
        const besluit = creditor === refuser ? 'afwijzing' : 'akkoord';
        await send(
          creditor.handle,
          GEMEENTE,
          'betaalvoorstel-antwoord',
          dossier.betaalvoorstelAntwoord(debtCase, creditor, besluit),
          {
            inReplyTo: proposal?.id as string,
          },
        );
      }
      const answers = await collect(GEMEENTE, 'betaalvoorstel-antwoord', 13);
      const refusals = [...answers].filter(
        ([, answer]) => answer.payload['besluit'] === 'afwijzing',
      );
      expect(refusals.map(([oin]) => oin)).to.deep.equal([refuser.oin]);
      const offered = [...debtCase.offer.values()].reduce((sum, offer) => sum + offer.amount, 0);
      expect(offered).to.equal(debtCase.krediet);
    });

    it('asks the refusing creditor to reconsider (heroverweging) and it agrees', async () => {
      const afwijzing = (await hub.hub.ledger.listConversation(conversationId)).find(
        (m) => m.messageType === 'betaalvoorstel-antwoord' && m.sender === refuser.oin,
      );
      const proposalId = requests.get(refuser.oin)?.betaalvoorstel as string;
      const heroverweging = await send(
        GEMEENTE,
        refuser.handle,
        'heroverweging',
        dossier.heroverweging(debtCase, refuser, proposalId),
        {
          inReplyTo: afwijzing?.messageId as string,
        },
      );
      const inbox = await collect(refuser.handle, 'heroverweging', 1);
      expect(inbox.get(devOin(GEMEENTE))?.id).to.equal(heroverweging);
      await send(
        refuser.handle,
        GEMEENTE,
        'betaalvoorstel-antwoord',
        dossier.betaalvoorstelAntwoord(debtCase, refuser, 'akkoord'),
        {
          inReplyTo: heroverweging,
        },
      );
      const answers = await collect(GEMEENTE, 'betaalvoorstel-antwoord', 1);
      expect(answers.get(refuser.oin)?.payload['besluit']).to.equal('akkoord');
    });

    it('sends schuldregeling-akkoord with the final amounts to all 13 and keeps the ledger verifiable', async () => {
      for (const creditor of cooperating) {
        await send(
          GEMEENTE,
          creditor.handle,
          'schuldregeling-akkoord',
          dossier.schuldregelingAkkoord(debtCase, creditor),
        );
        const inbox = await collect(creditor.handle, 'schuldregeling-akkoord', 1);
        const lines = inbox.get(devOin(GEMEENTE))?.payload['vorderingen'] as {
          prognoseEindbedrag: number;
        }[];
        expect(lines[0]?.prognoseEindbedrag).to.equal(debtCase.offer.get(creditor.oin)?.amount);
      }
      const messages = await hub.hub.ledger.listConversation(conversationId);
      // 28 + 14 answers + 13 proposals + 13 answers + heroverweging + answer + 13 akkoord
      expect(messages).to.have.length(28 + 14 + 13 + 13 + 2 + 13);
      expect(messages.every((m) => m.status === 'picked-up')).to.equal(true);
      await hub.hub.housekeeping.seal();
      const report = await verifyChain(hub.hub.ledger);
      expect(report.problems).to.deep.equal([]);
      expect(report.unsealed).to.equal(0);
    });

    it('shows the counsellor the whole dossier and each creditor only its own messages', async () => {
      const full = await hub.client(GEMEENTE).conversation(conversationId);
      expect(full.status).to.equal(200);
      expect(full.body.messages).to.have.length(83);
      const own = await hub.client(refuser.handle).conversation(conversationId);
      expect(own.status).to.equal(200);
      expect(
        own.body.messages.every((m) => m.sender === refuser.oin || m.recipient === refuser.oin),
      ).to.equal(true);
      expect(own.body.messages).to.have.length(8);
      expect(JSON.stringify(own.body)).to.not.include('"payload"');
    });
  });
}
