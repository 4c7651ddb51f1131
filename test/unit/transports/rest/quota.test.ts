import { expect } from 'chai';
import { HttpProblem } from '../../../../src/transports/rest/problem.ts';
import { ParticipantQuota } from '../../../../src/transports/rest/quota.ts';

/** The code and Retry-After of a refused take, or `taken`. */
function attempt(quota: ParticipantQuota, oin: string): string {
  try {
    quota.take(oin);
    return 'taken';
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
    return `${error.code} after ${error.headers['Retry-After']} s`;
  }
}

describe('participant quota (token bucket per participant)', () => {
  it('gives a burst, then refuses with the seconds until the next request may go', () => {
    let now = 0;
    const quota = new ParticipantQuota({ perSecond: 0.5, burst: 3 }, () => now);
    expect([1, 2, 3, 4].map(() => attempt(quota, 'a'))).to.deep.equal([
      'taken',
      'taken',
      'taken',
      'RATE_LIMITED after 2 s',
    ]);
    now = 1_000;
    expect(attempt(quota, 'a')).to.equal('RATE_LIMITED after 1 s');
    now = 2_000;
    expect(attempt(quota, 'a')).to.equal('taken');
  });

  it("keeps each participant's share apart, and refills no further than the burst", () => {
    let now = 0;
    const quota = new ParticipantQuota({ perSecond: 10, burst: 2 }, () => now);
    attempt(quota, 'a');
    attempt(quota, 'a');
    expect(attempt(quota, 'a')).to.match(/^RATE_LIMITED/);
    expect(attempt(quota, 'b')).to.equal('taken');
    now = 60_000;
    expect([1, 2, 3].map(() => attempt(quota, 'a'))).to.deep.equal([
      'taken',
      'taken',
      'RATE_LIMITED after 1 s',
    ]);
  });

  it('limits nothing at 0 a second', () => {
    const quota = new ParticipantQuota({ perSecond: 0, burst: 1 }, () => 0);
    expect(Array.from({ length: 50 }, () => attempt(quota, 'a'))).to.satisfy((all: string[]) =>
      all.every((result) => result === 'taken'),
    );
  });
});
