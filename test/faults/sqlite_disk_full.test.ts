/**
 * The disk of the embedded SQLite ledger full (issue 12, fault suite). The hub runs as a
 * process of its own with its data folder on a small tmpfs and its AMQP input on a vhost of the
 * shared RabbitMQ; a kredietbank of the test's own takes part over AMQP and gets receipts for
 * its first saldoverzoeken. The test fills the disk until a few hundred kilobytes remain and the
 * gemeente sends saldoverzoeken over REST, four at a time, until the ledger cannot take more. Every
 * answer is then a receipt or 503 `LEDGER_FULL` with `Retry-After` — never `INTERNAL` — and
 * checked against the served OpenAPI document; `/v1/ready` says the ledger is full; a refused
 * message is not in the ledger (its status is 404) and `ledger verify` finds the ledger whole:
 * nothing half-stored. The kredietbank publishes more while the disk is full: the hub tries
 * them (it logs `LEDGER_FULL` for an inbound AMQP message) and they wait on the inbound queue —
 * no receipt, no rejection, no dead letter. Then the filling file goes, and the same hub
 * process, not restarted, is ready again, takes the waiting AMQP messages, accepts the refused
 * REST messages (same ids) and more, the creditors pick everything up over REST, and the
 * reconciliation and `ledger verify` close it.
 *
 * Needs a tmpfs it may mount: root, or user namespaces (KNOOPPUNT_FAULT_DISK=unshare tries
 * only those), and RabbitMQ with its management API. `KNOOPPUNT_FAULT_DEBUG=1` prints progress
 * and the hub's log.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import { NAMES } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { amqpPassword, createTestVhost, management, rabbitAvailable } from '../support/amqp.ts';
import type { TestVhost } from '../support/amqp.ts';
import { ResilientParticipant, sleep } from '../support/amqp_resilient.ts';
import { examplePayload } from '../support/examples.ts';
import {
  amqpInputReady,
  freePort,
  HubProcess,
  knooppuntCli,
  ledgerFacts,
  ledgerVerifyCli,
  mountSmallDisk,
  printReconciliation,
  progress,
  queueFigures,
  reconcile,
  Tally,
  expectLedgerVerified,
  expectNothingLost,
} from '../support/faults.ts';
import type { SmallDisk } from '../support/faults.ts';
import { buildMessage } from '../support/message_builder.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { RestClient, devSigner, problemOf } from '../support/rest_client.ts';
import type { RestResponse } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';

const DISK_BYTES = 16 * 1024 * 1024;
/** What the filling file leaves free: room for a few dozen messages. */
const LEFT_FREE = 384 * 1024;
const CREDITORS = ['energie', 'telecom', 'incasso', 'waterbedrijf'];
const LANES = 4;
/** Refusals to collect before space returns; and the most messages to try before that. */
const REFUSALS = 12;
const MAX_TRIES = 3000;
/** New messages sent after space returned. */
const AFTER = 40;
/** Messages the kredietbank publishes over AMQP before the disk is full, and while it is. */
const AMQP_BEFORE = 3;
const AMQP_WHILE_FULL = 6;
/** How long at least the AMQP messages wait while the disk is full. */
const HOLD_MS = 3000;
/** A line the hub logs when an inbound AMQP message met the full ledger (requeued or held). */
const AMQP_DEFERRED = /inbound AMQP message.*LEDGER_FULL|LEDGER_FULL.*inbound AMQP message/;

describe('the SQLite ledger’s disk full: a specific refusal, nothing half-stored, recovery without restart', function () {
  this.timeout(300_000);
  let dataDir: string;
  let disk: SmallDisk | undefined;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess | undefined;
  let vhost: TestVhost | undefined;
  let amqpClient: ResilientParticipant | undefined;
  /**
   * The AMQP sender: a kredietbank of this run's own. Broker users are per broker, not per
   * vhost, and every hub on a fresh development network gives the development participants'
   * users new passwords: a development OIN here could be locked out by any other suite on the
   * same broker.
   */
  const amqpSenderOin = `00000003${String(randomInt(10_000_000, 100_000_000))}0000`;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-disk-'));
    const mounted = await mountSmallDisk(dataDir, DISK_BYTES);
    requirePrecondition(this, typeof mounted !== 'string', String(mounted));
    disk = mounted as SmallDisk;
    vhost = await createTestVhost();
    env = {
      ...process.env,
      KNOOPPUNT_DATA_DIR: dataDir,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
      AMQP_URL: vhost.url,
    };
    // The embedded ledger.
    delete env['MONGODB_URL'];
    delete env['MONGODB_DB'];
    // The development network and the AMQP sender, registered before the hub starts.
    const cli = { ...env };
    delete cli['AMQP_URL'];
    const pki = join(dataDir, 'pki');
    const name = 'Kredietbank Schijfvol';
    await knooppuntCli(['init'], cli, disk.prefix);
    await knooppuntCli(
      ['pki', 'issue', '--oin', amqpSenderOin, '--name', name, '--key-type', 'p256', '--dir', pki],
      cli,
      disk.prefix,
    );
    const cert = join(pki, 'participants', amqpSenderOin, 'cert.pem');
    await knooppuntCli(
      [
        ...['participants', 'add', '--oin', amqpSenderOin, '--name', name],
        ...['--kind', 'kredietbank', '--cert', cert],
      ],
      cli,
      disk.prefix,
    );
    hub = new HubProcess(await freePort(), env, disk.prefix);
  });

  after(async () => {
    await amqpClient?.close();
    await hub?.kill();
    await disk?.release();
    await vhost?.remove().catch(() => undefined);
    await management('DELETE', `/api/users/${amqpSenderOin}`).catch(() => undefined);
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 LEDGER_FULL with Retry-After while full, keeps AMQP input waiting, then accepts again and verifies', async () => {
    const running = hub as HubProcess;
    const small = disk as SmallDisk;
    const broker = vhost as TestVhost;
    await running.start();
    const pid = running.pid;
    await amqpInputReady(
      running,
      small.path('pki', 'participants', amqpSenderOin, 'amqp-password'),
      broker,
    );
    const amqpSender = new ResilientParticipant(
      broker.urlFor(amqpSenderOin, amqpPassword(small.path(), amqpSenderOin)),
      amqpSenderOin,
    );
    amqpClient = amqpSender;
    await within(amqpSender.channel(), 30_000, 'the kredietbank connecting to the broker');
    const client = (handle: string): RestClient =>
      new RestClient(running.baseUrl, {
        oin: devOin(handle),
        signer: devSigner(small.path(), devOin(handle)),
      });
    const gemeente = client('gemeente');
    const creditors = CREDITORS.map(client);
    await Promise.all([gemeente, ...creditors].map((c) => c.token()));
    const conversations = new Map([
      ['gemeente', randomUUID()],
      [amqpSenderOin, randomUUID()],
    ]);
    const tally = new Tally();
    const oinOf = (sender: string): string => (sender === amqpSenderOin ? sender : devOin(sender));
    const next = (sender = 'gemeente'): SignedMessage => {
      const recipient = devOin(CREDITORS[tally.sent.size % CREDITORS.length] as string);
      const message = buildMessage({
        signer: devSigner(small.path(), oinOf(sender)),
        sender: oinOf(sender),
        recipient,
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload: examplePayload('saldoverzoek', 'inventarisatie'),
        conversationId: conversations.get(sender) as string,
      });
      tally.sent.set(message.envelope.messageId, recipient);
      return message;
    };
    // Over AMQP: published until the broker confirms; the receipt comes on the sender's queue.
    const publish = async (count: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const message = next(amqpSenderOin);
        tally.submissions += 1;
        await amqpSender.submit(message);
        ids.push(message.envelope.messageId);
      }
      return ids;
    };
    const receiptsFor = async (ids: readonly string[], what: string): Promise<void> => {
      const deadline = Date.now() + 60_000;
      while (!ids.every((id) => amqpSender.receipts.has(id))) {
        if (Date.now() > deadline) throw new Error(`no receipts for ${what}:\n${running.output()}`);
        await sleep(100);
      }
    };
    const amqpBefore = await publish(AMQP_BEFORE);
    await receiptsFor(amqpBefore, 'the AMQP messages before the disk was full');
    const refused: SignedMessage[] = [];
    const otherAnswers: string[] = [];
    const submit = async (message: SignedMessage): Promise<RestResponse<unknown>> => {
      tally.submissions += 1;
      const answer = await gemeente.submit(message);
      if (answer.status === 201 || answer.status === 200) {
        tally.accepted.add(message.envelope.messageId);
      } else if (answer.status === 503 && problemOf(answer).code === 'LEDGER_FULL') {
        expect(answer.headers.get('retry-after'), 'Retry-After').to.match(/^\d+$/);
        refused.push(message);
      } else {
        otherAnswers.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
      return answer;
    };

    small.fill(LEFT_FREE);
    progress(`filled: ${small.freeBytes()} bytes free`);
    let tries = 0;
    await Promise.all(
      Array.from({ length: LANES }, async () => {
        while (refused.length < REFUSALS && tries < MAX_TRIES && otherAnswers.length === 0) {
          tries += 1;
          await submit(next());
        }
      }),
    );
    expect(otherAnswers, 'answers other than a receipt or 503 LEDGER_FULL').to.deep.equal([]);
    expect(refused.length, `refusals in ${tries} messages`).to.be.at.least(REFUSALS);
    const acceptedBeforeFull = tally.accepted.size;
    progress(`${acceptedBeforeFull} accepted, then ${refused.length} refused`);

    // While full: readiness says so, a refused message is not there, the ledger is whole.
    const ready = await fetch(`${running.baseUrl}/v1/ready`);
    const readiness = (await ready.json()) as { checks: Record<string, string> };
    expect(ready.status).to.equal(503);
    expect(readiness.checks['ledger']).to.match(/full/);
    for (const message of refused) {
      const status = await gemeente.status(message.envelope.messageId);
      expect(status.status, message.envelope.messageId).to.equal(404);
    }

    // Over AMQP while full: the hub tries each message and it waits on the inbound queue.
    const amqpWhileFull = await publish(AMQP_WHILE_FULL);
    const holdStart = Date.now();
    let deferralLogged = false;
    let heldOnQueue = 0;
    while (Date.now() < holdStart + HOLD_MS || !deferralLogged || heldOnQueue < AMQP_WHILE_FULL) {
      if (Date.now() > holdStart + 30_000) break; // the expectations below say what is missing
      deferralLogged ||= running
        .output()
        .split('\n')
        .some((line) => AMQP_DEFERRED.test(line));
      const inbound = await queueFigures(broker, NAMES.inboundQueue);
      heldOnQueue = Math.max(heldOnQueue, inbound.messages);
      await sleep(250);
    }
    const heldMs = Date.now() - holdStart;
    progress(`AMQP: ${heldOnQueue} on the inbound queue for ${heldMs} ms`);
    expect(deferralLogged, 'the hub met the full ledger with an AMQP message').to.equal(true);
    expect(heldOnQueue, 'AMQP messages waiting on the inbound queue').to.be.at.least(
      AMQP_WHILE_FULL,
    );
    expect(
      amqpWhileFull.filter((id) => amqpSender.receipts.has(id)),
      'receipts while the disk was full',
    ).to.deep.equal([]);
    expect([...amqpSender.rejections], 'AMQP rejection receipts').to.deep.equal([]);

    const whileFull = await ledgerVerifyCli({ ...env }, small.prefix);
    expect(whileFull.report.problems, 'ledger verify while full').to.deep.equal([]);
    expect(running.running, 'the hub survived the full disk').to.equal(true);

    // Space returns; the same process takes messages again.
    small.free();
    const readyAgain = Date.now() + 60_000;
    while ((await fetch(`${running.baseUrl}/v1/ready`)).status !== 200) {
      if (Date.now() > readyAgain) throw new Error(`not ready again:\n${running.output()}`);
      await sleep(200);
    }
    expect(running.pid, 'not restarted').to.equal(pid);
    // The AMQP messages that waited go through by themselves.
    await receiptsFor(amqpWhileFull, 'the AMQP messages that waited');
    expect([...amqpSender.rejections], 'AMQP rejection receipts').to.deep.equal([]);
    const retried = refused.splice(0);
    for (const message of retried) {
      const answer = await submit(message);
      expect(answer.status, message.envelope.messageId).to.equal(201);
    }
    for (let i = 0; i < AFTER; i += 1) expect((await submit(next())).status).to.equal(201);

    // The creditors pick up every message over REST.
    const deadline = Date.now() + 120_000;
    while (!tally.allPickedUp()) {
      if (Date.now() > deadline) throw new Error(`${tally.pickedUp.size} picked up`);
      for (const creditor of creditors) {
        const page = await creditor.mailbox({ limit: 100 });
        expect(page.status).to.equal(200);
        for (const item of page.body.items) {
          const fetched = await creditor.fetchMessage(item.messageId);
          expect(fetched.status).to.equal(200);
          tally.fetch(item.messageId, creditor.oin, fetched.body.envelope.recipient);
          expect((await creditor.ack(item.messageId)).status).to.equal(200);
          tally.pickedUp.add(item.messageId);
        }
      }
    }

    for (const id of [...amqpBefore, ...amqpWhileFull]) {
      if (amqpSender.receipts.has(id) && !amqpSender.rejections.has(id)) tally.accepted.add(id);
    }
    const deadLetters = await queueFigures(broker, NAMES.deadLetterQueue);
    const inbound = await queueFigures(broker, NAMES.inboundQueue);
    const verify = await ledgerVerifyCli({ ...env }, small.prefix);
    // A copy of the ledger is read here: SQLite resolves /proc/<pid>/root to this process's
    // own root, so it cannot open the file where the disk is mounted in another namespace.
    await running.kill();
    const copy = join(dataDir, '..', `${basename(dataDir)}-ledger`);
    mkdirSync(copy, { recursive: true });
    for (const file of ['ledger.sqlite', 'ledger.sqlite-wal']) {
      copyFileSync(small.path(file), join(copy, file));
    }
    const ledger = new SqliteLedger(join(copy, 'ledger.sqlite'));
    const facts = await ledgerFacts(ledger).finally(async () => {
      await ledger.close();
      rmSync(copy, { recursive: true, force: true });
    });
    const figures = reconcile(tally, facts);
    printReconciliation('the SQLite ledger’s disk full, then space again', figures, verify.report, {
      'disk (tmpfs)': `${DISK_BYTES / 1024 / 1024} MiB, ${LEFT_FREE / 1024} KiB left free (${small.how})`,
      'accepted before the disk was full': acceptedBeforeFull,
      'refused 503 LEDGER_FULL, then accepted': retried.length,
      'AMQP accepted before the disk was full': amqpBefore.length,
      'AMQP published while full, waited, then accepted': amqpWhileFull.length,
      'AMQP waiting on the inbound queue (max)': heldOnQueue,
      'AMQP waited while full (ms)': heldMs,
      'AMQP rejection receipts': amqpSender.rejections.size,
      'inbound deliveries redelivered': inbound.redelivered,
      'dead letters': deadLetters.messages,
      'hub restarted': 'no',
    });
    expectNothingLost(figures);
    expect(amqpSender.rejections.size).to.equal(0);
    expect(deadLetters.messages, 'dead letters').to.equal(0);
    expectLedgerVerified(verify);
  });
});

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
