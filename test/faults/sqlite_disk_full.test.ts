/**
 * The disk of the embedded SQLite ledger full (issue 12, fault suite). The hub runs as a
 * process of its own with its data folder on a small tmpfs; the test fills the disk until a few
 * hundred kilobytes remain and the gemeente sends saldoverzoeken over REST, four at a time,
 * until the ledger cannot take more. Every answer is then a receipt or 503 `LEDGER_FULL` with
 * `Retry-After` — never `INTERNAL` — and checked against the served OpenAPI document;
 * `/v1/ready` says the ledger is full; a refused message is not in the ledger (its status is
 * 404) and `ledger verify` finds the ledger whole: nothing half-stored. Then the filling file
 * goes, and the same hub process, not restarted, is ready again, accepts the refused messages
 * (same ids) and more, the creditors pick everything up, and the reconciliation and
 * `ledger verify` close it.
 *
 * Needs a tmpfs it may mount: root, or user namespaces (KNOOPPUNT_FAULT_DISK=unshare tries
 * only those). `KNOOPPUNT_FAULT_DEBUG=1` prints progress and the hub's log.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'chai';
import type { SignedMessage } from '@knooppunt/standard';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { sleep } from '../support/amqp_resilient.ts';
import { examplePayload } from '../support/examples.ts';
import {
  freePort,
  HubProcess,
  ledgerFacts,
  ledgerVerifyCli,
  mountSmallDisk,
  printReconciliation,
  progress,
  reconcile,
  Tally,
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

describe('the SQLite ledger’s disk full: a specific refusal, nothing half-stored, recovery without restart', function () {
  this.timeout(300_000);
  let dataDir: string;
  let disk: SmallDisk | undefined;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess | undefined;

  before(async function () {
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-fault-disk-'));
    const mounted = await mountSmallDisk(dataDir, DISK_BYTES);
    requirePrecondition(this, typeof mounted !== 'string', String(mounted));
    disk = mounted as SmallDisk;
    env = {
      ...process.env,
      KNOOPPUNT_DATA_DIR: dataDir,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: process.env['KNOOPPUNT_FAULT_LOG_LEVEL'] ?? 'warn',
    };
    // The embedded ledger, REST only.
    delete env['MONGODB_URL'];
    delete env['MONGODB_DB'];
    delete env['AMQP_URL'];
    hub = new HubProcess(await freePort(), env, disk.prefix);
  });

  after(async () => {
    await hub?.kill();
    await disk?.release();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 LEDGER_FULL with Retry-After while full, then accepts again and verifies', async () => {
    const running = hub as HubProcess;
    const small = disk as SmallDisk;
    await running.start();
    const pid = running.pid;
    const client = (handle: string): RestClient =>
      new RestClient(running.baseUrl, {
        oin: devOin(handle),
        signer: devSigner(small.path(), devOin(handle)),
      });
    const gemeente = client('gemeente');
    const creditors = CREDITORS.map(client);
    await Promise.all([gemeente, ...creditors].map((c) => c.token()));
    const signer = devSigner(small.path(), devOin('gemeente'));
    const conversationId = randomUUID();
    const tally = new Tally();
    const next = (): SignedMessage => {
      const recipient = devOin(CREDITORS[tally.sent.size % CREDITORS.length] as string);
      const message = buildMessage({
        signer,
        sender: devOin('gemeente'),
        recipient,
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload: examplePayload('saldoverzoek', 'inventarisatie'),
        conversationId,
      });
      tally.sent.set(message.envelope.messageId, recipient);
      return message;
    };
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
      'hub restarted': 'no',
    });
    expect(figures.accepted).to.equal(figures.sent);
    expect(figures.inLedgerOnce).to.equal(figures.sent);
    expect(figures.delivered).to.equal(figures.sent);
    expect(figures.pickedUp).to.equal(figures.sent);
    expect(figures.lost).to.equal(0);
    expect(figures.duplicated).to.equal(0);
    expect(figures.wrongRecipient).to.equal(0);
    expect(figures.unknownInLedger).to.equal(0);
    expect(verify.report.problems).to.deep.equal([]);
    expect(verify.exitCode).to.equal(0);
  });
});
