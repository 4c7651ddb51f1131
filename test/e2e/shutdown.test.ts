/**
 * A hub process stopped with SIGTERM stops taking work, finishes what is in flight and exits:
 * of 200 submissions fired at it, each one it answered is stored, each one it did not answer is
 * not (no message is stored without its receipt reaching the sender), a long poll waiting at
 * the time answers at once rather than after its 30 s, and the process exits with 0.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import { RestClient, devSigner } from '../support/rest_client.ts';
import { devOin } from '../support/test_hub.ts';
import { buildMessage } from '../support/message_builder.ts';
import { examplePayload } from '../support/examples.ts';

const COUNT = 200;

/** Resolves with the hub's URL once it says it listens. */
function listening(child: ChildProcess, output: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output.join('')}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const url = /Knooppunt listening on (\S+)/.exec(output.join(''))?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', () => reject(new Error(`exited:\n${output.join('')}`)));
  });
}

describe('a hub process stopped with SIGTERM', function () {
  this.timeout(120_000);
  let dataDir: string;
  let child: ChildProcess | undefined;

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-shutdown-'));
  });
  after(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the requests in flight, stores exactly those it answered, and exits 0', async () => {
    const output: string[] = [];
    child = spawn(process.execPath, ['bin/knooppunt.js', 'start'], {
      env: {
        ...process.env,
        KNOOPPUNT_DATA_DIR: dataDir,
        PORT: '0',
        KNOOPPUNT_DEV_BOOTSTRAP: 'true',
        KNOOPPUNT_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    const url = await listening(child, output);
    const client = (handle: string): RestClient =>
      new RestClient(url, { oin: devOin(handle), signer: devSigner(dataDir, devOin(handle)) });
    const gemeente = client('gemeente');
    const cjib = client('cjib');
    await Promise.all([gemeente.token(), cjib.token()]);
    const messages = Array.from({ length: COUNT }, () =>
      buildMessage({
        signer: devSigner(dataDir, devOin('gemeente')),
        sender: devOin('gemeente'),
        recipient: devOin('energie'),
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload: examplePayload('saldoverzoek'),
      }),
    );

    // A long poll on an empty mailbox, then the submissions; SIGTERM at the first answer.
    const pollStarted = Date.now();
    const poll = cjib.mailbox({ wait: 30 });
    let killedAt = 0;
    const outcomes = messages.map((message) =>
      gemeente.submit(message).then(
        (response) => {
          if (killedAt === 0) {
            killedAt = Date.now();
            child?.kill('SIGTERM');
          }
          return { status: response.status, answeredAfterKill: Date.now() >= killedAt };
        },
        (error: unknown) => ({ status: 0, error }),
      ),
    );
    const results = await Promise.all(outcomes);
    const polled = await poll;
    const code = await exited;

    expect(code, output.join('')).to.equal(0);
    expect(output.join('')).to.include('stopping (SIGTERM)').and.include('stopped');
    // The long poll answered when the hub stopped, not after its 30 s.
    expect(polled.status).to.equal(200);
    expect(polled.body.items).to.deep.equal([]);
    expect(Date.now() - pollStarted).to.be.below(20_000);

    const answered = results.filter((result) => result.status !== 0);
    expect(answered.every((result) => result.status === 201)).to.equal(true);
    // Some were still in flight when SIGTERM came, and were finished.
    expect(
      answered.filter((result) => 'answeredAfterKill' in result && result.answeredAfterKill),
    ).to.have.length.greaterThan(1);

    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    try {
      await ledger.init();
      for (const [i, message] of messages.entries()) {
        const stored = await ledger.getMessage(message.envelope.messageId);
        const result = results[i] as { status: number };
        // Stored if and only if answered: no message kept without its receipt, none lost.
        expect(stored !== undefined, `message ${i}: answered ${result.status}`).to.equal(
          result.status === 201,
        );
      }
    } finally {
      await ledger.close();
    }
  });
});
