/**
 * Replay protection of client assertions shared by every hub process (RFC 7523 §3 item 7): two
 * hubs in this process on one MongoDB ledger, with one public URL (as behind a load balancer),
 * so an assertion made for one is good at the other. An assertion exchanged at one hub is
 * refused at the other, whose own memory has never seen it: the ledger's claim decides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { startThrowawayHub } from '../../../src/hub/throwaway_hub.ts';
import type { ThrowawayHub } from '../../../src/hub/throwaway_hub.ts';
import { mongoAvailable, TEST_MONGODB_URL, uniqueDatabaseName } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { clientAssertion, devSigner, problemOf, RestClient } from '../../support/rest_client.ts';
import type { RestResponse } from '../../support/rest_client.ts';
import { devOin } from '../../support/test_hub.ts';

/** The address participants use for both hubs: the audience of their assertions. */
const PUBLIC_URL = 'http://knooppunt.test';

describe('REST transport: a client assertion is exchanged once across hub processes (MongoDB ledger)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let database: string;
  const hubs: ThrowawayHub[] = [];

  before(async function () {
    requirePrecondition(
      this,
      await mongoAvailable(),
      `a MongoDB-compatible server at ${TEST_MONGODB_URL} (run scripts/services.sh start)`,
    );
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-replay-'));
    database = uniqueDatabaseName('replay');
    const env = {
      KNOOPPUNT_DATA_DIR: dataDir,
      MONGODB_URL: TEST_MONGODB_URL,
      MONGODB_DB: database,
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_PUBLIC_URL: PUBLIC_URL,
    };
    // The first makes the development network in the shared folder and ledger; the second
    // starts on it.
    hubs.push(await startThrowawayHub({ env, name: 'replay-a' }));
    hubs.push(await startThrowawayHub({ env, name: 'replay-b' }));
  });

  after(async () => {
    for (const hub of hubs.splice(0)) await hub.stop(); // the first drops the database
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The gemeente's client at hub `index`, signing for the shared public URL. */
  const gemeenteAt = (index: number): RestClient => {
    const oin = devOin('gemeente');
    return new RestClient((hubs[index] as ThrowawayHub).url, {
      oin,
      signer: devSigner(dataDir, oin),
      audience: `${PUBLIC_URL}/v1/token`,
    });
  };

  const exchange = (client: RestClient, assertion: string): Promise<RestResponse<unknown>> =>
    client.raw('POST', '/v1/token', {
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      auth: 'none',
    });

  const assertionFor = (client: RestClient, jti: string): string =>
    clientAssertion(client.signer, client.oin, client.audience, { jti });

  it('refuses at the second process, with 401 ASSERTION_INVALID, an assertion the first exchanged', async () => {
    const [first, second] = [gemeenteAt(0), gemeenteAt(1)];
    const assertion = assertionFor(first, 'exchanged-at-the-first');
    expect((await exchange(first, assertion)).status).to.equal(200);

    const replay = await exchange(second, assertion);
    expect(replay.status).to.equal(401);
    expect(problemOf(replay)).to.include({ code: 'ASSERTION_INVALID', error: 'invalid_client' });
    expect(problemOf(replay).detail).to.match(/used before/);
    // And at the first again (its own memory answers there).
    expect(problemOf(await exchange(first, assertion)).code).to.equal('ASSERTION_INVALID');

    // The claim is in the ledger, one document for the participant's jti.
    const client = new MongoClient(TEST_MONGODB_URL);
    try {
      const claims = await client
        .db(database)
        .collection<{ _id: string }>('claims')
        .find({ _id: `claim:${first.oin} exchanged-at-the-first` })
        .toArray();
      expect(claims).to.have.length(1);
    } finally {
      await client.close();
    }
  });

  it('gives one token for an assertion sent to both processes at once', async () => {
    const clients = [gemeenteAt(0), gemeenteAt(1)];
    const assertion = assertionFor(clients[0] as RestClient, 'sent-to-both');
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => exchange(clients[i % 2] as RestClient, assertion)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).to.have.length(1, String(statuses));
    expect(statuses.filter((status) => status === 401)).to.have.length(5, String(statuses));
  });

  it('still gives each fresh assertion its token at either process', async () => {
    for (const index of [0, 1, 0, 1]) {
      const client = gemeenteAt(index);
      const fresh = await exchange(client, assertionFor(client, `fresh-${index}-${Math.random()}`));
      expect(fresh.status).to.equal(200);
    }
  });
});
