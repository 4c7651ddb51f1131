import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import {
  mongoAvailable,
  TEST_MONGODB_URL,
  uniqueDatabaseName,
  urlWithDatabase,
} from '../../support/mongo.ts';
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

  it('keeps its ledger in the database MONGODB_URL names when MONGODB_DB is not set', async () => {
    const name = uniqueDatabaseName('url');
    const named = await startTestHub({
      env: {
        MONGODB_URL: urlWithDatabase(TEST_MONGODB_URL, name),
        KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      },
    });
    const client = new MongoClient(TEST_MONGODB_URL);
    try {
      expect(named.hub.config).to.include({
        mongodbDatabase: name,
        mongodbDatabaseSource: 'MONGODB_URL',
      });
      const message = saldoverzoek(named, 'gemeente', 'energie');
      expect((await named.client('gemeente').submit(message)).status).to.equal(201);
      const stored = await client
        .db(name)
        .collection('messages')
        .countDocuments({ _id: message.envelope.messageId } as object);
      expect(stored).to.equal(1);
    } finally {
      await client.close();
      await named.stop(); // drops the database
    }
  });
});
