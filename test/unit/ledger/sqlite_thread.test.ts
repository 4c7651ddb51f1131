/**
 * The SQLite ledger in its own thread (src/ledger/sqlite_thread.ts): what crosses between the
 * threads — the ledger's errors keep their class and code, bytes come back as Buffers — and a
 * thread that cannot open its ledger fails the calls with LEDGER_UNAVAILABLE instead of leaving
 * them waiting. The whole ledger contract runs against it in test/contract.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConversationError, KnooppuntError, LedgerError } from '@knooppunt/standard';
import type { Ledger } from '../../../src/ledger/index.ts';
import { openSqliteLedgerThread } from '../../../src/ledger/sqlite_thread.ts';
import {
  carryError,
  reviveBuffers,
  reviveError,
} from '../../../src/ledger/sqlite_thread_protocol.ts';

describe('SQLite ledger thread: what crosses between the threads', () => {
  it('gives a ledger error back with its class, code and message', () => {
    const revived = reviveError(
      structuredClone(carryError(new LedgerError('LEDGER_FULL', "the ledger's disk is full"))),
    );
    expect(revived).to.be.instanceOf(LedgerError);
    expect(revived).to.include({ code: 'LEDGER_FULL', message: "the ledger's disk is full" });
  });

  it('gives a conversation error back as one, so the pipeline still maps it to its problem', () => {
    const revived = reviveError(
      carryError(new ConversationError('CONVERSATION_NOT_PARTICIPANT', 'not a party')),
    );
    expect(revived).to.be.instanceOf(ConversationError);
    expect((revived as KnooppuntError).code).to.equal('CONVERSATION_NOT_PARTICIPANT');
  });

  it('gives any other error back as a plain Error with its name and message', () => {
    const revived = reviveError(carryError(new TypeError('no such column')));
    expect(revived).not.to.be.instanceOf(KnooppuntError);
    expect(revived).to.include({ name: 'TypeError', message: 'no such column' });
    expect(reviveError(carryError('a string thrown'))).to.include({ message: 'a string thrown' });
  });

  it('turns the byte arrays of arguments and answers back into Buffers, one level deep', () => {
    const content = Buffer.from('%PDF-1.7 …');
    const [meta, bytes] = reviveBuffers(structuredClone([{ sha256: 'ab' }, content])) as [
      unknown,
      Buffer,
    ];
    expect(meta).to.deep.equal({ sha256: 'ab' });
    expect(Buffer.isBuffer(bytes)).to.equal(true);
    expect(bytes.equals(content)).to.equal(true);
    const stored = reviveBuffers(structuredClone({ meta: { size: 1 }, content })) as {
      content: Buffer;
    };
    expect(Buffer.isBuffer(stored.content)).to.equal(true);
    expect(reviveBuffers(undefined)).to.equal(undefined);
  });
});

/** A checkpoint thread that fails as it starts. */
const FAILING_THREAD = new URL('data:text/javascript,throw new Error("no checkpoints here")');

describe('SQLite ledger thread: a thread that fails', () => {
  let dir: string;
  /** Every ledger a test opens, closed after it even when an assertion stopped it early. */
  const opened: Ledger[] = [];
  const openThread = (...args: Parameters<typeof openSqliteLedgerThread>): Ledger => {
    const ledger = openSqliteLedgerThread(...args);
    opened.push(ledger);
    return ledger;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-thread-'));
  });
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((ledger) => ledger.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails the waiting call and every later one with LEDGER_UNAVAILABLE, saying why', async () => {
    // The ledger's folder cannot be made: a file stands where it should be.
    writeFileSync(join(dir, 'not-a-folder'), '');
    const ledger = openThread(join(dir, 'not-a-folder', 'ledger.sqlite'));
    const first = await ledger.init().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(first).to.be.instanceOf(LedgerError);
    expect(first).to.include({ code: 'LEDGER_UNAVAILABLE' });
    expect((first as Error).message).to.match(/SQLite ledger's thread/);
    const later = await ledger.ping().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(later).to.include({ code: 'LEDGER_UNAVAILABLE' });
  });

  it('reads in the hub thread what its writes stored, and refuses reads once closed', async () => {
    const path = join(dir, 'ledger.sqlite');
    const ledger = openThread(path);
    await ledger.init();
    // Each write resolves after its fsync; the read right after it, on the hub thread's own
    // connection, sees it (listEvents and lastEvent are reads the hub's thread runs itself).
    for (let seq = 0; seq < 3; seq += 1) {
      const event = await ledger.appendEvent({
        subject: 'message-1',
        type: 'delivered',
        at: '2026-11-24T10:00:00.000Z',
        data: { seq },
      });
      expect(await ledger.lastEvent('message-1')).to.deep.equal(event);
    }
    expect(await ledger.listEvents('message-1')).to.have.length(3);
    await ledger.close();
    // Closed, the writer last: the log is checkpointed into the file and gone.
    expect(existsSync(`${path}-wal`), 'the write-ahead log left behind').to.equal(false);
    const error = await ledger.getMessage('message-1').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(LedgerError);
    expect(error).to.include({ code: 'LEDGER_UNAVAILABLE' });
  });

  it('copies the write-ahead log into the file in a thread of its own, not in a commit', async () => {
    const path = join(dir, 'ledger.sqlite');
    const ledger = openThread(path);
    await ledger.init();
    const before = statSync(path).size;
    // Some hundreds of pages of log: fewer than the 1,000 after which the writer itself would
    // copy them, so only the checkpoint thread moves them into the file.
    for (let seq = 0; seq < 40; seq += 1) {
      await ledger.appendEvent({
        subject: `message-${seq}`,
        type: 'delivered',
        at: '2026-11-24T10:00:00.000Z',
        data: { seq, padding: 'x'.repeat(2000) },
      });
    }
    const until = Date.now() + 5000;
    while (statSync(path).size <= before && Date.now() < until) await sleep(20);
    expect(statSync(path).size, 'the file after the checkpoint').to.be.above(before);
    expect(statSync(`${path}-wal`).size, 'the log').to.be.below(1000 * 4096);
    await ledger.close();
  });

  it('has the writer checkpoint as before, and says why, should the checkpoint thread end', async () => {
    const path = join(dir, 'ledger.sqlite');
    const ended: Error[] = [];
    const ledger = openThread(path, {
      checkpointEntry: FAILING_THREAD,
      checkpointsEnded: (error) => ended.push(error),
    });
    await ledger.init();
    const until = Date.now() + 5000;
    while (ended.length === 0 && Date.now() < until) await sleep(20);
    expect(ended.map((error) => error.message)).to.deep.equal(['no checkpoints here']);
    // Enough log for the writer's own checkpoint (1,000 pages), not for the backstop.
    const before = statSync(path).size;
    for (let seq = 0; seq < 20; seq += 1) {
      await ledger.appendEvent({
        subject: `message-${seq}`,
        type: 'delivered',
        at: '2026-11-24T10:00:00.000Z',
        data: { seq, padding: 'x'.repeat(250_000) },
      });
    }
    expect(statSync(path).size, 'the file after the writer checkpointed').to.be.above(before);
    await ledger.close();
  });

  it('answers with the same ledger, its writes read back after close and reopen', async () => {
    const path = join(dir, 'ledger.sqlite');
    const ledger = openThread(path);
    await ledger.init();
    const event = await ledger.appendEvent({
      subject: 'message-1',
      type: 'delivered',
      at: '2026-11-24T10:00:00.000Z',
      data: { route: 'rest' },
    });
    await ledger.close();
    const again = openThread(path);
    await again.init();
    expect(await again.lastEvent('message-1')).to.deep.equal(event);
    await again.close();
  });
});
