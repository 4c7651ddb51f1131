/**
 * Access to the MongoDB-compatible services for tests: `MONGODB_URL` or FerretDB on
 * 127.0.0.1:27017 (SQLite backend) as `scripts/services.sh start` runs it, and FerretDB on
 * PostgreSQL on 127.0.0.1:27018 for the suites that run on both stand-ins. Each suite gets its
 * own database.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

/** The URL tests use. */
export const TEST_MONGODB_URL = process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017';

/**
 * The URL of FerretDB on its PostgreSQL backend, which takes concurrent writers (FerretDB's
 * SQLite backend takes one at a time) (`KNOOPPUNT_TEST_MONGODB_PG_URL`).
 */
export const TEST_MONGODB_PG_URL =
  process.env['KNOOPPUNT_TEST_MONGODB_PG_URL'] ?? 'mongodb://127.0.0.1:27018';

/** Whether a MongoDB-compatible server answers at `url` (by default the test URL). */
export async function mongoAvailable(url = TEST_MONGODB_URL): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

/** A fresh database name for one suite. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** `url` naming database `name` in its path (keeping its options). */
export function urlWithDatabase(url: string, name: string): string {
  const hostsStart = url.indexOf('://') + 3;
  const pathStart = url.indexOf('/', hostsStart);
  const queryStart = url.indexOf('?', hostsStart);
  const hostsEnd = pathStart >= 0 ? pathStart : queryStart >= 0 ? queryStart : url.length;
  const query = queryStart >= 0 ? url.slice(queryStart) : '';
  return `${url.slice(0, hostsEnd)}/${encodeURIComponent(name)}${query}`;
}
