/**
 * The ledger's floor, measured on the same messages the hub took (issue 14's baseline "raw
 * inserts of the same documents with the same driver and backend"): each message's document
 * inserted as it is and nothing else — no index but its key, no event, no pipeline — by the
 * driver the ledger uses, as durably as the ledger writes it, with as many inserts in flight as
 * the hub's row has senders:
 *
 * - SQLite: better-sqlite3 on a file of its own in the system's temporary folder (where the
 *   bench's hub keeps its ledger), WAL and `synchronous = FULL` as the ledger's thread commits,
 *   one transaction per `inFlight` documents — the writes in flight committed together, as the
 *   ledger's group commit takes them;
 * - MongoDB: the official driver with the ledger's write concern (`w: 'majority'`, journaled),
 *   `inFlight` concurrent `insertOne`s into a database of its own, dropped after.
 *
 * It runs in the bench's process between the hub's phases, while the hub is idle.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MongoClient } from 'mongodb';
import type { Document } from 'mongodb';
import { uniqueDatabaseName } from '../../test/support/mongo.ts';

/** Where the raw inserts go: the backend of the hub's ledger. */
export type RawInsertTarget =
  { readonly kind: 'sqlite' } | { readonly kind: 'mongodb'; readonly url: string };

/** Documents inserted per second into `target`, `inFlight` at a time, for `seconds`. */
export async function rawInsertRate(
  target: RawInsertTarget,
  bodies: readonly string[],
  inFlight: number,
  seconds: number,
): Promise<number> {
  if (bodies.length === 0) throw new Error('raw inserts: no documents');
  return target.kind === 'sqlite'
    ? sqliteInserts(bodies, inFlight, seconds)
    : mongoInserts(target.url, bodies, inFlight, seconds);
}

function sqliteInserts(bodies: readonly string[], inFlight: number, seconds: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-bench-raw-'));
  let db: Database.Database | undefined;
  try {
    db = new Database(join(dir, 'raw.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE documents (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO documents (id, doc) VALUES (?, ?)');
    let inserted = 0;
    const commit = db.transaction((count: number) => {
      for (let i = 0; i < count; i += 1) {
        insert.run(String(inserted), bodies[inserted % bodies.length]);
        inserted += 1;
      }
    });
    const start = performance.now();
    const until = start + seconds * 1000;
    while (performance.now() < until) commit(inFlight);
    return (inserted * 1000) / (performance.now() - start);
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function mongoInserts(
  url: string,
  bodies: readonly string[],
  inFlight: number,
  seconds: number,
): Promise<number> {
  const client = new MongoClient(url, { writeConcern: { w: 'majority', journal: true } });
  const db = client.db(uniqueDatabaseName(`knooppunt_bench_raw_${process.pid}`));
  // Parsed beforehand: what is measured is the driver's encoding and the server's insert.
  const documents = bodies.map((body) => JSON.parse(body) as Record<string, unknown>);
  try {
    await client.connect();
    const collection = db.collection<{ _id: string } & Document>('documents');
    let next = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    // A failed insert stops every lane, so none writes after the database is dropped.
    let failed = false;
    const lane = async (): Promise<void> => {
      while (!failed && performance.now() < until) {
        const id = next;
        next += 1;
        await collection
          .insertOne({ ...documents[id % documents.length], _id: String(id) })
          .catch((error: unknown) => {
            failed = true;
            throw error;
          });
      }
    };
    const lanes = await Promise.allSettled(Array.from({ length: inFlight }, lane));
    const failure = lanes.find((settled) => settled.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    return (next * 1000) / (performance.now() - start);
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}
