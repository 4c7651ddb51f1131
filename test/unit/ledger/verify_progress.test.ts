/**
 * `verifyChain` reports its progress while it reads a large ledger (the command line shows it
 * as a live counter), and still reports what it found.
 */
import { expect } from 'chai';
import { chainEvent } from '../../../src/ledger/chain.ts';
import { PROGRESS_EVERY, verifyChain } from '../../../src/ledger/verify_chain.ts';
import type { LedgerEvent, LedgerSeal } from '../../../src/ledger/types.ts';

describe('ledger verification progress', () => {
  it(`tells how many events it has read every ${PROGRESS_EVERY}`, async () => {
    const total = 2 * PROGRESS_EVERY + 7;
    const reader = {
      async *allEvents(): AsyncIterable<LedgerEvent> {
        for (let i = 0; i < total; i += 1) {
          yield chainEvent(
            { subject: `m${i}`, type: 'received', at: '2026-11-27T09:00:00Z', data: {} },
            0,
            '',
          );
        }
      },
      async *allSeals(): AsyncIterable<LedgerSeal> {},
    };
    const heard: number[] = [];
    const report = await verifyChain(reader, { onProgress: (n) => heard.push(n) });
    expect(heard).to.deep.equal([PROGRESS_EVERY, 2 * PROGRESS_EVERY]);
    expect(report).to.include({ events: total, unsealed: total });
    expect(report.problems).to.deep.equal([]);
  });
});
