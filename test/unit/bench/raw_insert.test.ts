/**
 * The raw-insert baseline of `npm run bench` (bench/wire/raw_insert.ts) on SQLite: the
 * documents go into a file of its own, which is gone afterwards, at a rate it reports.
 */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect } from 'chai';
import { rawInsertRate } from '../../../bench/wire/raw_insert.ts';

const scratchFolders = (): string[] =>
  readdirSync(tmpdir()).filter((name) => name.startsWith('knooppunt-bench-raw-'));

describe('npm run bench: raw inserts of the same documents (SQLite)', () => {
  it('inserts the documents for the time given and leaves no file behind', async () => {
    const before = scratchFolders();
    const bodies = [JSON.stringify({ a: 1 }), JSON.stringify({ b: 'x'.repeat(3000) })];
    const started = performance.now();
    const rate = await rawInsertRate({ kind: 'sqlite' }, bodies, 4, 0.2);
    expect(performance.now() - started).to.be.at.least(200);
    expect(rate).to.be.above(0);
    expect(scratchFolders()).to.deep.equal(before);
  });

  it('refuses to measure nothing', async () => {
    const error = await rawInsertRate({ kind: 'sqlite' }, [], 4, 0.1).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.match(/no documents/);
  });
});
