/**
 * The primary of several hub processes, with workers that are stand-ins (no processes): it
 * starts the first worker alone and the others once it serves, relays mailbox arrivals to the
 * other workers only, starts a dead worker again after a growing back-off, gives up with the
 * workers' own error when they keep dying before they serve, and stops them all on request.
 * A worker gathers the recipients of one turn of the event loop into one message.
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { UsageError } from '@knooppunt/standard';
import type { PrimaryMessage, WorkerMessage } from '../../../src/cli/cluster_ipc.ts';
import {
  afterUnexpectedExit,
  HubCluster,
  RESTART_POLICY,
} from '../../../src/cli/cluster_supervisor.ts';
import type { RestartPolicy } from '../../../src/cli/cluster_supervisor.ts';
import { ArrivalBatcher } from '../../../src/cli/cluster_worker.ts';
import { createLogger } from '../../../src/ops/logger.ts';

/** A worker stand-in: what the primary sent it, and a way to make it speak or exit. */
class FakeWorker extends EventEmitter {
  static #pids = 1000;
  readonly sent: PrimaryMessage[] = [];
  readonly process = {
    pid: (FakeWorker.#pids += 1),
    killed: [] as string[],
    kill: (signal?: NodeJS.Signals): boolean => {
      this.process.killed.push(signal ?? 'SIGTERM');
      return true;
    },
  };
  connected = true;

  send(message: PrimaryMessage): boolean {
    this.sent.push(message);
    if (message.kind === 'knooppunt:stop') setImmediate(() => this.exit(0));
    return true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  say(message: WorkerMessage): void {
    this.emit('message', message);
  }

  exit(code: number | null, signal: string | null = null): void {
    this.connected = false;
    this.emit('exit', code, signal);
  }

  ready(url = 'http://127.0.0.1:8080'): void {
    this.say({ kind: 'knooppunt:ready', url, hubOin: '00000001999999990000' });
  }
}

const FAST: RestartPolicy = {
  firstDelayMs: 5,
  maxDelayMs: 20,
  settledAfterMs: 60_000,
  startupFailures: 3,
};

const tick = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A cluster of `processes` stand-ins, the workers it forked, and its log lines. */
function cluster(processes: number, onFork: (worker: FakeWorker) => void = () => undefined) {
  const forked: FakeWorker[] = [];
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const hubs = new HubCluster({
    processes,
    policy: FAST,
    logger: createLogger('info', sink),
    fork: () => {
      const worker = new FakeWorker();
      forked.push(worker);
      setImmediate(() => onFork(worker));
      return worker;
    },
  });
  return { hubs, forked, lines };
}

describe('several hub processes: the primary', () => {
  it('backs off 0.5 s doubling to 15 s, afresh after a long life, and gives up after 3 failed starts', () => {
    let history = { quickDeaths: 0, startupFailures: 0 };
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) {
      const next = afterUnexpectedExit(history, { served: true, livedMs: 1000 });
      history = next.history;
      delays.push(next.restartInMs);
    }
    expect(delays).to.deep.equal([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
    const settled = afterUnexpectedExit(history, {
      served: true,
      livedMs: RESTART_POLICY.settledAfterMs,
    });
    expect(settled.restartInMs).to.equal(500);

    let starting = { quickDeaths: 0, startupFailures: 0 };
    const verdicts: (number | undefined)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const next = afterUnexpectedExit(starting, { served: false, livedMs: 100 });
      starting = next.history;
      verdicts.push(next.restartInMs);
    }
    expect(verdicts).to.deep.equal([500, 1000, undefined]);
    // Having served once resets the count of failed starts.
    const served = afterUnexpectedExit(
      { quickDeaths: 1, startupFailures: 2 },
      { served: true, livedMs: 100 },
    );
    expect(served.history.startupFailures).to.equal(0);
    expect(served.restartInMs).to.equal(1000);
  });

  it('starts the first worker alone, the others once it serves, and says what the first said', async () => {
    const { hubs, forked } = cluster(3);
    const started = hubs.start();
    await tick();
    expect(forked).to.have.length(1);
    forked[0]?.ready('http://127.0.0.1:9999');
    await tick();
    expect(forked).to.have.length(3);
    forked[2]?.ready();
    forked[1]?.ready();
    expect(await started).to.deep.include({ url: 'http://127.0.0.1:9999' });
    expect(hubs.pids).to.deep.equal(forked.map((worker) => worker.process.pid));
    await hubs.stop();
  });

  it('relays a mailbox arrival to every other worker, with the recipients only', async () => {
    const { hubs, forked } = cluster(3, (worker) => worker.ready());
    await hubs.start();
    const [first, second, third] = forked as [FakeWorker, FakeWorker, FakeWorker];
    third.connected = false; // gone already: nothing is sent to it
    second.say({ kind: 'knooppunt:mailbox', recipients: ['00000001002220647000'] });
    expect(first.sent).to.deep.equal([
      { kind: 'knooppunt:mailbox', recipients: ['00000001002220647000'] },
    ]);
    expect(second.sent).to.deep.equal([]);
    expect(third.sent).to.deep.equal([]);
    second.say({ kind: 'knooppunt:unknown' } as unknown as WorkerMessage);
    expect(first.sent).to.have.length(1);
    third.connected = true;
    await hubs.stop();
  });

  it('logs a worker that dies and starts it again after the back-off', async () => {
    const { hubs, forked, lines } = cluster(2, (worker) => worker.ready());
    await hubs.start();
    const victim = forked[1] as FakeWorker;
    victim.exit(null, 'SIGKILL');
    expect(forked).to.have.length(2);
    await tick(30);
    expect(forked).to.have.length(3);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({
      level: 50,
      msg: 'hub worker exited unexpectedly; starting it again',
      worker: 2,
      pid: victim.process.pid,
      signal: 'SIGKILL',
      served: true,
      restartInMs: FAST.firstDelayMs,
    });
    expect(hubs.pids).to.deep.equal([forked[0]?.process.pid, forked[2]?.process.pid]);
    await hubs.stop();
  });

  it('gives up with the workers’ own error when they keep dying before they serve', async () => {
    const { hubs, forked, lines } = cluster(2, (worker) => {
      worker.say({
        kind: 'knooppunt:failed',
        code: 'USAGE_INVALID',
        message: 'cannot listen on 127.0.0.1:8080 (EADDRINUSE); set PORT or HOST',
      });
      worker.exit(2);
    });
    let failure: unknown;
    try {
      await hubs.start();
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(UsageError).with.property('code', 'USAGE_INVALID');
    expect((failure as Error).message).to.equal(
      'hub process 1 of 2 exited before serving 3 times in a row (last: cannot listen on 127.0.0.1:8080 (EADDRINUSE); set PORT or HOST); giving up',
    );
    expect(await hubs.failed).to.equal(failure);
    expect(forked).to.have.length(3); // the first worker, three times; the second never
    expect(lines.map((line) => line['msg'])).to.deep.equal([
      'hub worker exited unexpectedly; starting it again',
      'hub worker exited unexpectedly; starting it again',
      'hub worker keeps failing to start; giving up',
    ]);
    expect(lines[2]).to.include({ error: 'USAGE_INVALID', served: false, code: 2 });
  });

  it('stops every worker through its own clean stop and starts none again', async () => {
    const { hubs, forked } = cluster(2, (worker) => worker.ready());
    await hubs.start();
    await hubs.stop();
    expect(forked.map((worker) => worker.sent)).to.deep.equal([
      [{ kind: 'knooppunt:stop' }],
      [{ kind: 'knooppunt:stop' }],
    ]);
    await tick(30);
    expect(forked).to.have.length(2);
    expect(hubs.pids).to.deep.equal([]);
  });

  it('kills a worker that does not stop in time', async () => {
    const forked: FakeWorker[] = [];
    const hubs = new HubCluster({
      processes: 2,
      policy: FAST,
      stopTimeoutMs: 20,
      logger: createLogger('silent'),
      fork: () => {
        const worker = new FakeWorker();
        worker.send = (message) => (worker.sent.push(message), true); // never exits by itself
        worker.process.kill = (signal) => {
          worker.process.killed.push(signal ?? 'SIGTERM');
          setImmediate(() => worker.exit(null, signal ?? 'SIGTERM'));
          return true;
        };
        forked.push(worker);
        setImmediate(() => worker.ready());
        return worker;
      },
    });
    await hubs.start();
    await hubs.stop();
    expect(forked.map((worker) => worker.process.killed)).to.deep.equal([['SIGKILL'], ['SIGKILL']]);
  });
});

describe('several hub processes: a worker', () => {
  it('tells the recipients of one turn of the event loop in one message, each once', async () => {
    const told: (readonly string[])[] = [];
    const arrivals = new ArrivalBatcher((recipients) => told.push(recipients));
    arrivals.add('00000001002220647000');
    arrivals.add('00000001003214345000');
    arrivals.add('00000001002220647000');
    expect(told).to.deep.equal([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).to.deep.equal([['00000001002220647000', '00000001003214345000']]);
    arrivals.add('00000001003214345000');
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).to.deep.equal([
      ['00000001002220647000', '00000001003214345000'],
      ['00000001003214345000'],
    ]);
  });
});
