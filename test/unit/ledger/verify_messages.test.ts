/**
 * A message document checked against its events: one that shows an earlier point of its own
 * chain (a writer crashed between the event and the document) is counted as behind, not as
 * tampering; one that matches no point of its chain is a problem.
 */
import { expect } from 'chai';
import { chainEvent } from '../../../src/ledger/chain.ts';
import type { LedgerEvent } from '../../../src/ledger/types.ts';
import type { ChainProblem } from '../../../src/ledger/verify_chain.ts';
import { checkMessage } from '../../../src/ledger/verify_messages.ts';
import { delivery } from '../../../src/lifecycle/index.ts';
import { ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';

describe('ledger: message documents against their events', () => {
  const record = ledgerRecord();
  const received = chainEvent(receivedEventOf(record), 0, '');
  const delivered = chainEvent(
    delivery(record.messageId, new Date(Date.parse(record.receivedAt) + 60_000), 'rest').event,
    1,
    received.hash,
  );
  const events: LedgerEvent[] = [received, delivered];

  it('accepts a document that shows its latest state', () => {
    const problems: ChainProblem[] = [];
    const upToDate = { ...record, status: 'delivered' as const, deliveredAt: delivered.at };
    expect(checkMessage(upToDate, events, problems)).to.equal(undefined);
    expect(problems).to.deep.equal([]);
  });

  it('counts a document one event behind as behind, not as tampering', () => {
    const problems: ChainProblem[] = [];
    expect(checkMessage(record, events, problems)).to.equal('behind');
    expect(problems).to.deep.equal([]);
  });

  it('finds a document that matches no point of its chain', () => {
    const problems: ChainProblem[] = [];
    checkMessage({ ...record, status: 'picked-up', pickedUpAt: delivered.at }, events, problems);
    expect(problems.map((p) => p.kind)).to.deep.equal(['message-record']);
  });
});
