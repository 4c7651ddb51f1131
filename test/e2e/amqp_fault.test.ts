/**
 * Faults on the AMQP path with the hub as a separate process, the real RabbitMQ and the MongoDB
 * ledger: 1,000 saldoverzoeken published over AMQP by the gemeente's own connection to four
 * creditors that take delivery on their queues. In the middle of the stream either the hub is
 * killed with SIGKILL and started again, or RabbitMQ's application is stopped and started.
 * Afterwards every message is in the ledger exactly once (one `received` event), delivered,
 * every recipient got each of its messages at least once under the same message id, the outbox
 * is empty and so is the inbound queue.
 *
 * Opt in with `KNOOPPUNT_FAULT_TESTS=1` (`KNOOPPUNT_FAULT_MESSAGES` sets the count,
 * `KNOOPPUNT_FAULT_DEBUG=1` prints progress and the hub's log).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { bootstrapDevNetwork } from '../../src/hub/dev_network.ts';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import { OUTBOX_PARTITIONS } from '../../src/ledger/types.ts';
import { ParticipantRegistry } from '../../src/participants/registry.ts';
import { DEFAULT_HUB_OIN } from '../../src/pki/files.ts';
import { NAMES } from '../../src/transports/amqp/topology.ts';
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
      if (process.env['KNOOPPUNT_FAULT_TESTS'] !== '1') {
        // Opt-in, not a missing service: minutes long, it stops the shared RabbitMQ, and the
        // required 1,000-message run does not yet finish on FerretDB (issue 4, still open).
        console.warn(
          '      skipped (opt-in): KNOOPPUNT_FAULT_TESTS=1 runs the AMQP fault tests; 200 messages pass, 1,000 not yet on FerretDB (issue 4)',
        );
        this.skip();
      }
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
        const participant = await registry.get(devOin(handle));
        if (participant === undefined) throw new Error(`no participant ${handle}`);
        await ledger.putParticipant({ ...participant, transport: 'amqp' });
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
      for (;;) {
        const stored = await ledger.unsafeCollection('messages').countDocuments({});
        const undelivered = await ledger.findUndelivered('amqp', ALL_PARTITIONS, 1);
        const allArrived = messages.every((message, i) =>
          creditors[i % creditors.length]?.deliveries.has(message.envelope.messageId),
        );
        const inbound = await management(
          'GET',
          `/api/queues/${vhost.name}/${encodeURIComponent(NAMES.inboundQueue)}`,
        );
        const queued = ((await inbound.json()) as { messages?: number }).messages ?? 0;
        if (stored === TOTAL && undelivered.length === 0 && allArrived && queued === 0) break;
        if (process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined) {
          const arrived = creditors.reduce((sum, c) => sum + c.deliveries.size, 0);
          console.log(
            `      ${stored} stored, ${undelivered.length} undelivered, ${gemeente.receipts.size} receipts, ${arrived} arrived, inbound ${queued}`,
          );
        }
        if (Date.now() > deadline) {
          throw new Error(
            `stalled: ${stored} stored, ${undelivered.length} undelivered, inbound ${queued}\n${output.join('').slice(-3000)}`,
          );
        }
        await sleep(500);
      }

      for (const id of ids) {
        const record = await ledger.getMessage(id);
        expect(record?.status, id).to.be.oneOf(['delivered', 'picked-up']);
        const events = await ledger.listEvents(id);
        expect(
          events.filter((event) => event.type === 'received'),
          id,
        ).to.have.length(1);
      }
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
