/**
 * Faults on the AMQP path with the hub as a separate process, the real RabbitMQ and the MongoDB
 * ledger: 1,000 saldoverzoeken published over AMQP by the gemeente's own connection to four
 * creditors that take delivery on their queues. In the middle of the stream either the hub is
 * killed with SIGKILL and started again, or RabbitMQ's application is stopped and started.
 * Afterwards every message is in the ledger exactly once (one `received` event), delivered,
 * every recipient got each of its messages at least once under the same message id, the outbox
 * is empty and so is the inbound queue.
 *
 * Part of the suite (about two minutes each here). `KNOOPPUNT_FAULT_MESSAGES` sets the count,
 * `KNOOPPUNT_FAULT_DEBUG=1` prints progress and the hub's log. The RabbitMQ restart stops the
 * application of the one broker the suite uses (`rabbitmqctl stop_app` / `start_app`), so it
 * needs the local broker that `scripts/services.sh` runs.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { bootstrapDevNetwork } from '../../src/devnet/dev_network.ts';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import { verifyChain } from '../../src/ledger/verify_chain.ts';
import { OUTBOX_PARTITIONS } from '../../src/ledger/types.ts';
import { ParticipantRegistry } from '../../src/participants/registry.ts';
import { DEFAULT_HUB_OIN } from '../../src/devnet/dev_network.ts';
import { NAMES } from '@knooppunt/standard';
import { amqpPassword, createTestVhost, management, rabbitAvailable } from '../support/amqp.ts';
import type { TestVhost } from '../support/amqp.ts';
import { ResilientParticipant, sleep } from '../support/amqp_resilient.ts';
import { examplePayload } from '../support/examples.ts';
import { buildMessage } from '../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devSigner } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';

const TOTAL = Number(process.env['KNOOPPUNT_FAULT_MESSAGES'] ?? 1000);
const FAULT_AFTER = Math.round(TOTAL * 0.3);
const CREDITORS = ['energie', 'telecom', 'incasso', 'waterbedrijf'];
const ALL_PARTITIONS = Array.from({ length: OUTBOX_PARTITIONS }, (_, p) => p);

for (const fault of ['hub SIGKILL', 'RabbitMQ restart'] as const) {
  describe(`AMQP under faults: ${TOTAL} messages, ${fault} in the middle`, function () {
    this.timeout(600_000);
    let vhost: TestVhost;
    let dataDir: string;
    let ledger: MongoLedger;
    let env: NodeJS.ProcessEnv;
    let hub: ChildProcess | undefined;
    const output: string[] = [];
    const clients: ResilientParticipant[] = [];

    before(async function () {
      requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
      requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
      vhost = await createTestVhost();
      dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-'));
      const database = uniqueDatabaseName('fault');
      ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
      await ledger.init();
      // The development network, with the creditors taking delivery over AMQP, before start.
      const registry = new ParticipantRegistry(ledger);
      await bootstrapDevNetwork(join(dataDir, 'pki'), registry, DEFAULT_HUB_OIN);
      for (const handle of CREDITORS) {
        await registry.setTransport(devOin(handle), 'amqp');
      }
      env = {
        ...process.env,
        KNOOPPUNT_DATA_DIR: dataDir,
        MONGODB_URL: TEST_MONGODB_URL,
        MONGODB_DB: database,
        AMQP_URL: vhost.url,
        KNOOPPUNT_DEV_BOOTSTRAP: 'true',
        PORT: '0',
        KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
      };
    });

    after(async () => {
      await Promise.all(clients.map((client) => client.close()));
      hub?.kill('SIGKILL');
      await ledger?.dropDatabase().catch(() => undefined);
      await ledger?.close();
      await vhost?.remove().catch(() => undefined);
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    });

    function startHub(): ChildProcess {
      const child = spawn(process.execPath, ['bin/knooppunt.js', 'start'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined) child.stderr?.pipe(process.stderr);
      if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined) child.stdout?.pipe(process.stderr);
      child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      return child;
    }

    /** Waits until the hub has provisioned the participants and consumes its inbound queue. */
    async function hubReady(): Promise<void> {
      const passwordFile = join(
        dataDir,
        'pki',
        'participants',
        devOin('gemeente'),
        'amqp-password',
      );
      for (let i = 0; i < 600; i += 1) {
        if (existsSync(passwordFile)) {
          const response = await management(
            'GET',
            `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
          );
          if (response.ok && ((await response.json()) as { consumers?: number }).consumers) return;
        }
        await sleep(100);
      }
      throw new Error(`the hub did not start:\n${output.join('')}`);
    }

    it('keeps every message exactly once in the ledger and delivers each at least once', async () => {
      hub = startHub();
      await hubReady();
      const connect = (handle: string): ResilientParticipant => {
        const oin = devOin(handle);
        const client = new ResilientParticipant(vhost.urlFor(oin, amqpPassword(dataDir, oin)), oin);
        clients.push(client);
        return client;
      };
      const gemeente = connect('gemeente');
      const creditors = CREDITORS.map(connect);
      await Promise.all([gemeente, ...creditors].map((client) => client.channel()));
      const signer = devSigner(dataDir, devOin('gemeente'));
      const conversationId = randomUUID();
      const payload = examplePayload('saldoverzoek', 'inventarisatie');
      const messages = Array.from({ length: TOTAL }, (_, i) =>
        buildMessage({
          signer,
          sender: devOin('gemeente'),
          recipient: devOin(CREDITORS[i % CREDITORS.length] as string),
          module: 'schuldinventarisatie',
          messageType: 'saldoverzoek',
          payload,
          conversationId,
        }),
      );

      const faulted = (async () => {
        while (gemeente.receipts.size < FAULT_AFTER) await sleep(20);
        if (fault === 'hub SIGKILL') {
          hub?.kill('SIGKILL');
          await new Promise((resolve) => hub?.once('exit', resolve));
          hub = startHub();
        } else {
          execFileSync('rabbitmqctl', ['stop_app'], { stdio: 'ignore' });
          execFileSync('rabbitmqctl', ['start_app'], { stdio: 'ignore' });
        }
      })();
      // Publish with a window of 100 unconfirmed submissions.
      for (let i = 0; i < TOTAL; i += 100) {
        await Promise.all(messages.slice(i, i + 100).map((message) => gemeente.submit(message)));
        if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined)
          console.log(`      published ${i + 100}`);
      }
      await faulted;

      const ids = messages.map((message) => message.envelope.messageId);
      const deadline = Date.now() + 480_000;
      const stalled = (state: string): Error =>
        new Error(`stalled: ${state}\n${output.join('').slice(-3000)}`);
      // First what the participants see (cheap to look at), then the ledger and the broker:
      // on FerretDB every ledger count is a collection scan, so it is asked rarely.
      const arrivals = (): number => creditors.reduce((sum, c) => sum + c.deliveries.size, 0);
      const allArrived = (): boolean =>
        messages.every((message, i) =>
          creditors[i % creditors.length]?.deliveries.has(message.envelope.messageId),
        );
      while (!(allArrived() && ids.every((id) => gemeente.receipts.has(id)))) {
        if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined)
          console.log(`      ${gemeente.receipts.size} receipts, ${arrivals()} arrived`);
        if (Date.now() > deadline)
          throw stalled(`${gemeente.receipts.size} receipts, ${arrivals()} arrived`);
        await sleep(1000);
      }
      for (;;) {
        const stored = await ledger.unsafeCollection('messages').countDocuments({});
        // The relay records a delivery after the broker's confirm, so this may trail arrival.
        const undelivered = await ledger.findUndelivered('amqp', ALL_PARTITIONS, 1);
        const inbound = await management(
          'GET',
          `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
        );
        const queued = ((await inbound.json()) as { messages?: number }).messages ?? 0;
        if (stored === TOTAL && undelivered.length === 0 && queued === 0) break;
        const state = `${stored} stored, ${undelivered.length} undelivered, inbound ${queued}`;
        if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined) console.log(`      ${state}`);
        if (Date.now() > deadline) throw stalled(state);
        await sleep(2000);
      }

      // One pass over the ledger (a per-message query would scan the events on FerretDB).
      const receivedCount = new Map<string, number>();
      for await (const event of ledger.allEvents()) {
        if (event.type === 'received')
          receivedCount.set(event.subject, (receivedCount.get(event.subject) ?? 0) + 1);
      }
      for (const id of ids) {
        const record = await ledger.getMessage(id);
        expect(record?.status, id).to.be.oneOf(['delivered', 'picked-up']);
        expect(receivedCount.get(id), id).to.equal(1);
      }
      // The crash left the ledger whole: every chain, hash and (once sealed) Merkle batch holds.
      const report = await verifyChain(ledger);
      expect(report.problems).to.deep.equal([]);
      messages.forEach((message, i) => {
        const creditor = creditors[i % creditors.length] as ResilientParticipant;
        expect(creditor.deliveries.get(message.envelope.messageId)).to.be.at.least(1);
      });
      expect(ids.every((id) => gemeente.receipts.has(id))).to.equal(true);
      const deadLetters = await management(
        'GET',
        `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.deadLetterQueue)}`,
      );
      expect(((await deadLetters.json()) as { messages?: number }).messages ?? 0).to.equal(0);
      const redelivered = creditors.reduce(
        (sum, c) => sum + [...c.deliveries.values()].filter((n) => n > 1).length,
        0,
      );
      console.log(`      ${TOTAL} stored once; ${redelivered} delivered more than once (allowed)`);
    });
  });
}
