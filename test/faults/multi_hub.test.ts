/**
 * Two and three hub processes sharing one MongoDB ledger and one broker (a vhost of its own)
 * behind one address, under mixed REST and AMQP load, with one process killed (SIGKILL)
 * half-way (issue 12, fault suite). The address is a round-robin TCP proxy
 * (test/support/round_robin_proxy.ts), which skips a backend that refuses connections as a
 * load balancer's health check would; every hub has the proxy's URL as its public URL, so a
 * token from one is good at every other.
 *
 * The gemeente sends saldoverzoeken over REST, the kredietbank over AMQP, to four creditors
 * that pick up (two over REST, two over AMQP) and, first of all, to two that never read (one
 * of each): those messages expire. The hubs run with `KNOOPPUNT_EXPIRY_SECONDS` (a short
 * expiry, development and test hubs only) and an expiry pass every second
 * (`KNOOPPUNT_PURGE_INTERVAL_SECONDS`), so every process races for the same expiries; each
 * expired message must give its sender exactly one verloopmelding, in the gemeente's REST
 * mailbox or on the kredietbank's queue.
 *
 * Proven: no message lost, none stored twice (one `received` event each), none delivered to
 * the wrong participant, every expiry notice stored once and picked up by the sender it is
 * for, no dead letter, and `knooppunt ledger verify` finds nothing. The shared FerretDB on
 * 27017 takes one writer at a time (SQLite): the processes contend there, which is the point,
 * and it bounds the volume (`KNOOPPUNT_FAULT_MESSAGES`, default 120 per variant).
 * `KNOOPPUNT_FAULT_DEBUG=1` prints progress and the hubs' logs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EXPIRY_NOTICE_TYPE, NAMES } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';
import { bootstrapDevNetwork, DEFAULT_HUB_OIN } from '../../src/devnet/dev_network.ts';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import type { MessageRecord } from '../../src/ledger/types.ts';
import { withTimeout } from '../../src/ops/timeout.ts';
import { ParticipantRegistry } from '../../src/participants/registry.ts';
import { amqpPassword, createTestVhost, management, rabbitAvailable } from '../support/amqp.ts';
import type { TestVhost } from '../support/amqp.ts';
import { ResilientParticipant, sleep } from '../support/amqp_resilient.ts';
import { examplePayload } from '../support/examples.ts';
import {
  freePort,
  HubProcess,
  ledgerFacts,
  ledgerView,
  notPickedUpIds,
  ledgerVerifyCli,
  printReconciliation,
  progress,
  reconcile,
  Tally,
  expectLedgerVerified,
  expectNothingLost,
} from '../support/faults.ts';
import type { LedgerFacts } from '../support/faults.ts';
import { buildMessage } from '../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devSigner, RestClient } from '../support/rest_client.ts';
import { RoundRobinProxy } from '../support/round_robin_proxy.ts';
import { devOin } from '../support/test_hub.ts';

const TOTAL = Number(process.env['KNOOPPUNT_FAULT_MESSAGES'] ?? 120);
/**
 * Seconds an unread message lives on these hubs (KNOOPPUNT_EXPIRY_SECONDS). A message the
 * killed process accepted reaches its AMQP recipient only once a survivor holds its partition:
 * after the dead relay's lease (30 s), up to a renewal period (10 s) and the taker's wait (a
 * third of a lease, 10 s). At 60 s one of them expired on CI's loaded machine before its
 * delivery (2026-12-04); 90 s leaves room.
 */
const EXPIRY_SECONDS = 90;
/** Messages each sender sends first to the creditors that never read. */
const UNREAD_EACH = 6;
const REST_CREDITORS = ['energie', 'telecom'];
const AMQP_CREDITORS = ['incasso', 'waterbedrijf'];
const ACTIVE = [...REST_CREDITORS, ...AMQP_CREDITORS];
/** Never read: one takes REST delivery, one AMQP (nobody consumes its queue). */
const UNREAD = ['duo', 'zorgverzekeraar'];
/** How long a REST reader waits for one call before it gives it up (a call to a killed process). */
const READ_TIMEOUT_MS = 10_000;
/** REST submissions the gemeente has in flight at once. */
const LANES = 3;

for (const processes of [2, 3]) {
  describe(`${processes} hub processes behind one address, one SIGKILLed, ${TOTAL} messages`, function () {
    this.timeout(240_000);
    let vhost: TestVhost;
    let dataDir: string;
    let database: string;
    let env: NodeJS.ProcessEnv;
    let proxy: RoundRobinProxy | undefined;
    let hubs: HubProcess[] = [];
    const clients: ResilientParticipant[] = [];

    before(async function () {
      requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
      requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
      vhost = await createTestVhost();
      dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-multi-'));
      database = uniqueDatabaseName('fault_multi');
      const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
      await ledger.init();
      const registry = new ParticipantRegistry(ledger);
      await bootstrapDevNetwork(join(dataDir, 'pki'), registry, DEFAULT_HUB_OIN);
      for (const handle of [...AMQP_CREDITORS, 'zorgverzekeraar', 'kredietbank']) {
        await registry.setTransport(devOin(handle), 'amqp');
      }
      await ledger.close();
      const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
      proxy = await RoundRobinProxy.start(ports);
      env = {
        ...process.env,
        KNOOPPUNT_DATA_DIR: dataDir,
        MONGODB_URL: TEST_MONGODB_URL,
        MONGODB_DB: database,
        AMQP_URL: vhost.url,
        KNOOPPUNT_DEV_BOOTSTRAP: 'true',
        KNOOPPUNT_PUBLIC_URL: proxy.baseUrl,
        KNOOPPUNT_EXPIRY_SECONDS: String(EXPIRY_SECONDS),
        KNOOPPUNT_PURGE_INTERVAL_SECONDS: '1',
        // Warnings too (a relay round that failed, a lease not renewed): a stalled run shows them.
        KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
      };
      hubs = ports.map((port) => new HubProcess(port, env));
    });

    after(async () => {
      await Promise.all(clients.map((client) => client.close()));
      await Promise.all(hubs.map((hub) => hub.kill()));
      await proxy?.close();
      const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
      await ledger.dropDatabase().catch(() => undefined);
      await ledger.close().catch(() => undefined);
      await vhost?.remove().catch(() => undefined);
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    });

    it('loses none, stores none twice, misdelivers none, and sends every expiry notice once', async () => {
      // The first process creates what the network needs; the others start on it together.
      const [first, ...others] = hubs as [HubProcess, ...HubProcess[]];
      await first.start();
      await consumers(vhost, dataDir, 1, first);
      await Promise.all(others.map((hub) => hub.start()));
      await consumers(vhost, dataDir, processes, first);
      const front = (proxy as RoundRobinProxy).baseUrl;

      const tally = new Tally();
      /** Unread message id → its sender's OIN. */
      const unread = new Map<string, string>();
      /** Notice id → how often its sender picked it up, and the expired message it names. */
      const notices = new Map<string, { about: string; by: string }>();
      const wrong = new Set<string>();
      let cut = 0;
      /** The REST readers' calls that did not answer 200: `<call> <status|timeout|error>` → count. */
      const readerTrouble = new Map<string, number>();
      let stop = false;
      const deadline = Date.now() + 200_000;
      // Both sides' figures (the AMQP side joins the tally only at the end), what the ledger says
      // of every message still outstanding, and the hubs' last lines: enough to tell from CI's
      // output which path stalled and where the message stands.
      const overdue = async (what: string): Promise<Error> => {
        const amqpPickedUp = amqpCreditors.reduce((n, client) => n + client.pickedUp.size, 0);
        const noticed = new Set([...notices.values()].map((notice) => notice.about));
        const outstanding = [
          ...[...tally.sent.keys()].filter((id) => !pickedUpAnywhere(id)),
          ...[...unread.keys()].filter((id) => !noticed.has(id)),
        ];
        return new Error(
          `${what}: REST ${tally.accepted.size} accepted, ${tally.pickedUp.size} picked up; ` +
            `AMQP ${kredietbank.receipts.size} of ${amqpMessages.length} receipts, ${amqpPickedUp} picked up; ` +
            `${tally.sent.size + unread.size} sent in all; notices ${notices.size} of ${unread.size}, ` +
            `${kredietbank.inReplyTo.size} delivered over AMQP; cut connections ${cut}; ` +
            `readers' calls not answered 200: ${JSON.stringify(Object.fromEntries(readerTrouble))}; ` +
            `outstanding in the ledger: ${await ledgerViewOf(database, outstanding.slice(0, 20))}\n` +
            hubs.map((hub) => hub.output().slice(-3000)).join('\n---\n'),
        );
      };

      const rest = (handle: string): RestClient =>
        new RestClient(front, { oin: devOin(handle), signer: devSigner(dataDir, devOin(handle)) });
      const connect = (handle: string): ResilientParticipant => {
        const oin = devOin(handle);
        const client = new ResilientParticipant(
          vhost.urlFor(oin, amqpPassword(dataDir, oin)),
          oin,
          {
            pickUp: true,
          },
        );
        clients.push(client);
        return client;
      };
      const kredietbank = connect('kredietbank');
      const amqpCreditors = AMQP_CREDITORS.map(connect);
      /** Whether the recipient of `id` picked it up, over REST or AMQP. */
      const pickedUpAnywhere = (id: string): boolean =>
        tally.pickedUp.has(id) ||
        amqpCreditors.some((c) => c.oin === tally.sent.get(id) && c.pickedUp.has(id));
      await Promise.all([kredietbank, ...amqpCreditors].map((client) => client.channel()));
      const gemeente = rest('gemeente');
      const restCreditors = REST_CREDITORS.map(rest);
      await Promise.all([gemeente, ...restCreditors].map((client) => client.token()));

      const messagesOf = (handle: string, count: number): SignedMessage[] => {
        const conversationId = randomUUID();
        return Array.from({ length: count }, (_, i) => {
          const toUnread = i < UNREAD_EACH;
          const recipient = devOin(
            (toUnread ? UNREAD[i % UNREAD.length] : ACTIVE[i % ACTIVE.length]) as string,
          );
          const message = buildMessage({
            signer: devSigner(dataDir, devOin(handle)),
            sender: devOin(handle),
            recipient,
            module: 'schuldinventarisatie',
            messageType: 'saldoverzoek',
            payload: examplePayload('saldoverzoek', 'inventarisatie'),
            conversationId,
          });
          if (toUnread) unread.set(message.envelope.messageId, devOin(handle));
          else tally.sent.set(message.envelope.messageId, recipient);
          return message;
        });
      };
      const restQueue = messagesOf('gemeente', Math.ceil(TOTAL / 2));
      const amqpMessages = messagesOf('kredietbank', Math.floor(TOTAL / 2));
      const accepted = (): number =>
        tally.accepted.size +
        amqpMessages.filter((m) => kredietbank.receipts.has(m.envelope.messageId)).length;

      // REST: each lane sends its message until it holds a receipt, the same id every time.
      const restSending = Array.from({ length: LANES }, async () => {
        for (let message = restQueue.shift(); message !== undefined; message = restQueue.shift()) {
          for (;;) {
            if (Date.now() > deadline) throw await overdue('sending over REST');
            tally.submissions += 1;
            const response = await gemeente.submit(message).catch(() => undefined);
            if (response === undefined) {
              cut += 1; // the connection went with a killed process
              await sleep(200);
              continue;
            }
            if (response.status === 201 || response.status === 200) {
              tally.accepted.add(message.envelope.messageId);
              break;
            }
            if (response.status !== 503) {
              throw new Error(`unexpected ${response.status} ${JSON.stringify(response.body)}`);
            }
            await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
          }
          await sleep(100);
        }
      });
      // AMQP: the kredietbank publishes at a steady pace.
      const amqpSending = (async () => {
        for (const message of amqpMessages) {
          await kredietbank.submit(message);
          await sleep(150);
        }
      })();

      // REST readers: the two creditors, and the gemeente for its notices.
      // A reader's call answers within READ_TIMEOUT_MS or is given up (a client would retry); the
      // calls that did not answer 200, by call and outcome, are in the report of a stall.
      const call = async <T extends { status: number }>(
        what: string,
        work: Promise<T>,
      ): Promise<T | undefined> => {
        let outcome: string;
        let answer: T | undefined;
        try {
          answer = await withTimeout(work, READ_TIMEOUT_MS);
          outcome = String(answer.status);
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          outcome = /no answer within/.test(text) ? 'timeout' : `error (${text.slice(0, 80)})`;
        }
        const key = `${what} ${outcome}`;
        if (outcome !== '200') readerTrouble.set(key, (readerTrouble.get(key) ?? 0) + 1);
        return answer;
      };
      const reading = [...restCreditors, gemeente].map(async (reader) => {
        while (!stop) {
          const page = await call('mailbox', reader.mailbox({ limit: 50 }));
          if (page?.status !== 200) {
            await sleep(500);
            continue;
          }
          if (page.body.items.length === 0) await sleep(300);
          for (const item of page.body.items) {
            const fetched = await call('fetch', reader.fetchMessage(item.messageId));
            if (fetched?.status !== 200) break;
            const { envelope } = fetched.body;
            if (envelope.recipient !== reader.oin) wrong.add(item.messageId);
            // The acknowledgement is idempotent: one whose answer was lost (its process killed
            // after it wrote) is sent again until the hub answers, as a client would; the mailbox
            // no longer lists a message whose acknowledgement went in.
            let acked = await call('ack', reader.ack(item.messageId));
            while ((acked === undefined || acked.status >= 500) && !stop) {
              await sleep(500);
              acked = await call('ack', reader.ack(item.messageId));
            }
            if (acked?.status !== 200) break;
            if (envelope.messageType === EXPIRY_NOTICE_TYPE) {
              notices.set(item.messageId, { about: envelope.inReplyTo ?? '', by: reader.oin });
            } else {
              tally.fetch(item.messageId, reader.oin, envelope.recipient);
              tally.pickedUp.add(item.messageId);
            }
          }
        }
      });

      // One process dies half-way.
      const victim = hubs[processes - 1] as HubProcess;
      let killedAfter = 0;
      const killing = (async () => {
        while (accepted() < TOTAL / 2) {
          if (Date.now() > deadline) throw await overdue('waiting to kill');
          await sleep(50);
        }
        killedAfter = accepted();
        await victim.kill();
        progress(`killed process ${processes} after ${killedAfter} receipts`);
      })();

      const amqpNotices = (): void => {
        for (const [id, about] of kredietbank.inReplyTo) {
          if (kredietbank.pickedUp.has(id)) notices.set(id, { about, by: kredietbank.oin });
        }
      };
      const activeDone = (): boolean => [...tally.sent.keys()].every(pickedUpAnywhere);
      const noticesDone = (): boolean => {
        amqpNotices();
        const about = new Set([...notices.values()].map((notice) => notice.about));
        return [...unread.keys()].every((id) => about.has(id));
      };
      try {
        await Promise.all([...restSending, amqpSending, killing]);
        while (accepted() < tally.sent.size + unread.size || !activeDone() || !noticesDone()) {
          if (Date.now() > deadline) throw await overdue('settling');
          progress(`${accepted()} accepted, ${notices.size} of ${unread.size} notices picked up`);
          await sleep(1000);
        }
      } finally {
        stop = true;
        await Promise.allSettled([...restSending, amqpSending, killing, ...reading]);
      }

      // The AMQP side joins the tally.
      for (const message of amqpMessages) {
        if (kredietbank.receipts.has(message.envelope.messageId)) {
          tally.accepted.add(message.envelope.messageId);
        }
      }
      for (const creditor of amqpCreditors) {
        for (const [id, times] of creditor.deliveries) {
          const recipient = creditor.wrongRecipient.has(id) ? '?' : creditor.oin;
          for (let i = 0; i < times; i += 1) tally.fetch(id, creditor.oin, recipient);
        }
        for (const id of creditor.pickedUp) tally.pickedUp.add(id);
      }
      for (const client of [kredietbank, ...amqpCreditors]) {
        for (const id of client.wrongRecipient) wrong.add(id);
      }

      // The ledger: wait for the AMQP pickups to land, then read it once more.
      const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
      let facts = await ledgerFacts(ledger);
      while ([...tally.sent.keys()].some((id) => facts.status.get(id) !== 'picked-up')) {
        if (Date.now() > deadline) break;
        await sleep(1000);
        facts = await ledgerFacts(ledger);
      }
      const notPickedUp = await ledgerView(ledger, notPickedUpIds(tally, facts));
      const stored: MessageRecord[] = [];
      for await (const record of ledger.allMessages()) stored.push(record);
      await ledger.close();
      const verify = await ledgerVerifyCli(env);
      const noticesStored = stored.filter((record) => record.messageType === EXPIRY_NOTICE_TYPE);
      const noticesPer = new Map<string, number>();
      for (const notice of noticesStored) {
        const about = notice.envelope.inReplyTo ?? '';
        noticesPer.set(about, (noticesPer.get(about) ?? 0) + 1);
        if (notice.recipient !== unread.get(about)) wrong.add(notice.messageId);
      }
      for (const [id, notice] of notices) {
        if (notice.by !== unread.get(notice.about)) wrong.add(id);
      }
      const participantsOnly = withoutIds(
        facts,
        new Set([...unread.keys(), ...noticesStored.map((n) => n.messageId)]),
      );
      const figures = reconcile(tally, participantsOnly);
      const expiredOnce = [...unread.keys()].filter(
        (id) => facts.received.get(id) === 1 && facts.status.get(id) === 'expired',
      ).length;
      const deadLetters = await management(
        'GET',
        `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.deadLetterQueue)}`,
      );
      const deadLettered = ((await deadLetters.json()) as { messages?: number }).messages ?? 0;
      printReconciliation(
        `${processes} hub processes, one SIGKILLed, shared MongoDB ledger and broker`,
        figures,
        verify.report,
        {
          'killed after receipts': killedAfter,
          'requests cut by the kill (sent again)': cut,
          'connections per process': [...(proxy as RoundRobinProxy).handed.values()].join(' / '),
          'sent to creditors that never read': unread.size,
          'of those expired, in the ledger once': expiredOnce,
          'expiry notices stored': noticesStored.length,
          'expiry notices stored twice': [...noticesPer.values()].filter((n) => n > 1).length,
          'expiry notices picked up by their sender': notices.size,
          'wrong participant (notices included)': wrong.size,
          'dead letters': deadLettered,
          "readers' calls not answered 200": JSON.stringify(Object.fromEntries(readerTrouble)),
          'not picked up in the ledger': notPickedUp,
        },
      );

      expect(victim.running).to.equal(false);
      expectNothingLost(figures);
      expect(expiredOnce).to.equal(unread.size);
      expect([...unread.keys()].map((id) => noticesPer.get(id) ?? 0)).to.deep.equal(
        [...unread.keys()].map(() => 1),
      );
      expect(noticesStored).to.have.length(unread.size);
      expect(notices.size).to.equal(unread.size);
      expect([...wrong]).to.deep.equal([]);
      expect(deadLettered).to.equal(0);
      expectLedgerVerified(verify);
    });
  });
}

/** The ledger facts without `ids` (the hub's own notices and the messages meant to expire). */
function withoutIds(facts: LedgerFacts, ids: ReadonlySet<string>): LedgerFacts {
  const keep = <V>(map: ReadonlyMap<string, V>) => new Map([...map].filter(([id]) => !ids.has(id)));
  return { received: keep(facts.received), status: keep(facts.status) };
}

/** Waits until the hub provisioned the broker users and `count` processes consume the inbound queue. */
async function consumers(
  vhost: TestVhost,
  dataDir: string,
  count: number,
  hub: HubProcess,
): Promise<void> {
  const passwordFile = join(dataDir, 'pki', 'participants', devOin('kredietbank'), 'amqp-password');
  for (let i = 0; i < 600; i += 1) {
    if (existsSync(passwordFile)) {
      const response = await management(
        'GET',
        `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
      );
      const consuming = ((await response.json()) as { consumers?: number }).consumers ?? 0;
      if (response.ok && consuming >= count) return;
    }
    await sleep(100);
  }
  throw new Error(`${count} processes did not take the AMQP queue:\n${hub.output()}`);
}

/** What the ledger in `database` holds of `ids` (faults.ts `ledgerView`), read on a connection of its own. */
async function ledgerViewOf(database: string, ids: readonly string[]): Promise<string> {
  const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
  try {
    return await ledgerView(ledger, ids);
  } finally {
    await ledger.close().catch(() => undefined);
  }
}
