/**
 * What the fault suite (test/faults/) shares: the hub as a process of its own that a test can
 * kill with SIGKILL and start again on the same port, `knooppunt ledger verify` run as the CLI
 * runs it, and the reconciliation every scenario ends with — what the senders sent and got
 * receipts for, what the ledger holds (one `received` event per message id), what the
 * recipients picked up — printed as one block of figures; a small disk to fill; and what the
 * broker says of a hub's queues.
 */
import { expect } from 'chai';
import { execFile, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync, statfsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NAMES } from '@knooppunt/standard';
import { expiryNoticeId } from '../../src/hub/housekeeping.ts';
import type { MessageStore } from '../../src/ledger/port.ts';
import type { ChainReport } from '../../src/ledger/verify_chain.ts';
import type { LedgerEvent, MessageRecord } from '../../src/ledger/types.ts';
import { management } from './amqp.ts';
import type { TestVhost } from './amqp.ts';
import { sleep } from './amqp_resilient.ts';

/** Whether the suite's progress and the hub's log go to the console (`KNOOPPUNT_FAULT_DEBUG`). */
export const FAULT_DEBUG = process.env['KNOOPPUNT_FAULT_DEBUG'] !== undefined;

/** Prints a progress line when `KNOOPPUNT_FAULT_DEBUG` is set. */
export function progress(line: string): void {
  if (FAULT_DEBUG) console.log(`      ${line}`);
}

/** A TCP port free on loopback now (the hub keeps it across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * `bin/knooppunt.js start` as a child process. `prefix` runs it through another command (say
 * `nsenter` into a mount namespace); its output is kept for the failure message.
 */
export class HubProcess {
  readonly baseUrl: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #prefix: readonly string[];
  readonly #nodeArgs: readonly string[];
  readonly #output: string[] = [];
  #child: ChildProcess | undefined;
  #exited = true;

  /** `prefix` runs before node (faketime); `nodeArgs` are node's own (`--cpu-prof`). */
  constructor(
    port: number,
    env: NodeJS.ProcessEnv,
    prefix: readonly string[] = [],
    nodeArgs: readonly string[] = [],
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.#env = { ...env, PORT: String(port), HOST: '127.0.0.1' };
    this.#prefix = prefix;
    this.#nodeArgs = nodeArgs;
  }

  /** The running process's id (undefined when none runs). */
  get pid(): number | undefined {
    return this.#exited ? undefined : this.#child?.pid;
  }

  /** Starts the hub and waits until `/v1/health` answers. */
  async start(timeoutMs = 60_000): Promise<void> {
    const [command, ...args] = [
      ...this.#prefix,
      process.execPath,
      ...this.#nodeArgs,
      'bin/knooppunt.js',
      'start',
    ];
    const child = spawn(command as string, args, {
      env: this.#env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#exited = false;
    child.once('exit', () => {
      if (this.#child === child) this.#exited = true;
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.#output.push(chunk.toString());
        if (this.#output.length > 400) this.#output.splice(0, 200);
        if (FAULT_DEBUG) process.stderr.write(chunk);
      });
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#exited) throw new Error(`the hub exited while starting:\n${this.output()}`);
      const response = await fetch(`${this.baseUrl}/v1/health`).catch(() => undefined);
      if (response?.ok === true) return;
      await sleep(100);
    }
    throw new Error(`the hub did not start within ${timeoutMs} ms:\n${this.output()}`);
  }

  /** Kills the hub with SIGKILL (no shutdown of any kind) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || this.#exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  /**
   * Asks the hub to stop with SIGTERM (a clean shutdown: a `--cpu-prof` profile is written) and
   * waits until it is gone; SIGKILL after `timeoutMs`.
   */
  async terminate(timeoutMs = 30_000): Promise<void> {
    const child = this.#child;
    if (child === undefined || this.#exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  /** Whether the process started last is still running. */
  get running(): boolean {
    return !this.#exited;
  }

  /** The last of what the hub printed. */
  output(): string {
    return this.#output.join('').slice(-4000);
  }
}

/**
 * Waits until a hub process wrote the participants' broker passwords (`passwordFile`, one of
 * them, as this process reaches it) and consumes its inbound queue on `vhost`.
 */
export async function amqpInputReady(
  hub: HubProcess,
  passwordFile: string,
  vhost: TestVhost,
): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (existsSync(passwordFile)) {
      const queue = await queueFigures(vhost, NAMES.inboundQueue);
      if (queue.consumers > 0) return;
    }
    await sleep(100);
  }
  throw new Error(`the hub did not take its AMQP queue:\n${hub.output()}`);
}

/**
 * What the management API says of a queue on `vhost`: messages (ready and unacknowledged),
 * consumers, and deliveries handed out again (its statistics lag a few seconds).
 */
export async function queueFigures(
  vhost: TestVhost,
  queue: string,
): Promise<{ messages: number; consumers: number; redelivered: number }> {
  const response = await management(
    'GET',
    `/api/queues/${vhost.name}/${encodeURIComponent(queue)}`,
  );
  if (!response.ok) return { messages: 0, consumers: 0, redelivered: 0 };
  const body = (await response.json()) as {
    messages?: number;
    consumers?: number;
    message_stats?: { redeliver?: number };
  };
  return {
    messages: body.messages ?? 0,
    consumers: body.consumers ?? 0,
    redelivered: body.message_stats?.redeliver ?? 0,
  };
}

/** Runs `knooppunt <args>` as the CLI runs (through `prefix`); its stdout, or a failure. */
export function knooppuntCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  prefix: readonly string[] = [],
): Promise<string> {
  const [command, ...rest] = [...prefix, process.execPath, 'bin/knooppunt.js', ...args];
  return new Promise((resolve, reject) => {
    execFile(command as string, rest, { env }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`knooppunt ${args[0] ?? ''} ${args[1] ?? ''} failed:\n${stderr}`));
    });
  });
}

/** `knooppunt ledger verify --json` against the ledger `env` names: seals, then checks all. */
export function ledgerVerifyCli(
  env: NodeJS.ProcessEnv,
  prefix: readonly string[] = [],
): Promise<{ exitCode: number; report: ChainReport & { sealed: number } }> {
  const [command, ...args] = [
    ...prefix,
    process.execPath,
    'bin/knooppunt.js',
    'ledger',
    'verify',
    '--json',
  ];
  return new Promise((resolve, reject) => {
    execFile(
      command as string,
      args,
      { env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        try {
          resolve({ exitCode, report: JSON.parse(stdout) as ChainReport & { sealed: number } });
        } catch {
          reject(new Error(`ledger verify (exit ${exitCode}) printed no report:\n${stderr}`));
        }
      },
    );
  });
}

/** What the participants saw: per message id, who should get it and what became of it. */
export class Tally {
  /** Every message id the senders set out to send → its recipient's OIN. */
  readonly sent = new Map<string, string>();
  /** Ids a sender holds a receipt of acceptance for (verified where the client verifies). */
  readonly accepted = new Set<string>();
  /** Submissions the senders made in all, retries included. */
  submissions = 0;
  /** Id → how many times a recipient fetched it. */
  readonly fetched = new Map<string, number>();
  /** Ids whose acknowledgement the hub confirmed to their recipient. */
  readonly pickedUp = new Set<string>();
  /** Ids fetched by a participant that is not their recipient, or with another recipient. */
  readonly wrongRecipient = new Set<string>();

  /** Records a fetch of `id` by `oin`, whose envelope names `recipient`. */
  fetch(id: string, oin: string, recipient: string): void {
    this.fetched.set(id, (this.fetched.get(id) ?? 0) + 1);
    if (this.sent.get(id) !== oin || recipient !== oin) this.wrongRecipient.add(id);
  }

  /** Whether every sent message was picked up. */
  allPickedUp(): boolean {
    return (
      this.pickedUp.size >= this.sent.size &&
      [...this.sent.keys()].every((id) => this.pickedUp.has(id))
    );
  }
}

/** What the ledger holds: `received` events per message id, and each message's status. */
export interface LedgerFacts {
  readonly received: ReadonlyMap<string, number>;
  readonly status: ReadonlyMap<string, MessageRecord['status']>;
}

/** Reads the facts in one pass over events and messages (cheap on FerretDB too). */
export async function ledgerFacts(reader: {
  allEvents(): AsyncIterable<LedgerEvent>;
  allMessages(): AsyncIterable<MessageRecord>;
}): Promise<LedgerFacts> {
  const received = new Map<string, number>();
  for await (const event of reader.allEvents()) {
    if (event.type === 'received')
      received.set(event.subject, (received.get(event.subject) ?? 0) + 1);
  }
  const status = new Map<string, MessageRecord['status']>();
  for await (const record of reader.allMessages()) status.set(record.messageId, record.status);
  return { received, status };
}

/** The messages sent whose ledger status is not `picked-up` (at most `limit`). */
export function notPickedUpIds(tally: Tally, facts: LedgerFacts, limit = 20): string[] {
  return [...tally.sent.keys()]
    .filter((id) => facts.status.get(id) !== 'picked-up')
    .slice(0, limit);
}

/**
 * What the ledger holds of `ids`, for a report that must tell from CI's output where a message
 * stands: each one's status and route and its events in order, and the expiry notice derived
 * from it where there is one.
 */
export async function ledgerView(
  ledger: Pick<MessageStore, 'getMessage' | 'listEvents'>,
  ids: readonly string[],
): Promise<string> {
  const describe = async (record: MessageRecord): Promise<string> => {
    const events = await ledger.listEvents(record.messageId);
    return `${record.status} (${record.route}) [${events.map((e) => e.type).join(', ')}]`;
  };
  try {
    const lines: string[] = [];
    for (const id of ids) {
      const record = await ledger.getMessage(id);
      const notice = await ledger.getMessage(expiryNoticeId(id));
      lines.push(
        `${id}: ${record === undefined ? 'not stored' : await describe(record)}` +
          (notice === undefined
            ? ''
            : `; its notice ${notice.messageId}: ${await describe(notice)}`),
      );
    }
    return lines.length === 0 ? 'none' : `\n  ${lines.join('\n  ')}`;
  } catch (error) {
    return `not read (${String(error)})`;
  }
}

/** The figures of one scenario. */
export interface Reconciliation {
  readonly sent: number;
  readonly submissions: number;
  readonly accepted: number;
  readonly inLedgerOnce: number;
  readonly delivered: number;
  readonly pickedUp: number;
  readonly fetchedMoreThanOnce: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly wrongRecipient: number;
  readonly unknownInLedger: number;
}

/**
 * Reconciles what the participants saw with what the ledger holds. Lost: sent but not in the
 * ledger, or never picked up. Duplicated: a second `received` event for an id. Delivered and
 * picked up count ids whose ledger status says so and whose recipient saw it so.
 */
export function reconcile(tally: Tally, facts: LedgerFacts): Reconciliation {
  const ids = [...tally.sent.keys()];
  const status = (id: string): string | undefined => facts.status.get(id);
  const received = (id: string): number => facts.received.get(id) ?? 0;
  return {
    sent: ids.length,
    submissions: tally.submissions,
    accepted: ids.filter((id) => tally.accepted.has(id)).length,
    inLedgerOnce: ids.filter((id) => received(id) === 1 && status(id) !== undefined).length,
    delivered: ids.filter(
      (id) => tally.fetched.has(id) && ['delivered', 'picked-up'].includes(status(id) ?? ''),
    ).length,
    pickedUp: ids.filter((id) => tally.pickedUp.has(id) && status(id) === 'picked-up').length,
    fetchedMoreThanOnce: [...tally.fetched.values()].filter((n) => n > 1).length,
    lost: ids.filter((id) => received(id) === 0 || !tally.pickedUp.has(id)).length,
    duplicated: [...facts.received.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    wrongRecipient: tally.wrongRecipient.size,
    unknownInLedger: [...facts.status.keys()].filter((id) => !tally.sent.has(id)).length,
  };
}

/**
 * Asserts a scenario lost nothing: every message sent was accepted, is in the ledger exactly
 * once, was delivered to and picked up by its own recipient, and the ledger holds nothing else.
 */
export function expectNothingLost(figures: Reconciliation): void {
  const { sent, accepted, inLedgerOnce, delivered, pickedUp } = figures;
  const { lost, duplicated, wrongRecipient, unknownInLedger } = figures;
  expect({ accepted, inLedgerOnce, delivered, pickedUp }).to.deep.equal({
    accepted: sent,
    inLedgerOnce: sent,
    delivered: sent,
    pickedUp: sent,
  });
  expect({ lost, duplicated, wrongRecipient, unknownInLedger }).to.deep.equal({
    lost: 0,
    duplicated: 0,
    wrongRecipient: 0,
    unknownInLedger: 0,
  });
}

/** Asserts `knooppunt ledger verify` found nothing: chains, seals, messages, registry. */
export function expectLedgerVerified(verify: {
  readonly exitCode: number;
  readonly report: ChainReport;
}): void {
  expect(verify.report.problems).to.deep.equal([]);
  expect(verify.exitCode).to.equal(0);
}

/** Prints the reconciliation and the ledger check as one block. */
export function printReconciliation(
  title: string,
  figures: Reconciliation,
  check: ChainReport,
  extra: Readonly<Record<string, string | number>> = {},
): void {
  const rows: [string, string | number][] = [
    ['sent', figures.sent],
    ['send calls', figures.submissions],
    ['accepted (receipt held)', figures.accepted],
    ['in the ledger exactly once', figures.inLedgerOnce],
    ['delivered', figures.delivered],
    ['picked up', figures.pickedUp],
    ['fetched more than once (allowed)', figures.fetchedMoreThanOnce],
    ['lost', figures.lost],
    ['duplicated', figures.duplicated],
    ['delivered to the wrong participant', figures.wrongRecipient],
    ['in the ledger but never sent', figures.unknownInLedger],
    ...Object.entries(extra),
    [
      'ledger verify',
      `${check.problems.length === 0 ? 'ok' : `${check.problems.length} problems`}: ${check.events} events, ${check.subjects} chains, ${check.messages} messages against their events (${check.messagesBehind} behind), ${check.seals} seals`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`      ── reconciliation: ${title}`);
  for (const [name, value] of rows) console.log(`      ${name.padEnd(width)}  ${value}`);
}

/**
 * A small tmpfs for a hub's data folder, to fill up: mounted directly when this process may
 * (root), else in a mount namespace of its own (`unshare --user --map-root-user --mount`,
 * held open by a `sleep`), which the hub and the CLI then enter through `prefix` (`nsenter`)
 * and this process reaches through `/proc/<holder>/root`.
 */
export interface SmallDisk {
  /** The folder as the hub sees it. */
  readonly dir: string;
  /** Runs a command where the disk is mounted (empty when mounted here). */
  readonly prefix: readonly string[];
  /** `mount` or `unshare`. */
  readonly how: 'mount' | 'unshare';
  /** A path under `dir`, as this process reaches it. */
  path(...parts: string[]): string;
  /** Bytes free on the disk. */
  freeBytes(): number;
  /** Fills the disk with a file of zeros until `leaveBytes` remain. */
  fill(leaveBytes: number): void;
  /** Deletes the filling file: space returns. */
  free(): void;
  /** Unmounts (or ends the namespace); the folder stays. */
  release(): Promise<void>;
}

/** Mounts a tmpfs of `bytes` at `dir`; a string says what is missing when neither way works. */
export async function mountSmallDisk(dir: string, bytes: number): Promise<SmallDisk | string> {
  const size = `size=${Math.ceil(bytes / 1024)}k`;
  const forced = process.env['KNOOPPUNT_FAULT_DISK'];
  if (forced !== 'unshare' && run('mount', ['-t', 'tmpfs', '-o', size, 'tmpfs', dir]) === 0) {
    return smallDisk(
      dir,
      'mount',
      [],
      (path) => path,
      async () => {
        run('umount', ['-l', dir]);
      },
    );
  }
  const holder = spawn(
    'unshare',
    [
      '--user',
      '--map-root-user',
      '--mount',
      'sh',
      '-c',
      'mount -t tmpfs -o "$1" tmpfs "$2" && echo mounted && exec sleep 86400',
      'sh',
      size,
      dir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const mounted = await new Promise<boolean>((resolve) => {
    holder.stdout.once('data', () => resolve(true));
    holder.once('error', () => resolve(false));
    holder.once('exit', () => resolve(false));
  });
  if (!mounted || holder.pid === undefined) {
    return 'a tmpfs to fill: root (mount -t tmpfs) or user namespaces (unshare --user --map-root-user --mount)';
  }
  const pid = holder.pid;
  const prefix = [
    'nsenter',
    '-t',
    String(pid),
    '-U',
    '-m',
    '--preserve-credentials',
    `--wd=${process.cwd()}`,
  ];
  return smallDisk(
    dir,
    'unshare',
    prefix,
    (path) => `/proc/${pid}/root${path}`,
    async () => {
      const gone = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill('SIGKILL');
      await gone;
    },
  );
}

function smallDisk(
  dir: string,
  how: SmallDisk['how'],
  prefix: readonly string[],
  reach: (path: string) => string,
  release: () => Promise<void>,
): SmallDisk {
  const filler = reach(join(dir, 'filler'));
  const freeBytes = (): number => {
    const stats = statfsSync(reach(dir));
    return stats.bavail * stats.bsize;
  };
  return {
    dir,
    how,
    prefix,
    path: (...parts) => reach(join(dir, ...parts)),
    freeBytes,
    fill(leaveBytes) {
      const length = freeBytes() - leaveBytes;
      if (length > 0 && run('fallocate', ['-l', String(length), filler]) !== 0) {
        throw new Error(`fallocate ${length} bytes on the small disk failed`);
      }
    },
    free: () => rmSync(filler, { force: true }),
    release,
  };
}

/** Runs a command quietly; its exit status (-1 when it could not start). */
function run(command: string, args: readonly string[]): number {
  return spawnSync(command, args, { stdio: 'ignore' }).status ?? -1;
}
