/**
 * The hostile-input corpus over AMQP, signatures and identities (issue 12): `alg: none`, HMAC
 * keyed with a public key, `crit`, another participant's certificate, expired, not-yet-valid,
 * revoked, self-signed, foreign-CA and unregistered certificates (all made at the hub's clock),
 * replayed and altered messages, and a suspended participant — as sender whose broker user is
 * still there, as recipient, and once its broker user is gone. Every case the hub answers gets
 * its own code in a signed rejection receipt, stores nothing and leaves the hub serving
 * (amqp_corpus_world.ts).
 */
import { expect } from 'chai';
import { ENVELOPE_JWS_TYPE } from '@knooppunt/standard';
import type { SignedMessage, Signer } from '@knooppunt/standard';
import { amqpPassword } from '../support/amqp.ts';
import { createTestPki } from '../support/pki_fixtures.ts';
import {
  AmqpCorpus,
  cases,
  compactJws,
  oin,
  Participant,
  refusalOf,
  makeSelfSignedLeaf,
} from './amqp_corpus_world.ts';
import type { Case } from './amqp_corpus_world.ts';

const DAY = 86_400_000;

describe('hostile AMQP credentials: algorithms, certificates, replays, suspension', function () {
  this.timeout(60_000);
  let corpus: AmqpCorpus;
  const world = (): AmqpCorpus => corpus;
  /** Extra certificates of gemeente, registered (or not) before the cases run. */
  const extra: Record<string, Signer> = {};

  before(async function () {
    corpus = await AmqpCorpus.start(this, { others: ['incasso'] });
    const now = corpus.clock.now();
    extra['expired'] = corpus.devCaSigner({
      validFrom: new Date(now.getTime() - 3 * DAY),
      validDays: 1,
    });
    extra['not yet valid'] = corpus.devCaSigner({
      validFrom: new Date(now.getTime() + 2 * DAY),
      validDays: 30,
    });
    extra['revoked'] = corpus.devCaSigner();
    extra['self-signed'] = makeSelfSignedLeaf(oin('gemeente'), now);
    extra['another CA'] = createTestPki({ at: now }).participant(
      oin('gemeente'),
      'Gemeente',
    ).signer;
    const { registry } = corpus.testHub.hub;
    for (const signer of Object.values(extra)) {
      await registry.addCertificate(oin('gemeente'), signer.certificate.toString());
    }
    await registry.revokeCertificate(oin('gemeente'), (extra['revoked'] as Signer).thumbprint);
    extra['unregistered'] = corpus.devCaSigner();
  });
  after(async () => corpus?.stop());

  const gemeente = (c: AmqpCorpus): Signer => c.testHub.signer('gemeente');
  const as = (c: AmqpCorpus, handle: string): Signer => c.testHub.signer(handle);
  /** A message of gemeente whose signature is `sign(c, envelope)`. */
  const signed = (sign: (c: AmqpCorpus, envelope: object) => string) => (c: AmqpCorpus) => {
    const m = c.message();
    return c.submit({ ...m, signature: sign(c, m.envelope) });
  };
  const header = (c: AmqpCorpus, alg: string, extraHeader: object = {}) => ({
    alg,
    typ: ENVELOPE_JWS_TYPE,
    'x5t#S256': gemeente(c).thumbprint,
    ...extraHeader,
  });
  const pem = (signer: Signer): Buffer => Buffer.from(signer.certificate.toString());
  const spki = (signer: Signer): Buffer =>
    Buffer.from(signer.certificate.publicKey.export({ type: 'spki', format: 'pem' }));

  describe('alg none, HMAC keyed with a public key, crit', () => {
    // prettier-ignore
    cases(world, [
      ['alg none and no signature', 'SIGNATURE_MALFORMED', signed((c, e) => compactJws(header(c, 'none'), e, undefined))],
      ['alg none and a signature', 'ALG_NOT_ALLOWED', signed((c, e) => `${compactJws(header(c, 'none'), e, undefined)}AAAA`)],
      ['alg None', 'ALG_NOT_ALLOWED', signed((c, e) => `${compactJws(header(c, 'None'), e, undefined)}AAAA`)],
      ['HS256 keyed with its certificate PEM', 'ALG_NOT_ALLOWED', signed((c, e) => compactJws(header(c, 'HS256'), e, undefined, pem(gemeente(c))))],
      ['HS256 keyed with its public key (SPKI PEM)', 'ALG_NOT_ALLOWED', signed((c, e) => compactJws(header(c, 'HS256'), e, undefined, spki(gemeente(c))))],
      ["HS512 keyed with the hub's certificate PEM", 'ALG_NOT_ALLOWED', signed((c, e) => compactJws(header(c, 'HS512'), e, undefined, pem(c.testHub.hub.hubSigner)))],
      ['RS256', 'ALG_NOT_ALLOWED', signed((c, e) => compactJws(header(c, 'RS256'), e, gemeente(c)))],
      ['typ JWT', 'TYP_INVALID', signed((c, e) => compactJws({ ...header(c, 'ES256'), typ: 'JWT' }, e, gemeente(c)))],
      ['crit naming an unknown extension', 'JWS_CRIT_UNSUPPORTED', signed((c, e) => compactJws(header(c, 'ES256', { crit: ['x-knooppunt'], 'x-knooppunt': 1 }), e, gemeente(c)))],
      ['crit naming exp', 'JWS_CRIT_UNSUPPORTED', signed((c, e) => compactJws(header(c, 'ES256', { crit: ['exp'] }), e, gemeente(c)))],
      ['crit as an empty list', 'JWS_CRIT_UNSUPPORTED', signed((c, e) => compactJws(header(c, 'ES256', { crit: [] }), e, gemeente(c)))],
    ]);
  });

  describe("another participant's certificate", () => {
    // prettier-ignore
    cases(world, [
      ["signed with energie's key and certificate", 'CERT_OIN_MISMATCH', signed((c, e) => compactJws({ ...header(c, 'ES256'), 'x5t#S256': as(c, 'energie').thumbprint }, e, as(c, 'energie')))],
      ["naming energie's certificate, signed by gemeente", 'SIGNATURE_INVALID', signed((c, e) => compactJws({ ...header(c, 'ES256'), 'x5t#S256': as(c, 'energie').thumbprint }, e, gemeente(c)))],
      ["naming gemeente's certificate, signed by energie", 'SIGNATURE_INVALID', signed((c, e) => compactJws(header(c, 'ES256'), e, as(c, 'energie')))],
      ["a message of energie, its own signature, published by gemeente", 'SENDER_MISMATCH', (c) => c.submit(c.message('energie', 'gemeente'))],
      ["a message of cjib published by gemeente with app_id cjib", 'SENDER_MISMATCH', (c) => c.submit(c.message('cjib', 'energie'), { appId: oin('cjib') })],
      ["the hub's certificate", 'CERT_UNKNOWN', signed((c, e) => compactJws({ ...header(c, 'ES256'), 'x5t#S256': c.testHub.hub.hubSigner.thumbprint }, e, c.testHub.hub.hubSigner))],
    ]);
  });

  describe('expired, not-yet-valid, revoked, self-signed, foreign and unregistered certificates', () => {
    const kinds = [
      ['expired', 'CERT_EXPIRED'],
      ['not yet valid', 'CERT_NOT_YET_VALID'],
      ['revoked', 'CERT_REVOKED'],
      ['self-signed', 'CERT_UNTRUSTED'],
      ['another CA', 'CERT_UNTRUSTED'],
      ['unregistered', 'CERT_UNKNOWN'],
    ] as const;
    // prettier-ignore
    cases(world, kinds.map(([kind, code]): Case => [
      `an envelope signed with a ${kind} certificate`, code, (c) => c.submit(c.message('gemeente', 'energie', { signer: extra[kind] as Signer })),
    ]));
  });

  describe('replayed and altered messages', () => {
    /** Publishes `first` and waits for its receipt, then publishes `then(first)`. */
    const after =
      (then: (c: AmqpCorpus, first: SignedMessage) => SignedMessage) => async (c: AmqpCorpus) => {
        const first = c.message();
        const before = c.sender.received.length;
        await c.submit(first);
        expect((await c.sender.receiptAfter(before)).body.status).to.equal('accepted');
        await c.delivered(first.envelope.messageId);
        await c.rebase();
        const replay = then(c, first);
        await c.submit(replay);
        return {};
      };
    const minutes = (c: AmqpCorpus, n: number): Date =>
      new Date(c.clock.now().getTime() + n * 60_000);
    // prettier-ignore
    cases(world, [
      ['the same id with another payload', 'MESSAGE_ID_CONFLICT', after((c, first) => c.message('gemeente', 'energie', { messageId: first.envelope.messageId, payload: { ...first.payload, toelichting: 'anders' } }))],
      ['the same id to another recipient', 'MESSAGE_ID_CONFLICT', after((c, first) => c.message('gemeente', 'cjib', { messageId: first.envelope.messageId }))],
      ['the same id in another conversation', 'MESSAGE_ID_CONFLICT', after((c, first) => c.message('gemeente', 'energie', { messageId: first.envelope.messageId, payload: first.payload }))],
      ['a message signed 10 minutes ago', 'CLOCK_SKEW', (c) => c.submit(c.message('gemeente', 'energie', { createdAt: minutes(c, -10) }))],
      ['a message signed 10 minutes from now', 'CLOCK_SKEW', (c) => c.submit(c.message('gemeente', 'energie', { createdAt: minutes(c, 10) }))],
      ['a signature moved onto another envelope', 'ENVELOPE_MISMATCH', (c) => { const [a, b] = [c.message(), c.message()]; return c.submit({ ...b, signature: a.signature }); }],
      ['a signed envelope with its recipient changed afterwards', 'ENVELOPE_MISMATCH', (c) => { const m = c.message(); return c.submit({ ...m, envelope: { ...m.envelope, recipient: oin('cjib') } }); }],
      ['a signed message with its payload changed afterwards', 'DIGEST_MISMATCH', (c) => { const m = c.message(); return c.submit({ ...m, payload: { ...m.payload, toelichting: 'anders' } }); }],
      ["a hub receipt published as a submission", 'MALFORMED_MESSAGE', async (c) => { const before = c.sender.received.length; await c.submit(c.message('energie', 'gemeente')); const { body } = await c.sender.receiptAfter(before); await c.rebase(); return c.raw(JSON.stringify(body)); }],
      ["a delivery's body, as energie got it, republished by gemeente to cjib", 'ENVELOPE_MISMATCH', async (c) => { const m = c.message(); const before = c.sender.received.length; await c.submit(m); await c.sender.receiptAfter(before); await c.delivered(m.envelope.messageId); const got = c.recipient.received.find((d) => d.properties.messageId === m.envelope.messageId); const body = JSON.parse(String(got?.content)) as SignedMessage; await c.rebase(); await c.submit({ ...body, envelope: { ...body.envelope, recipient: oin('cjib') } }); return {}; }],
    ]);

    it('the same message again gets its original receipt, marked duplicate, and is stored once', async () => {
      const m = corpus.message();
      const receipts: unknown[] = [];
      for (let i = 0; i < 2; i += 1) {
        const before = corpus.sender.received.length;
        await corpus.submit(m);
        receipts.push((await corpus.sender.receiptAfter(before)).body);
      }
      const [first, second] = receipts as { receipt: string; duplicate?: true }[];
      expect(second?.duplicate).to.equal(true);
      expect(second?.receipt).to.equal(first?.receipt);
      await corpus.delivered(m.envelope.messageId);
      const events = await corpus.testHub.hub.ledger.listEvents(m.envelope.messageId);
      expect(events.filter((event) => event.type === 'received')).to.have.length(1);
    });
  });

  describe('a suspended participant', () => {
    let incasso: Participant;
    /** A message to incasso, accepted before the suspension. */
    let own = '';
    before(async () => {
      incasso = corpus.other('incasso');
      const m = corpus.message('gemeente', 'incasso');
      const before = corpus.sender.received.length;
      await corpus.submit(m);
      expect((await corpus.sender.receiptAfter(before)).body.status).to.equal('accepted');
      own = m.envelope.messageId;
      await corpus.testHub.hub.registry.setStatus(oin('incasso'), 'suspended');
    });

    it('a message it published while its broker user still exists: PARTICIPANT_SUSPENDED', async () => {
      await corpus.refuses(
        async () => {
          const m = corpus.message('incasso', 'energie');
          await incasso.publish(m, { messageId: m.envelope.messageId });
          return { messageId: m.envelope.messageId };
        },
        'PARTICIPANT_SUSPENDED',
        incasso,
      );
    });

    it('an ack of a message addressed to it, published while its broker user still exists: PARTICIPANT_SUSPENDED', async () => {
      await corpus.refuses(
        async () => {
          await incasso.publish(JSON.stringify({ messageId: own }), { type: 'ack' });
          return {};
        },
        'PARTICIPANT_SUSPENDED',
        incasso,
      );
      expect((await corpus.testHub.hub.ledger.getMessage(own))?.status).to.equal('accepted');
    });

    cases(world, [
      [
        'a message sent to it',
        'RECIPIENT_SUSPENDED',
        (c) => c.submit(c.message('gemeente', 'incasso')),
      ],
    ]);

    it('once the hub took its broker user away: its connection is closed and a new one refused (403 ACCESS_REFUSED)', async () => {
      const { hub, dataDir } = corpus.testHub;
      const password = amqpPassword(dataDir, oin('incasso'));
      const closed = new Promise<void>((resolve) => incasso.model.once('close', () => resolve()));
      const participant = await hub.registry.get(oin('incasso'));
      if (participant === undefined) throw new Error('no incasso');
      await hub.amqp?.participantChanged(participant);
      await closed;
      const refused = await Participant.connect(
        corpus.vhost.urlFor(oin('incasso'), password),
        oin('incasso'),
        false,
      ).then(
        async (p) => {
          await p.close();
          return { code: 0, text: 'connected' };
        },
        (error: { message: string }) => refusalOf({ code: 403, message: error.message }),
      );
      expect(
        `${refused.code} ${/ACCESS_REFUSED/.test(JSON.stringify(refused)) ? 'ACCESS_REFUSED' : refused.text}`,
      ).to.equal('403 ACCESS_REFUSED');
      await corpus.stillServes();
    });
  });
});
