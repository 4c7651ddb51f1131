/**
 * `knooppunt tail` follows a live hub's ledger (the same SQLite file): messages sent while it
 * runs appear with their type, sender and recipient — and nothing of their payloads.
 */
import { expect } from 'chai';
import { MessageFactory, RestClient } from '@knooppunt/sdk';
import type { Saldoverzoek } from '@knooppunt/sdk';
import { examplePayload } from '../support/examples.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { knooppunt } from '../unit/cli/run_cli.ts';

describe('knooppunt tail: the live flow, metadata only', function () {
  this.timeout(30_000);
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub();
  });
  after(async () => hub?.stop());

  it('shows each event of messages sent while it runs, without payload content', async () => {
    const env = { KNOOPPUNT_DATA_DIR: hub.dataDir, KNOOPPUNT_LOG_LEVEL: 'silent' };
    const since = new Date().toISOString();
    const tailing = knooppunt(
      { env },
      'tail',
      '--since',
      since,
      '--interval',
      '50',
      '--count',
      '5',
    );
    const oin = devOin('gemeente');
    const signer = hub.signer('gemeente');
    const factory = new MessageFactory({ oin, signer });
    const client = new RestClient({ hubUrl: hub.baseUrl, oin, signer });
    const payload = examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek;
    const ids: string[] = [];
    for (const recipient of ['energie', 'telecom']) {
      const message = factory.create({
        type: 'saldoverzoek',
        module: 'schuldinventarisatie',
        recipient: devOin(recipient),
        payload,
      });
      await client.send(message);
      ids.push(message.envelope.messageId);
    }
    const energie = new RestClient({
      hubUrl: hub.baseUrl,
      oin: devOin('energie'),
      signer: hub.signer('energie'),
    });
    await energie.fetch(ids[0] as string);
    const run = await tailing;
    expect(run.code, run.err).to.equal(0);
    const lines = run.out.split('\n').slice(1);
    // Two conversations opened, two messages received, one delivered (the fetch).
    expect(lines).to.have.length(5);
    expect(lines.filter((line) => / conversation-opened /.test(line))).to.have.length(2);
    expect(
      lines.filter((line) => / received +saldoverzoek +gemeente → energie via rest/.test(line)),
    ).to.have.length(1);
    expect(
      lines.some((line) => / delivered /.test(line) && line.endsWith(ids[0] as string)),
    ).to.equal(true);
    // Nothing of the payload: not the debtor's name, not the counsellor's client number.
    expect(run.out).to.not.match(/Vries|Kanaalstraat/);
    expect(run.out).to.not.include(String(payload.klantnummerSchuldhulpverlener));
  });
});
