import { expect } from 'chai';
import { ReplayCache } from '../../../../src/transports/rest/replay_cache.ts';

describe('client assertion replay cache (the first check in front of the ledger)', () => {
  it('knows an id until its expiry, then no longer', () => {
    const cache = new ReplayCache();
    expect(cache.has('a', 1_000)).to.equal(false);
    cache.remember('a', 2_000, 1_000);
    expect(cache.has('a', 1_500)).to.equal(true);
    expect(cache.has('a', 2_000)).to.equal(false);
  });

  it('sweeps expired ids when full, keeping the live ones', () => {
    const cache = new ReplayCache(2);
    cache.remember('old', 1_000, 0);
    cache.remember('live', 9_000, 0);
    cache.remember('new', 9_000, 5_000);
    expect(cache.size).to.equal(2);
    expect(cache.has('live', 6_000)).to.equal(true);
  });

  it('stays within its size when full of live ids, forgetting the oldest (the ledger still knows it)', () => {
    const cache = new ReplayCache(2);
    cache.remember('first', 9_000, 0);
    cache.remember('second', 9_000, 0);
    cache.remember('third', 9_000, 0);
    expect(cache.size).to.equal(2);
    expect(cache.has('first', 1_000)).to.equal(false);
    expect(cache.has('third', 1_000)).to.equal(true);
  });
});
