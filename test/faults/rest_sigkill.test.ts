/**
 * SIGKILL of the hub under REST load, on the MongoDB ledger (issue 12, fault suite). The
 * gemeente and the kredietbank send saldoverzoeken to four creditors over REST, several at a
 * time each, with the SDK's REST client: it retries a lost connection and a 503 with the same
 * message (same id), and so does the loop around it when the SDK gives up. The creditors pick
 * their messages up over REST (mailbox, fetch, acknowledge) meanwhile. When a third of the
 * messages has a receipt the hub is killed with SIGKILL and started again on the same port.
 * Afterwards every message is in the ledger exactly once (one `received` event), picked up by
 * its own recipient, and `knooppunt ledger verify` (hash chains, seals, every message document
 * against its events) finds nothing.
 *
 * `KNOOPPUNT_FAULT_MESSAGES` sets the count (default 300), `KNOOPPUNT_FAULT_DEBUG=1` prints
 * progress and the hub's log.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { HubError, RestClient as SdkRestClient } from '@knooppunt/sdk';
import type { SignedMessage } from '@knooppunt/standard';
import { MongoLedger } from '../../src/ledger/mongo_ledger.ts';
import { sleep } from '../support/amqp_resilient.ts';
import { examplePayload } from '../support/examples.ts';
import {
  freePort,
  HubProcess,
  ledgerFacts,
  ledgerVerifyCli,
  printReconciliation,
  progress,
  reconcile,
  Tally,
  expectLedgerVerified,
  expectNothingLost,
} from '../support/faults.ts';
import { buildMessage } from '../support/message_builder.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devSigner } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';

const TOTAL = Number(process.env['KNOOPPUNT_FAULT_MESSAGES'] ?? 300);
const KILL_AFTER = Math.round(TOTAL / 3);
const SENDERS = ['gemeente', 'kredietbank'];
const CREDITORS = ['energie', 'telecom', 'incasso', 'waterbedrijf'];
/** Submissions each sender has in flight at once. */
const LANES = 4;

describe(`REST under a hub SIGKILL: ${TOTAL} messages on the MongoDB ledger`, function () {
  this.timeout(300_000);
  let dataDir: string;
  let database: string;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess | undefined;

  before(async function () {
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-rest-'));
    database = uniqueDatabaseName('fault_rest');
    env = {
      ...process.env,
      KNOOPPUNT_DATA_DIR: dataDir,
      MONGODB_URL: TEST_MONGODB_URL,
      MONGODB_DB: database,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
    };
    delete env['AMQP_URL'];
    hub = new HubProcess(await freePort(), env);
  });

  after(async () => {
    await hub?.kill();
    const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
    await ledger.dropDatabase().catch(() => undefined);
    await ledger.close().catch(() => undefined);
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses none, stores none twice, hands none to the wrong participant, and verifies', async () => {
    const running = hub as HubProcess;
    await running.start();
    const client = (handle: string): SdkRestClient =>
      new SdkRestClient({
        hubUrl: running.baseUrl,
        oin: devOin(handle),
        signer: devSigner(dataDir, devOin(handle)),
        attempts: 8,
        retryDelayMs: 100,
      });
    const tally = new Tally();
    const queues = SENDERS.map((handle) => {
      const signer = devSigner(dataDir, devOin(handle));
      const conversationId = randomUUID();
      return Array.from({ length: Math.ceil(TOTAL / SENDERS.length) }, (_, i) => {
        const recipient = devOin(CREDITORS[i % CREDITORS.length] as string);
        const message = buildMessage({
          signer,
          sender: devOin(handle),
          recipient,
          module: 'schuldinventarisatie',
          messageType: 'saldoverzoek',
          payload: examplePayload('saldoverzoek', 'inventarisatie'),
          conversationId,
        });
        tally.sent.set(message.envelope.messageId, recipient);
        return message;
      });
    });
    const deadline = Date.now() + 240_000;
    const overdue = (what: string): Error =>
      new Error(
        `${what}: ${tally.accepted.size} accepted, ${tally.pickedUp.size} picked up\n${running.output()}`,
      );

    // Until it holds a receipt: the SDK's retries, then the same message again.
    const sendUntilAccepted = async (sender: SdkRestClient, message: SignedMessage) => {
      for (;;) {
        tally.submissions += 1;
        try {
          await sender.send(message);
          tally.accepted.add(message.envelope.messageId);
          return;
        } catch (error) {
          if (error instanceof HubError && !error.retryable) throw error;
          if (Date.now() > deadline) throw overdue('sending');
          await sleep(200);
        }
      }
    };
    const sending = SENDERS.map(async (handle, s) => {
      const sender = client(handle);
      const queue = [...(queues[s] as SignedMessage[])];
      await Promise.all(
        Array.from({ length: LANES }, async () => {
          for (let message = queue.shift(); message !== undefined; message = queue.shift()) {
            await sendUntilAccepted(sender, message);
          }
        }),
      );
    });

    let stop = false;
    const pickingUp = CREDITORS.map(async (handle) => {
      const recipient = client(handle);
      while (!stop) {
        try {
          const page = await recipient.inbox({ limit: 50 });
          if (page.items.length === 0) await sleep(200);
          for (const item of page.items) {
            const fetched = await recipient.fetch(item.messageId);
            tally.fetch(item.messageId, recipient.oin, fetched.envelope.recipient);
            await recipient.ack(item.messageId);
            tally.pickedUp.add(item.messageId);
          }
        } catch (error) {
          if (error instanceof HubError && !error.retryable) throw error;
          await sleep(200); // the hub is down: the SDK gave up; look again
        }
      }
    });

    let killedAt = 0;
    const killing = (async () => {
      while (tally.accepted.size < KILL_AFTER) await sleep(10);
      killedAt = tally.accepted.size;
      await running.kill();
      progress(`killed at ${killedAt} receipts`);
      await running.start();
      progress('started again');
    })();

    try {
      await Promise.all(sending);
      await killing;
      while (!tally.allPickedUp()) {
        if (Date.now() > deadline) throw overdue('picking up');
        progress(`${tally.accepted.size} accepted, ${tally.pickedUp.size} picked up`);
        await sleep(500);
      }
    } finally {
      stop = true;
      await Promise.allSettled(pickingUp);
    }
    for (const result of await Promise.allSettled(pickingUp)) {
      if (result.status === 'rejected') throw result.reason;
    }

    const verify = await ledgerVerifyCli(env);
    const ledger = new MongoLedger({ url: TEST_MONGODB_URL, database });
    const facts = await ledgerFacts(ledger).finally(() => ledger.close());
    const figures = reconcile(tally, facts);
    printReconciliation('hub SIGKILL under REST load (MongoDB ledger)', figures, verify.report, {
      'killed after receipts': killedAt,
    });
    expect(figures.sent).to.equal(queues.flat().length);
    expectNothingLost(figures);
    expectLedgerVerified(verify);
  });
});
