/**
 * The MongoDB ledger after a SIGKILL between chaining a transition's event and setting the
 * message document (it has no transactions), when the next request comes at once — the REST
 * fault suite (test/faults/rest_sigkill.test.ts) found both: a recipient's retried fetch left
 * the document without `deliveredAt`, and an acknowledgement after the crashed fetch set
 * `picked-up` over a document that never showed the delivery. `ledger verify` called both a
 * document that differs from its events.
 */
import { expect } from 'chai';
import { chainEvent } from '../../src/ledger/chain.ts';
import { MongoLedger, verifyChain } from '../../src/ledger/index.ts';
import type { MessageRecord } from '../../src/ledger/types.ts';
import { delivery, pickup } from '../../src/lifecycle/index.ts';
import { ledgerRecord, receivedEventOf } from '../support/ledger_records.ts';
import { TEST_MONGODB_URL, mongoAvailable, uniqueDatabaseName } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';

describe('MongoDB ledger: a crash between event and document, and a request right after', function () {
  this.timeout(30_000);
  let ledger: MongoLedger;
  before(async function () {
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    ledger = new MongoLedger({ url: TEST_MONGODB_URL, database: uniqueDatabaseName('crash') });
    await ledger.init();
  });
  after(async () => {
    await ledger?.dropDatabase();
    await ledger?.close();
  });

  /** A stored message whose delivery at `at` is chained but whose document does not show it. */
  async function crashedDelivery(at: (record: MessageRecord) => Date): Promise<MessageRecord> {
    const record = ledgerRecord();
    await ledger.insertMessage(record, receivedEventOf(record));
    const events = ledger.unsafeCollection('events');
    const head = await events.findOne({ _id: `${record.messageId}#0` });
    const chained = chainEvent(
      delivery(record.messageId, at(record), 'rest').event,
      1,
      head?.['hash'] as string,
    );
    await events.insertOne({ ...chained, _id: chained.eventId, batch: null });
    return record;
  }

  it('finishes the document at the chained time when the same fetch is retried a second later', async () => {
    const firstAt = (record: MessageRecord) => new Date(Date.parse(record.receivedAt) + 1_000);
    const record = await crashedDelivery(firstAt);
    const retry = delivery(record.messageId, new Date(firstAt(record).getTime() + 1_000), 'rest');
    expect(await ledger.updateMessage(record.messageId, retry)).to.equal(false);
    expect(await ledger.getMessage(record.messageId)).to.include({
      status: 'delivered',
      deliveredAt: firstAt(record).toISOString(),
    });
    const report = await verifyChain(ledger);
    expect(report.problems).to.deep.equal([]);
  });

  it('brings the document up to its chain before the acknowledgement that follows', async () => {
    const firstAt = (record: MessageRecord) => new Date(Date.parse(record.receivedAt) + 1_000);
    const record = await crashedDelivery(firstAt);
    const ackAt = new Date(firstAt(record).getTime() + 2_000);
    const ack = pickup(record.messageId, record.recipient, ackAt, 30, 'rest');
    expect(await ledger.updateMessage(record.messageId, ack)).to.equal(true);
    expect(await ledger.getMessage(record.messageId)).to.include({
      status: 'picked-up',
      deliveredAt: firstAt(record).toISOString(),
      pickedUpAt: ackAt.toISOString(),
    });
    const report = await verifyChain(ledger);
    expect(report.problems).to.deep.equal([]);
  });
});
