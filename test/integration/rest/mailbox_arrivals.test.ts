/**
 * The seam through which hub processes wake each other's long polls (`knooppunt start` with
 * several processes relays it through the cluster's primary): a hub tells `onMailboxArrival`
 * the recipient's OIN — and nothing else of the message — for every message it stores for a
 * REST mailbox, and `wakeMailbox` on a second hub on the same ledger answers a long poll
 * waiting there with that message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../../src/config.ts';
import { createHub } from '../../../src/hub/hub.ts';
import type { Hub } from '../../../src/hub/hub.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { examplePayload } from '../../support/examples.ts';
import { devSigner, RestClient } from '../../support/rest_client.ts';
import { devOin } from '../../support/test_hub.ts';

describe('REST: mailbox arrivals between hub processes', function () {
  this.timeout(30_000);
  let dataDir: string;
  const hubs: Hub[] = [];
  const told: unknown[][] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-arrivals-'));
    const config = loadConfig({
      KNOOPPUNT_DATA_DIR: dataDir,
      PORT: '0',
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: 'silent',
    });
    const options = { housekeeping: false, processMetrics: false } as const;
    // The first creates the network; the second finds it (as the workers after the primary).
    const first = await createHub(config, {
      ...options,
      onMailboxArrival: (...args: unknown[]) => {
        told.push(args);
        second?.wakeMailbox(args[0] as string);
      },
    });
    hubs.push(first);
    const second: Hub | undefined = await createHub(config, options);
    hubs.push(second);
  });

  after(async () => {
    for (const hub of hubs) await hub.stop();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the recipient only, and the other hub answers its long poll with the message', async () => {
    const [first, second] = hubs as [Hub, Hub];
    const [firstUrl, secondUrl] = [await first.listen(), await second.listen()];
    const client = (url: string, handle: string): RestClient =>
      new RestClient(url, { oin: devOin(handle), signer: devSigner(dataDir, devOin(handle)) });
    const waiting = client(secondUrl, 'telecom').mailbox({ wait: 20 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const message = buildMessage({
      signer: devSigner(dataDir, devOin('gemeente')),
      sender: devOin('gemeente'),
      recipient: devOin('telecom'),
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      payload: examplePayload('saldoverzoek', 'inventarisatie'),
    });
    expect((await client(firstUrl, 'gemeente').submit(message)).status).to.equal(201);
    expect(told).to.deep.equal([[devOin('telecom')]]);
    const answered = await waiting;
    expect(answered.status).to.equal(200);
    expect(answered.body.items.map((item) => item.messageId)).to.deep.equal([
      message.envelope.messageId,
    ]);
  });
});
