/**
 * The hostile-input corpus over AMQP (issue 12): a test hub on a controlled clock with the AMQP
 * transport on a throw-away vhost of the real RabbitMQ, gemeente publishing (with every
 * property under the case's control) and energie receiving its deliveries on its queue, and the
 * checks every case makes. A case the hub answers: the next receipt on the sender's queue is a
 * rejection, its JWS verifies with the hub's certificate and names the case's code, exactly one
 * rejection was recorded and no message stored, moved or answered. A case the broker refuses:
 * the broker's reply code, nothing recorded at all. Either way the hub then accepts a good
 * message and delivers it to energie. A case is one row: `[name, code, run]`.
 */
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import amqp from 'amqplib';
import type { Channel } from 'amqplib';
import { createSigner, ENVELOPE_JWS_TYPE, ManualClock, verifyReceipt } from '@knooppunt/standard';
import type { Payload, SignedMessage, Signer } from '@knooppunt/standard';
import { pkiPaths } from '../../src/pki/files.ts';
import { issueCertificate } from '../../src/pki/issue.ts';
import { amqpPassword, createTestVhost, rabbitAvailable } from '../support/amqp.ts';
import type { TestVhost } from '../support/amqp.ts';
import { examplePayload } from '../support/examples.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import type { LedgerEventType } from '../../src/ledger/types.ts';
import { saldoverzoek } from '../integration/rest/rest_world.ts';
import type { MessageOverrides } from '../integration/rest/rest_world.ts';
import { compactJws } from './rest_corpus_world.ts';
import { Participant, publishNested } from './amqp_corpus_participant.ts';
import type { BrokerRefusal, Publish } from './amqp_corpus_participant.ts';

export { compactJws, MONGO_OPERATORS, SQL_FRAGMENTS } from './rest_corpus_world.ts';
export { Participant, publishOn, refusalOf } from './amqp_corpus_participant.ts';
export type { BrokerRefusal, Publish } from './amqp_corpus_participant.ts';
export { makeSelfSignedLeaf } from '../support/openssl.ts';

/** What a case sent: the envelope's message id, when it used one (it must not be stored). */
export interface Sent {
  readonly messageId?: string;
}

/** One case the hub answers with a signed rejection: name, code, how it is sent. */
export type Case = readonly [
  name: string,
  code: string,
  run: (corpus: AmqpCorpus) => Promise<Sent>,
];

/** One case the broker refuses: name, `<code> <TEXT>`, how it is provoked. */
export type BrokerCase = readonly [
  name: string,
  refusal: string,
  run: (corpus: AmqpCorpus) => Promise<BrokerRefusal>,
];

/** The events that mean a message was stored, moved on or answered. */
const MESSAGE_EVENTS = [
  'received',
  'delivered',
  'picked-up',
  'answered',
  'conversation-opened',
  'conversation-closed',
] as const;

/** A running corpus: hub, vhost, gemeente (sender) and energie (AMQP recipient). */
export class AmqpCorpus {
  readonly #others = new Map<string, Participant>();
  /** Whose receipts the running case waits for. */
  #from: Participant;
  /** What the running case is judged against (`rebase`). */
  #baseline = { stored: 0, rejected: 0, before: 0, delivered: 0 };

  private constructor(
    readonly testHub: TestHub,
    readonly clock: ManualClock,
    readonly vhost: TestVhost,
    readonly sender: Participant,
    readonly recipient: Participant,
  ) {
    this.#from = sender;
  }

  /**
   * Starts a hub at 2027-05-03T10:00Z on `ledger` (SQLite by default), its body limit
   * `maxBodyBytes`, with energie receiving over AMQP. gemeente, energie and the `others`
   * connect (and consume) now: broker users are the broker's, not the vhost's, and another
   * hub starting on the same broker gives them new passwords.
   */
  static async start(
    context: Mocha.Context,
    options: {
      ledger?: 'sqlite' | 'mongodb';
      maxBodyBytes?: number;
      others?: readonly string[];
    } = {},
  ): Promise<AmqpCorpus> {
    const ledger = options.ledger ?? 'sqlite';
    requirePrecondition(context, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    if (ledger === 'mongodb') {
      requirePrecondition(context, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    }
    const clock = new ManualClock(new Date('2027-05-03T10:00:00.000Z'));
    const vhost = await createTestVhost();
    const testHub = await startTestHub({
      ledger,
      clock,
      env: {
        AMQP_URL: vhost.url,
        ...(options.maxBodyBytes === undefined
          ? {}
          : { KNOOPPUNT_MAX_BODY_BYTES: String(options.maxBodyBytes) }),
      },
    });
    await testHub.hub.registry.setTransport(devOin('energie'), 'amqp');
    const connect = (handle: string) =>
      Participant.connect(
        vhost.urlFor(devOin(handle), amqpPassword(testHub.dataDir, devOin(handle))),
        devOin(handle),
        true,
      );
    const corpus = new AmqpCorpus(
      testHub,
      clock,
      vhost,
      await connect('gemeente'),
      await connect('energie'),
    );
    for (const handle of options.others ?? []) corpus.#others.set(handle, await connect(handle));
    return corpus;
  }

  /** The connection of one of the `others` the corpus started with. */
  other(handle: string): Participant {
    const participant = this.#others.get(handle);
    if (participant === undefined) throw new Error(`${handle} was not connected at the start`);
    return participant;
  }

  async stop(): Promise<void> {
    await Promise.all(
      [this.sender, this.recipient, ...this.#others.values()].map((p) => p.close()),
    );
    await this.testHub.stop();
    await this.vhost.remove();
  }

  /** A fresh, valid saldoverzoek created at the hub's time. */
  message(from = 'gemeente', to = 'energie', overrides: MessageOverrides = {}): SignedMessage {
    return saldoverzoek(this.testHub, from, to, { createdAt: this.clock.now(), ...overrides });
  }

  /**
   * A saldoverzoek from gemeente signed over envelope fields as given (`changes` replace or add
   * fields, any value at all): the signature and digest hold, so the hub judges the fields.
   */
  signedWith(changes: Readonly<Record<string, unknown>>, signer?: Signer): SignedMessage {
    const base = this.message();
    const envelope = JSON.parse(
      JSON.stringify({ ...base.envelope, ...changes }),
    ) as SignedMessage['envelope'];
    const key = signer ?? this.testHub.signer('gemeente');
    const header = { alg: key.algorithm, typ: ENVELOPE_JWS_TYPE, 'x5t#S256': key.thumbprint };
    return { envelope, payload: base.payload, signature: compactJws(header, envelope, key) };
  }

  /** A message from gemeente to energie whose payload is `change(payload)`, signed. */
  withPayload(change: (payload: Record<string, unknown>) => Payload): SignedMessage {
    const payload = change(structuredClone(examplePayload('saldoverzoek', 'inventarisatie')));
    return this.message('gemeente', 'energie', { payload });
  }

  /**
   * Publishes a message as gemeente: message_id is its id unless `publish` says otherwise, or
   * absent when the id is no AMQP short string (more than 255 bytes, or not a string).
   */
  async submit(message: SignedMessage, publish: Publish = {}): Promise<Sent> {
    const messageId: unknown = message.envelope.messageId;
    const short = typeof messageId === 'string' && Buffer.byteLength(messageId) <= 255;
    await this.sender.publish(message, { messageId: short ? messageId : null, ...publish });
    return typeof messageId === 'string' ? { messageId } : {};
  }

  /** Publishes `edit(text)` of a fresh message's JSON as gemeente. */
  async edited(edit: (text: string) => string | Buffer, publish: Publish = {}): Promise<Sent> {
    const m = this.message();
    await this.sender.publish(edit(JSON.stringify(m)), {
      messageId: m.envelope.messageId,
      ...publish,
    });
    return { messageId: m.envelope.messageId };
  }

  /** Publishes raw bytes as gemeente with a fresh message_id. */
  async raw(body: Buffer | string, publish: Publish = {}): Promise<Sent> {
    await this.sender.publish(body, { messageId: randomUUID(), ...publish });
    return {};
  }

  /**
   * Publishes `body` as gemeente with headers nested `depth` deep (`tables` or `arrays`), from a
   * worker thread with a large stack (`publishNested`).
   */
  publishNested(
    kind: 'tables' | 'arrays',
    depth: number,
    body: string,
    publish: { type: string; messageId: string },
  ): Promise<void> {
    const { oin } = this.sender;
    const url = this.vhost.urlFor(oin, amqpPassword(this.testHub.dataDir, oin));
    return publishNested(url, oin, { kind, depth, body, ...publish });
  }

  /** A certificate for gemeente from the hub's development CA, at the hub's clock. */
  devCaSigner(options: { validFrom?: Date; validDays?: number } = {}): Signer {
    const paths = pkiPaths(join(this.testHub.dataDir, 'pki'));
    const issued = issueCertificate({
      issuer: {
        certificatePem: readFileSync(paths.caCert, 'utf8'),
        privateKeyPem: readFileSync(paths.caKey, 'utf8'),
      },
      oin: devOin('gemeente'),
      name: 'Gemeente (extra)',
      keyAlgorithm: 'p256',
      now: () => this.clock.now(),
      ...options,
    });
    return createSigner(
      createPrivateKey(issued.privateKeyPem),
      new X509Certificate(issued.certificatePem),
    );
  }

  /** How many events of `types` the ledger holds. */
  count(types: readonly LedgerEventType[]): Promise<number> {
    return this.testHub.hub.ledger.countEvents({ types: [...types] });
  }

  /**
   * Runs a case the hub must answer: the next receipt on the queue of `from` (gemeente) is a
   * signed rejection with `code`, one rejection recorded, nothing stored or delivered; then the
   * next good message goes through.
   */
  async refuses(run: () => Promise<Sent>, code: string, from = this.sender): Promise<void> {
    this.#from = from;
    await this.rebase();
    const sent = await run();
    const { stored, rejected, before, delivered } = this.#baseline;
    const { body } = await from.receiptAfter(before);
    const shown = JSON.stringify({ ...body, receipt: undefined });
    expect(body.status, shown).to.equal('rejected');
    expect(body.reasons?.[0]?.code, shown).to.equal(code);
    const claims = verifyReceipt(body.receipt, this.testHub.hub.hubSigner.certificate);
    expect(claims.status).to.equal('rejected');
    expect(claims.sender).to.equal(from.oin);
    expect(claims.reasons?.[0]?.code).to.equal(code);
    expect(await this.count(MESSAGE_EVENTS), 'message events').to.equal(stored);
    expect(await this.count(['rejected']), 'rejections recorded').to.equal(rejected + 1);
    if (typeof sent.messageId === 'string' && sent.messageId !== '') {
      expect(await this.testHub.hub.ledger.getMessage(sent.messageId)).to.equal(undefined);
    }
    expect(this.recipient.received.length, 'deliveries to energie').to.equal(delivered);
    await this.stillServes();
  }

  /**
   * Takes the state a case is judged against (counts, the queues' lengths) anew: a case that
   * first sends good messages (a replay needs an original) calls it before its hostile part.
   */
  async rebase(): Promise<void> {
    const [stored, rejected] = await Promise.all([
      this.count(MESSAGE_EVENTS),
      this.count(['rejected']),
    ]);
    this.#baseline = {
      stored,
      rejected,
      before: this.#from.received.length,
      delivered: this.recipient.received.length,
    };
  }

  /** Runs a case the broker must refuse with `expected` (`403 ACCESS_REFUSED`); nothing recorded. */
  async brokerRefuses(run: () => Promise<BrokerRefusal>, expected: string): Promise<void> {
    const [stored, rejected] = [await this.count(MESSAGE_EVENTS), await this.count(['rejected'])];
    const refusal = await run();
    expect(`${refusal.code} ${refusal.text}`).to.equal(expected);
    expect(await this.count(MESSAGE_EVENTS), 'message events').to.equal(stored);
    expect(await this.count(['rejected']), 'rejections recorded').to.equal(rejected);
    await this.stillServes();
  }

  /** A valid saldoverzoek from gemeente is accepted (signed receipt) and delivered to energie. */
  async stillServes(): Promise<void> {
    const good = this.message();
    const id = good.envelope.messageId;
    const before = this.sender.received.length;
    await this.submit(good);
    const { message, body } = await this.sender.receiptAfter(before);
    expect(body.status, JSON.stringify(body.reasons)).to.equal('accepted');
    expect(message.properties.correlationId).to.equal(id);
    const claims = verifyReceipt(body.receipt, this.testHub.hub.hubSigner.certificate);
    expect(claims).to.include({ status: 'accepted', messageId: id });
    await this.delivered(id);
  }

  /** Waits until energie got message `id` and the ledger recorded it delivered. */
  async delivered(id: string): Promise<void> {
    const delivery = await this.recipient.waitFor(
      (m) => m.properties.type === 'message' && m.properties.messageId === id,
    );
    expect(JSON.parse(delivery.content.toString('utf8'))).to.have.nested.property(
      'envelope.messageId',
      id,
    );
    // The ledger records `delivered` after the broker's confirm: wait for it, so that the next
    // case counts events from a settled ledger.
    const deadline = Date.now() + 10_000;
    while ((await this.testHub.hub.ledger.getMessage(id))?.status !== 'delivered') {
      if (Date.now() > deadline) throw new Error(`message ${id} was not recorded delivered`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Declares one `it` per case the hub answers; `corpus` is read when the case runs. */
export function cases(corpus: () => AmqpCorpus, table: readonly Case[]): void {
  for (const [name, code, run] of table) {
    it(`${name}: ${code}`, async () => {
      const world = corpus();
      await world.refuses(() => run(world), code);
    });
  }
}

/** Declares one `it` per case the broker refuses. */
export function brokerCases(corpus: () => AmqpCorpus, table: readonly BrokerCase[]): void {
  for (const [name, refusal, run] of table) {
    it(`${name}: broker ${refusal}`, async () => {
      const world = corpus();
      await world.brokerRefuses(() => run(world), refusal);
    });
  }
}

/** How many messages wait in a queue of the corpus's vhost (read as guest). */
export async function queueDepth(corpus: AmqpCorpus, queue: string): Promise<number> {
  const model = await amqp.connect(corpus.vhost.url);
  try {
    const channel: Channel = await model.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await model.close().catch(() => undefined);
  }
}

/** The OIN of a development participant (re-exported for the tables). */
export const oin = devOin;
