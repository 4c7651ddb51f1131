/**
 * `knooppunt start` with `KNOOPPUNT_PROCESSES=2` on the embedded SQLite ledger and the
 * development bootstrap (issue 14): the command's process does the one-time work and runs two
 * hub workers on one port (node:cluster). Proven from outside — the process tree and the
 * sockets in /proc, the REST API, the ledger — not from anything the hub says about itself:
 * both workers hold connections, every message sent over a fresh connection is accepted and
 * reaches its recipient's mailbox (a long poll waiting on either worker included), the ledger's
 * chains verify after two writers, and SIGTERM leaves no process behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SignedMessage } from '@knooppunt/standard';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { examplePayload } from '../support/examples.ts';
import {
  expectLedgerVerified,
  freePort,
  HubProcess,
  ledgerFacts,
  ledgerVerifyCli,
} from '../support/faults.ts';
import { sleep } from '../support/amqp_resilient.ts';
import { buildMessage } from '../support/message_builder.ts';
import { alive, commandLine, connectionsOn, descendants } from '../support/process_tree.ts';
import { devSigner, RestClient } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';

const MESSAGES = 40;
const RECIPIENTS = ['energie', 'telecom'];
/** Connections held open at once to see which worker took each. */
const HELD = 8;

describe('knooppunt start with two hub processes on one SQLite ledger', function () {
  this.timeout(180_000);
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let hub: HubProcess;
  const held: Socket[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-processes-'));
    env = {
      ...process.env,
      KNOOPPUNT_DATA_DIR: dataDir,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_PROCESSES: '2',
      KNOOPPUNT_LOG_LEVEL: 'warn',
    };
    delete env['MONGODB_URL'];
    delete env['AMQP_URL'];
    hub = new HubProcess(await freePort(), env);
  });

  after(async () => {
    for (const socket of held) socket.destroy();
    await hub?.kill();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from two workers, stores and delivers every message, verifies, and stops whole', async () => {
    await hub.start();
    const primary = hub.pid as number;
    // The banner comes once both workers serve; it names them, and /proc must agree.
    let banner: RegExpExecArray | null = null;
    for (let i = 0; i < 600 && banner === null; i += 1) {
      banner = /processes: +2 \(worker pids (\d+), (\d+)\)/.exec(hub.output());
      if (banner === null) await sleep(100);
    }
    expect(banner, hub.output()).to.not.equal(null);
    // The primary's children that run the command again (a helper such as esbuild's is not one).
    const workers = descendants(primary).filter((pid) =>
      /bin\/knooppunt\.js start$/.test(commandLine(pid)),
    );
    expect([...workers].sort()).to.deep.equal([Number(banner?.[1]), Number(banner?.[2])].sort());

    // Connections held open at once: each worker has taken some.
    const port = Number(new URL(hub.baseUrl).port);
    for (let i = 0; i < HELD; i += 1) held.push(await openConnection(port));
    const perWorker = workers.map((pid) => connectionsOn(pid, port));
    const ours = new Set(held.map((socket) => socket.localPort));
    for (const remotes of perWorker) {
      expect(remotes.filter((remote) => ours.has(remote)).length).to.be.greaterThan(0);
    }
    expect(perWorker.flat().filter((remote) => ours.has(remote))).to.have.length(HELD);
    for (const socket of held.splice(0)) socket.destroy();

    const client = (handle: string): RestClient =>
      new RestClient(hub.baseUrl, {
        oin: devOin(handle),
        signer: devSigner(dataDir, devOin(handle)),
      });
    const gemeente = client('gemeente');
    const readers = RECIPIENTS.map(client);
    const duo = client('duo');
    await Promise.all([gemeente, duo, ...readers].map((c) => c.token()));
    const message = (handle: string): SignedMessage =>
      buildMessage({
        signer: devSigner(dataDir, devOin('gemeente')),
        sender: devOin('gemeente'),
        recipient: devOin(handle),
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload: examplePayload('saldoverzoek'),
      });

    // Long polls, each on a fresh connection (so most likely one per worker), wait for duo's message.
    const polls = [0, 1].map(() => duo.mailbox({ wait: 30 }));
    await sleep(300);
    const forDuo = message('duo');
    expect((await gemeente.submit(forDuo)).status).to.equal(201);

    // Every submission on a connection of its own (the client keeps none), four at a time.
    const sent = Array.from({ length: MESSAGES }, (_, i) =>
      message(RECIPIENTS[i % RECIPIENTS.length] as string),
    );
    const queue = [...sent];
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          statuses.push((await gemeente.submit(next)).status);
        }
      }),
    );
    expect(statuses).to.deep.equal(sent.map(() => 201));

    for (const poll of await Promise.all(polls)) {
      expect(poll.status).to.equal(200);
      expect(poll.body.items.map((item) => item.messageId)).to.deep.equal([
        forDuo.envelope.messageId,
      ]);
    }
    for (const [i, reader] of readers.entries()) {
      const expected = sent
        .filter((m) => m.envelope.recipient === devOin(RECIPIENTS[i] as string))
        .map((m) => m.envelope.messageId);
      const page = await reader.mailbox({ limit: 100 });
      expect(page.status).to.equal(200);
      expect(page.body.items.map((item) => item.messageId).sort()).to.deep.equal(expected.sort());
    }

    // SIGTERM: the workers stop cleanly, then the primary; nothing of its tree is left.
    const tree = [primary, ...descendants(primary)];
    await hub.terminate();
    expect(hub.running).to.equal(false);
    // A helper process notices its parent's end on its own; give it a moment.
    for (let i = 0; i < 30 && tree.some(alive); i += 1) await sleep(100);
    expect(tree.filter(alive)).to.deep.equal([]);

    // Two writers, one file: every message stored once, every chain intact.
    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    const facts = await ledgerFacts(ledger);
    await ledger.close();
    for (const m of [forDuo, ...sent]) {
      expect(facts.received.get(m.envelope.messageId), m.envelope.messageId).to.equal(1);
    }
    expectLedgerVerified(await ledgerVerifyCli(env));
  });
});

/** A connection to the hub that has had one answer (so a worker holds it) and stays open. */
function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    });
    socket.once('error', reject);
    socket.once('data', () => resolve(socket));
  });
}
