import { expect } from 'chai';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

describe('REST transport over the MongoDB ledger', () => {
  let testHub: TestHub | undefined;

  before(async function () {
    requirePrecondition(
      this,
      await mongoAvailable(),
      `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
    );
    testHub = await startTestHub({ ledger: 'mongodb' });
  });
  after(() => testHub?.stop());

  it('submits, lists, fetches, acknowledges and reports a message like the SQLite ledger', async () => {
    const hub = testHub as TestHub;
    expect(hub.hub.ledger.kind).to.equal('mongodb');
    const message = saldoverzoek(hub, 'gemeente', 'energie');
    const { messageId } = message.envelope;
    const creditor = hub.client('energie');
    expect((await hub.client('gemeente').submit(message)).status).to.equal(201);
    const mailbox = await creditor.mailbox({ messageType: 'saldoverzoek' });
    expect(mailbox.body.items.map((item) => item.messageId)).to.deep.equal([messageId]);
    expect((await creditor.fetchMessage(messageId)).body.status).to.equal('delivered');
    expect((await creditor.ack(messageId)).body.status).to.equal('picked-up');
    const status = await hub.client('gemeente').status(messageId);
    expect(status.body.timeline.map((entry) => entry.type)).to.deep.equal([
      'received',
      'delivered',
      'picked-up',
    ]);
    const ready = await creditor.raw('GET', '/v1/ready', { auth: 'none' });
    expect(ready.body).to.deep.equal({ status: 'ready', checks: { ledger: 'ok' } });
  });
});
