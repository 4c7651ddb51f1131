/**
 * The MongoDB server stopped for 30 seconds and started again under REST and AMQP load (issue
 * 12, fault suite). The test runs a FerretDB of its own (its own port and data folder; the
 * shared one on 27017 is never touched), a hub process on it and on a vhost of the shared
 * RabbitMQ. The gemeente sends saldoverzoeken over REST (four lanes, each retrying its message
 * with the same id after the answer's Retry-After), the kredietbank publishes them over AMQP,
 * both to four creditors of which two take delivery over REST and two over AMQP, all picking
 * up as they arrive. When both streams have receipts, FerretDB is killed (SIGKILL), kept away
 * for 30 s, and started again on the same data; the load goes on meanwhile and for a while
 * after. A probe reads `/v1/ready` all along.
 *
 * Proven: while the ledger is away REST answers 503 LEDGER_UNAVAILABLE with `Retry-After` (no
 * 500, no hanging for the driver's 30 s), the AMQP input waits on its queue (no rejection
 * receipt, no dead letter), `/v1/ready` says not-ready while the server is down and never
 * ready while a request failed for it, ready again after; the same hub process recovers by
 * itself; and the reconciliation finds every message accepted, in the ledger exactly once,
 * delivered and picked up by its own recipient, none lost or duplicated, and `knooppunt
 * ledger verify` finds nothing.
 *
 * `KNOOPPUNT_FAULT_DEBUG=1` prints progress and the hub's log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { NAMES } from '@knooppunt/standard';
import { bootstrapDevNetwork, DEFAULT_HUB_OIN } from '../../src/devnet/dev_network.ts';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
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
  amqpInputReady,
} from '../support/faults.ts';
import { ferretDbBinaryAvailable, FERRETDB_BIN, OwnFerretDb } from '../support/ferretdb.ts';
import { buildMessage } from '../support/message_builder.ts';
import { uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devSigner, problemOf, RestClient } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';

/** How long the server stays away. */
const OUTAGE_MS = 30_000;
/** Receipts each stream needs before the outage, and after it before the load stops. */
const BEFORE = 30;
const AFTER = 30;
const REST_CREDITORS = ['energie', 'telecom'];
const AMQP_CREDITORS = ['incasso', 'waterbedrijf'];
const CREDITORS = [...REST_CREDITORS, ...AMQP_CREDITORS];
/** REST submissions the gemeente has in flight at once. */
const LANES = 4;
/** The hub's wait for a server before LEDGER_UNAVAILABLE (MONGODB_SERVER_SELECTION_TIMEOUT_MS). */
const SERVER_SELECTION_MS = 2000;

/** One HTTP exchange or readiness probe, by wall-clock time. */
interface Observed {
  readonly start: number;
  readonly end: number;
  readonly status: number;
  readonly code?: string;
  readonly retryAfter?: string | null;
}

describe('MongoDB stopped for 30 s under REST and AMQP load', function () {
  this.timeout(300_000);
  let ferret: OwnFerretDb;
  let vhost: TestVhost;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess | undefined;
  const clients: ResilientParticipant[] = [];

  before(async function () {
    requirePrecondition(
      this,
      ferretDbBinaryAvailable(),
      `FerretDB binary at ${FERRETDB_BIN} (scripts/services.sh start builds it)`,
    );
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    ferret = new OwnFerretDb(await freePort());
    await ferret.start();
    vhost = await createTestVhost();
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-mongo-'));
    const database = uniqueDatabaseName('fault_outage');
    // The development network, with two creditors taking delivery over AMQP, before start.
    const ledger = new MongoLedger({ url: ferret.url, database });
    await ledger.init();
    const registry = new ParticipantRegistry(ledger);
    await bootstrapDevNetwork(join(dataDir, 'pki'), registry, DEFAULT_HUB_OIN);
    for (const handle of AMQP_CREDITORS) await registry.setTransport(devOin(handle), 'amqp');
    await ledger.close();
    env = {
      ...process.env,
      KNOOPPUNT_DATA_DIR: dataDir,
      MONGODB_URL: ferret.url,
      MONGODB_DB: database,
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: String(SERVER_SELECTION_MS),
      AMQP_URL: vhost.url,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
    };
    hub = new HubProcess(await freePort(), env);
  });

  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.kill();
    await vhost?.remove().catch(() => undefined);
    await ferret?.remove();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After, keeps AMQP input waiting, tells readiness truly, recovers and loses nothing', async () => {
    const running = hub as HubProcess;
    await running.start();
    await amqpInputReady(
      running,
      join(dataDir, 'pki', 'participants', devOin('kredietbank'), 'amqp-password'),
      vhost,
    );
    const pid = running.pid;
    const tally = new Tally();
    const requests: Observed[] = [];
    const probes: Observed[] = [];
    const queueDuringOutage: number[] = [];
    let stopSending = false;
    let stopAll = false;
    const deadline = Date.now() + 240_000;
    const overdue = (what: string): Error =>
      new Error(
        `${what}: ${tally.accepted.size} accepted of ${tally.sent.size}, ${tally.pickedUp.size} picked up\n` +
          `${ferret.status()}\n${running.output()}`,
      );

    const rest = (handle: string): RestClient =>
      new RestClient(running.baseUrl, {
        oin: devOin(handle),
        signer: devSigner(dataDir, devOin(handle)),
      });
    const connect = (handle: string, pickUp: boolean): ResilientParticipant => {
      const oin = devOin(handle);
      const client = new ResilientParticipant(vhost.urlFor(oin, amqpPassword(dataDir, oin)), oin, {
        pickUp,
      });
      clients.push(client);
      return client;
    };
    const kredietbank = connect('kredietbank', false);
    const amqpCreditors = AMQP_CREDITORS.map((handle) => connect(handle, true));
    await Promise.all([kredietbank, ...amqpCreditors].map((client) => client.channel()));
    const gemeente = rest('gemeente');
    const restCreditors = REST_CREDITORS.map(rest);
    // Tokens now: they live five minutes, longer than the test.
    await Promise.all([gemeente, ...restCreditors].map((client) => client.token()));

    let n = 0;
    const nextMessage = (handle: string, conversationId: string) => {
      const recipient = devOin(CREDITORS[n++ % CREDITORS.length] as string);
      const message = buildMessage({
        signer: devSigner(dataDir, devOin(handle)),
        sender: devOin(handle),
        recipient,
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload: examplePayload('saldoverzoek', 'inventarisatie'),
        conversationId,
      });
      tally.sent.set(message.envelope.messageId, recipient);
      return message;
    };

    // REST: each lane sends its message until it holds a receipt, waiting Retry-After between.
    const restConversation = randomUUID();
    let restAccepted = 0;
    const restSending = Array.from({ length: LANES }, async () => {
      while (!stopSending) {
        const message = nextMessage('gemeente', restConversation);
        const id = message.envelope.messageId;
        for (;;) {
          if (Date.now() > deadline) throw overdue('sending over REST');
          tally.submissions += 1;
          const start = Date.now();
          const response = await gemeente.submit(message);
          const end = Date.now();
          if (response.status === 201 || response.status === 200) {
            tally.accepted.add(id);
            restAccepted += 1;
            requests.push({ start, end, status: response.status });
            break;
          }
          const retryAfter = response.headers.get('retry-after');
          requests.push({
            start,
            end,
            status: response.status,
            code: problemOf(response).code,
            retryAfter,
          });
          if (response.status !== 503) {
            throw new Error(`unexpected ${response.status} ${JSON.stringify(response.body)}`);
          }
          await sleep(Number(retryAfter ?? 1) * 1000);
        }
        await sleep(200);
      }
    });

    // AMQP: the kredietbank publishes one every 250 ms; the broker holds what the hub cannot take.
    const amqpConversation = randomUUID();
    const amqpIds: string[] = [];
    const amqpSending = (async () => {
      while (!stopSending) {
        const message = nextMessage('kredietbank', amqpConversation);
        amqpIds.push(message.envelope.messageId);
        await kredietbank.submit(message);
        await sleep(250);
      }
    })();
    const amqpAccepted = (): number =>
      amqpIds.filter((id) => kredietbank.receipts.has(id) && !kredietbank.rejections.has(id))
        .length;

    // REST creditors pick up as they go; a failed read is an observed failure like a write.
    const restPickingUp = restCreditors.map(async (creditor) => {
      while (!stopAll) {
        const start = Date.now();
        const page = await creditor.mailbox({ limit: 50 });
        if (page.status !== 200) {
          requests.push({
            start,
            end: Date.now(),
            status: page.status,
            code: problemOf(page).code,
            retryAfter: page.headers.get('retry-after'),
          });
          await sleep(1000);
          continue;
        }
        if (page.body.items.length === 0) await sleep(300);
        for (const item of page.body.items) {
          const fetched = await creditor.fetchMessage(item.messageId);
          if (fetched.status !== 200) break;
          tally.fetch(item.messageId, creditor.oin, fetched.body.envelope.recipient);
          // The acknowledgement is idempotent: one whose answer was lost (the server killed
          // after it wrote, so the hub answered 503) is sent again until it is answered, as a
          // client would; the mailbox no longer lists a message whose acknowledgement went in.
          let acked = await creditor.ack(item.messageId);
          while (acked.status === 503 && !stopAll) {
            progress(`acknowledgement of ${item.messageId} answered 503: sent again`);
            await sleep(Number(acked.headers.get('retry-after') ?? 1) * 1000);
            acked = await creditor.ack(item.messageId);
          }
          if (acked.status !== 200) break;
          tally.pickedUp.add(item.messageId);
        }
      }
    });

    // Readiness, all along.
    const probing = (async () => {
      while (!stopAll) {
        const start = Date.now();
        const response = await fetch(`${running.baseUrl}/v1/ready`).catch(() => undefined);
        const body = (await response?.json().catch(() => undefined)) as
          { status?: string } | undefined;
        probes.push({
          start,
          end: Date.now(),
          status: response?.status ?? 0,
          code: body?.status ?? 'none',
        });
        await sleep(250);
      }
    })();

    // The outage, once both streams have receipts.
    let killedAt = 0;
    // When the server was started again (spawned), and when it answered: between the two it
    // may already serve a ping, so "down" ends at the first.
    let restartingAt = 0;
    let restartedAt = 0;
    const outage = (async () => {
      while (restAccepted < BEFORE || amqpAccepted() < BEFORE) {
        if (Date.now() > deadline) throw overdue('waiting for the first receipts');
        await sleep(100);
      }
      const before = { rest: restAccepted, amqp: amqpAccepted() };
      await ferret.kill();
      killedAt = Date.now();
      progress(`FerretDB killed after ${before.rest} REST and ${before.amqp} AMQP receipts`);
      while (Date.now() < killedAt + OUTAGE_MS) {
        const inbound = await management(
          'GET',
          `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
        );
        queueDuringOutage.push(((await inbound.json()) as { messages?: number }).messages ?? 0);
        await sleep(2000);
      }
      restartingAt = Date.now();
      await ferret.start();
      restartedAt = Date.now();
      progress(`FerretDB started again after ${restartedAt - killedAt} ms`);
      while (restAccepted < before.rest + AFTER || amqpAccepted() < before.amqp + AFTER) {
        if (Date.now() > deadline) throw overdue('waiting for receipts after the outage');
        await sleep(200);
      }
      stopSending = true;
    })();

    try {
      await outage;
      await Promise.all([...restSending, amqpSending]);
      const amqpPickedUp = (): boolean =>
        amqpCreditors.every((creditor) =>
          [...tally.sent].every(
            ([id, recipient]) => recipient !== creditor.oin || creditor.pickedUp.has(id),
          ),
        );
      while (
        amqpAccepted() < amqpIds.length ||
        !restAllPickedUp(tally, amqpCreditors) ||
        !amqpPickedUp()
      ) {
        if (Date.now() > deadline) throw overdue('settling');
        progress(
          `${tally.accepted.size + amqpAccepted()} receipts, ${tally.pickedUp.size} REST pickups`,
        );
        await sleep(500);
      }
    } finally {
      stopSending = true;
      stopAll = true;
      await Promise.allSettled([...restSending, amqpSending, ...restPickingUp, probing, outage]);
    }
    for (const result of await Promise.allSettled([...restPickingUp, probing])) {
      if (result.status === 'rejected') throw result.reason;
    }

    // What the AMQP participants saw joins the tally.
    for (const id of amqpIds) if (kredietbank.receipts.has(id)) tally.accepted.add(id);
    for (const creditor of amqpCreditors) {
      for (const [id, times] of creditor.deliveries) {
        for (let i = 0; i < times; i += 1)
          tally.fetch(id, creditor.oin, creditor.wrongRecipient.has(id) ? '?' : creditor.oin);
      }
      for (const id of creditor.pickedUp) tally.pickedUp.add(id);
    }
    // The ack of a pickup is processed after its publish is confirmed: wait for the ledger.
    const ledger = new MongoLedger({ url: ferret.url, database: env['MONGODB_DB'] as string });
    let facts = await ledgerFacts(ledger);
    while ([...tally.sent.keys()].some((id) => facts.status.get(id) !== 'picked-up')) {
      if (Date.now() > deadline) break;
      await sleep(1000);
      facts = await ledgerFacts(ledger);
    }
    const notPickedUp = await ledgerView(ledger, notPickedUpIds(tally, facts));
    await ledger.close();
    const verify = await ledgerVerifyCli(env);
    const figures = reconcile(tally, facts);
    const failed = requests.filter((r) => r.status !== 200 && r.status !== 201);
    const deadLetters = await management(
      'GET',
      `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.deadLetterQueue)}`,
    );
    const deadLettered = ((await deadLetters.json()) as { messages?: number }).messages ?? 0;
    // Deliveries the broker handed out again: a held delivery is tried in place, not requeued.
    const inboundStats = await management(
      'GET',
      `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
    );
    const redelivered =
      ((await inboundStats.json()) as { message_stats?: { redeliver?: number } }).message_stats
        ?.redeliver ?? 0;
    const seen = (status: string) => probes.filter((probe) => probe.code === status).length;
    printReconciliation('MongoDB stopped 30 s under REST and AMQP load', figures, verify.report, {
      'outage (ms)': restartedAt - killedAt,
      'REST answers 503 during the outage': failed.length,
      'slowest 503 (ms)': Math.max(0, ...failed.map((r) => r.end - r.start)),
      'AMQP rejection receipts': kredietbank.rejections.size,
      'dead letters': deadLettered,
      'inbound deliveries redelivered': redelivered,
      'inbound queue during the outage (max)': Math.max(0, ...queueDuringOutage),
      'readiness probes ready / not-ready': `${seen('ready')} / ${seen('not-ready')}`,
      'not picked up in the ledger': notPickedUp,
    });

    // REST: every failure a 503 LEDGER_UNAVAILABLE with Retry-After, within the outage.
    expect(failed.length, 'no REST request failed during the outage').to.be.above(0);
    for (const request of failed) {
      expect(request.status).to.equal(503);
      expect(request.code).to.equal('LEDGER_UNAVAILABLE');
      expect(request.end).to.be.at.least(killedAt);
      expect(request.retryAfter, 'Retry-After').to.match(/^[1-9]\d*$/);
    }
    // AMQP: the input waited on its queue; nothing refused or dead-lettered for the hub's fault.
    expect(Math.max(0, ...queueDuringOutage)).to.be.above(0);
    expect([...kredietbank.rejections]).to.deep.equal([]);
    expect(deadLettered).to.equal(0);
    expect(redelivered, 'inbound deliveries requeued instead of held').to.equal(0);
    // Readiness: ready, then not-ready while the server was down, then ready again.
    const firstNotReady = probes.findIndex((probe) => probe.code === 'not-ready');
    expect(firstNotReady).to.be.above(0);
    expect(probes.slice(0, firstNotReady).some((probe) => probe.code === 'ready')).to.equal(true);
    expect(probes.slice(firstNotReady).some((probe) => probe.code === 'ready')).to.equal(true);
    for (const probe of probes) {
      if (probe.start >= killedAt && probe.end <= restartingAt) {
        expect(probe.code, 'a probe while the server was down').to.equal('not-ready');
      }
    }
    for (const request of failed) {
      for (const probe of probes) {
        if (probe.start >= Math.max(request.start, killedAt) && probe.end <= request.end) {
          expect(probe.code, 'a probe while a request failed for the ledger').to.not.equal('ready');
        }
      }
    }
    // The same process throughout, and the reconciliation.
    expect(running.pid).to.equal(pid);
    expectNothingLost(figures);
    expectLedgerVerified(verify);
  });
});

/** Whether every message to a REST creditor was picked up (AMQP ones are counted apart). */
function restAllPickedUp(tally: Tally, amqpCreditors: readonly ResilientParticipant[]): boolean {
  const amqp = new Set(amqpCreditors.map((creditor) => creditor.oin));
  return [...tally.sent].every(([id, recipient]) => amqp.has(recipient) || tally.pickedUp.has(id));
}
