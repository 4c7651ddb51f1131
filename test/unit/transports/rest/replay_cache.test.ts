import { expect } from 'chai';
import { ReplayCache } from '../../../../src/transports/rest/replay_cache.ts';

describe('client assertion replay cache', () => {
  it('refuses an id until its expiry, then accepts it again', () => {
    const cache = new ReplayCache();
    expect(cache.claim('a', 2_000, 1_000)).to.equal(true);
    expect(cache.claim('a', 2_000, 1_500)).to.equal(false);
    expect(cache.claim('a', 5_000, 2_000)).to.equal(true);
  });

  it('sweeps expired ids when full, keeping the live ones', () => {
    const cache = new ReplayCache(2);
    cache.claim('old', 1_000, 0);
    cache.claim('live', 9_000, 0);
    cache.claim('new', 9_000, 5_000);
    expect(cache.size).to.equal(2);
    expect(cache.claim('live', 9_000, 6_000)).to.equal(false);
  });
});
