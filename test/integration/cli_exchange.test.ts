/**
 * `knooppunt send` and `knooppunt inbox` against a live hub (embedded SQLite ledger): the
 * gemeente sends the README's first message and a draft; the energy company lists, shows and
 * acknowledges; a refusal prints the hub's code and exits 1.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { examplePayload } from '../support/examples.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { knooppunt } from '../unit/cli/run_cli.ts';

describe('knooppunt send and inbox against a live hub', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let dir: string;
  const cli = (...args: string[]) =>
    knooppunt(
      { env: { KNOOPPUNT_DATA_DIR: hub.dataDir, KNOOPPUNT_LOG_LEVEL: 'silent' } },
      ...args,
      '--url',
      hub.baseUrl,
    );
  const draftFile = (draft: unknown): string => {
    const file = join(dir, `draft-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(draft));
    return file;
  };
  let sentId: string;

  before(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-send-'));
  });
  after(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the README’s first message, signed as the gemeente, and prints the verified receipt', async () => {
    const run = await cli('send', 'examples/first-message.json', '--as', 'gemeente');
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.match(/^accepted: saldoverzoek/);
    expect(run.out).to.match(/receipt: +verified against the hub certificate/);
    sentId = /message id: +(\S+)/.exec(run.out)?.[1] as string;
    expect((await hub.hub.ledger.getMessage(sentId))?.sender).to.equal(devOin('gemeente'));
  });

  it('sends a draft naming the recipient by handle, and --json prints the receipt’s claims', async () => {
    const file = draftFile({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: 'energie',
      payload: examplePayload('saldoverzoek', 'inventarisatie'),
    });
    const run = await cli('send', file, '--as', 'gemeente', '--json');
    expect(run.code, run.err).to.equal(0);
    const sent = JSON.parse(run.out) as { claims: { status: string; recipient: string } };
    expect(sent.claims).to.include({ status: 'accepted', recipient: devOin('energie') });
  });

  it('lists the energy company’s inbox, shows a message and acknowledges it', async () => {
    const listed = await cli('inbox', '--as', 'energie');
    expect(listed.code, listed.err).to.equal(0);
    expect(listed.out).to.include(sentId);
    expect(listed.out).to.match(/2 waiting/);
    const shown = await cli('inbox', 'show', sentId, '--as', 'energie');
    expect(shown.code, shown.err).to.equal(0);
    expect(JSON.parse(shown.out).envelope.messageId).to.equal(sentId);
    const acked = await cli('inbox', 'ack', sentId, '--as', 'energie');
    expect(acked.code, acked.err).to.equal(0);
    expect(acked.out).to.match(/^picked up: /);
    expect((await hub.hub.ledger.getMessage(sentId))?.status).to.equal('picked-up');
    expect((await cli('inbox', '--as', 'energie')).out).to.not.include(sentId);
  });

  it('prints the hub’s code and exits 1 when the hub refuses; exit 2 for a broken draft', async () => {
    const refused = await cli(
      'send',
      draftFile({
        type: 'saldoverzoek',
        module: 'schuldinventarisatie',
        recipient: 'waarborgfonds',
        payload: examplePayload('saldoverzoek', 'inventarisatie'),
      }),
      '--as',
      'gemeente',
    );
    expect(refused.code).to.equal(1);
    expect(refused.err).to.match(/^error [A-Z_]+: /);
    const broken = await cli('send', draftFile({ recipient: 'energie' }), '--as', 'gemeente');
    expect(broken.code).to.equal(2);
    expect(broken.err).to.match(/error USAGE_INVALID: a draft needs "type"/);
  });

  it('sends a draft at the version it names (2.1), and prints VERSION_NOT_ACCEPTED for a recipient that takes only 2.0', async () => {
    const draft = (recipient: string) =>
      draftFile({
        type: 'saldoverzoek',
        version: '2.1',
        module: 'schuldinventarisatie',
        recipient,
        payload: examplePayload('saldoverzoek', undefined, { version: '2.1' }),
      });
    const run = await cli('send', draft('cjib'), '--as', 'gemeente');
    expect(run.code, run.err).to.equal(0);
    const id = /message id: +(\S+)/.exec(run.out)?.[1] as string;
    expect((await hub.hub.ledger.getMessage(id))?.envelope.version).to.equal('2.1');
    const refused = await cli('send', draft('webwinkel'), '--as', 'gemeente');
    expect(refused.code).to.equal(1);
    expect(refused.err).to.match(/^error VERSION_NOT_ACCEPTED: .*takes version 2\.0/);
  });
});
