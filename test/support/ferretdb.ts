/**
 * A FerretDB server of a test's own, for fault tests that stop the database: the binary that
 * `scripts/services.sh` builds (FerretDB 1.24.2 on SQLite, patched to use its `_id` index),
 * started on a port and a data folder of the test's, and stopped and started again on the same
 * data — never the shared server on 27017 that every other suite uses.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where scripts/services.sh puts the binary (`KNOOPPUNT_CACHE_DIR`, else ~/.cache/knooppunt). */
export const FERRETDB_BIN = join(
  process.env['KNOOPPUNT_CACHE_DIR'] ?? join(homedir(), '.cache', 'knooppunt'),
  'bin',
  'ferretdb-v1.24.2-idx2',
);

/** Whether the binary is there (scripts/services.sh start builds it). */
export function ferretDbBinaryAvailable(): boolean {
  return existsSync(FERRETDB_BIN);
}

/** A FerretDB process on `127.0.0.1:<port>` over a temporary SQLite folder. */
export class OwnFerretDb {
  readonly port: number;
  readonly url: string;
  readonly #dir: string;
  readonly #log: string[] = [];
  #child: ChildProcess | undefined;

  constructor(port: number) {
    this.port = port;
    this.url = `mongodb://127.0.0.1:${port}`;
    this.#dir = mkdtempSync(join(tmpdir(), 'knooppunt-ferretdb-'));
    mkdirSync(join(this.#dir, 'data'));
  }

  /** Starts the server (on the data of any earlier start) and waits until it accepts connections. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(
      FERRETDB_BIN,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${join(this.#dir, 'data')}/`,
        `--listen-addr=127.0.0.1:${this.port}`,
        `--state-dir=${this.#dir}`,
        '--telemetry=disable',
        '--log-level=warn',
        '--debug-addr=-', // no metrics listener (the shared server has 8088)
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.#log.push(chunk.toString());
        if (this.#log.length > 200) this.#log.splice(0, 100);
      });
    }
    const deadline = Date.now() + timeoutMs;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`FerretDB did not start on ${this.port}:\n${this.#log.join('')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Whether the server runs, or how it ended, and the end of its log: for a stall report. */
  status(): string {
    const child = this.#child;
    const state =
      child === undefined
        ? 'never started'
        : child.exitCode === null && child.signalCode === null
          ? `running (pid ${child.pid})`
          : `exited (code ${child.exitCode}, signal ${child.signalCode})`;
    return `FerretDB on ${this.port}: ${state}\n${this.#log.join('').slice(-2000)}`;
  }

  /** Kills the server with SIGKILL (as a crash or a pulled plug) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  /** Kills the server and removes its data. */
  async remove(): Promise<void> {
    await this.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
