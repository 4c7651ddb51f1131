/**
 * `knooppunt log` against a live hub (embedded SQLite ledger): the gemeente's own log as a
 * table and as JSON, with filters — what it sent and received, never a message between others —
 * and with --refused what the hub refused it; a filter the hub refuses prints its code and exits 1, contradicting options exit 2.
 */
import { expect } from 'chai';
import type { LogEntry } from '@knooppunt/standard';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { knooppunt } from '../unit/cli/run_cli.ts';
import { kennisgeving, saldoverzoek } from './rest/rest_world.ts';

describe('knooppunt log against a live hub', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let toEnergie: string;
  let toBelastingen: string;
  let others: string;
  let refused: string;
  const cli = (...args: string[]) =>
    knooppunt(
      { env: { KNOOPPUNT_DATA_DIR: hub.dataDir, KNOOPPUNT_LOG_LEVEL: 'silent' } },
      'log',
      ...args,
      '--url',
      hub.baseUrl,
    );
  const entriesOf = (out: string): LogEntry[] => (JSON.parse(out) as { items: LogEntry[] }).items;

  before(async () => {
    hub = await startTestHub();
    const gemeente = hub.client('gemeente');
    const first = saldoverzoek(hub, 'gemeente', 'energie');
    const second = kennisgeving(hub, 'gemeente', 'gemeentebelastingen');
    const elsewhere = saldoverzoek(hub, 'kredietbank', 'energie');
    expect((await gemeente.submit(first)).status).to.equal(201);
    expect((await gemeente.submit(second)).status).to.equal(201);
    expect((await hub.client('kredietbank').submit(elsewhere)).status).to.equal(201);
    expect((await hub.client('energie').ack(first.envelope.messageId)).status).to.equal(200);
    const broken = saldoverzoek(hub, 'gemeente', 'energie', { payload: {} });
    expect((await gemeente.submit(broken)).status).to.equal(422);
    refused = broken.envelope.messageId;
    toEnergie = first.envelope.messageId;
    toBelastingen = second.envelope.messageId;
    others = elsewhere.envelope.messageId;
  });
  after(async () => hub?.stop());

  it('prints the participant’s own log as a table, newest first, never a message between others', async () => {
    const run = await cli('--as', 'gemeente');
    expect(run.code, run.err).to.equal(0);
    const lines = run.out.split('\n');
    expect(lines[0]).to.match(/received \(UTC\).*counterparty.*type.*message id.*picked up/);
    const body = lines.filter(
      (line) => /sent to|from/.test(line) && !/received \(UTC\)/.test(line),
    );
    expect(body).to.have.length(2);
    expect(body[0]).to.include(toBelastingen).and.to.include(devOin('gemeentebelastingen'));
    expect(body[1])
      .to.include(toEnergie)
      .and.to.match(/picked-up +yes +yes/);
    expect(run.out).not.to.include(others);
    expect(lines.at(-1)).to.equal('2 messages');
  });

  it('filters by counterparty handle and role, picked up, module and type, and prints JSON', async () => {
    const byCounterparty = await cli('--as', 'gemeente', '--counterparty', 'energie', '--json');
    expect(byCounterparty.code, byCounterparty.err).to.equal(0);
    expect(entriesOf(byCounterparty.out).map((entry) => entry.messageId)).to.deep.equal([
      toEnergie,
    ]);
    const byRole = await cli(
      '--as',
      'energie',
      '--counterparty-role',
      'kredietbank,bewindvoerder',
      '--json',
    );
    expect(byRole.code, byRole.err).to.equal(0);
    expect(entriesOf(byRole.out).map((entry) => entry.messageId)).to.deep.equal([others]);
    const noHelper = await cli('--as', 'gemeente', '--counterparty-role', 'bewindvoerder');
    expect(noHelper.out.split('\n').at(-1)).to.equal('0 messages');
    const waiting = await cli('--as', 'gemeente', '--picked-up', 'no', '--sent', '--json');
    expect(entriesOf(waiting.out).map((entry) => entry.messageId)).to.deep.equal([toBelastingen]);
    const byType = await cli('--as', 'gemeente', '--module', 'schuldinventarisatie', '--json');
    expect(entriesOf(byType.out).map((entry) => entry.messageType)).to.deep.equal(['saldoverzoek']);
    const received = await cli('--as', 'energie', '--received', '--json');
    expect(entriesOf(received.out).map((entry) => entry.messageId)).to.deep.equal([
      others,
      toEnergie,
    ]);
  });

  it('pages with --limit and --cursor, and --all follows the pages to the end', async () => {
    const first = await cli('--as', 'gemeente', '--limit', '1');
    expect(first.code, first.err).to.equal(0);
    const cursor = /more: --cursor (\S+)\)/.exec(first.out)?.[1];
    expect(cursor, first.out).to.be.a('string');
    const next = await cli('--as', 'gemeente', '--limit', '1', '--cursor', cursor as string);
    expect(next.out)
      .to.include(toEnergie)
      .and.to.match(/1 message$/);
    const all = await cli('--as', 'gemeente', '--limit', '1', '--all', '--json');
    expect(entriesOf(all.out).map((entry) => entry.messageId)).to.deep.equal([
      toBelastingen,
      toEnergie,
    ]);
  });

  it('lists with --refused the submissions the hub refused it, with the codes of their reasons', async () => {
    const table = await cli('--as', 'gemeente', '--refused');
    expect(table.code, table.err).to.equal(0);
    expect(table.out).to.match(/refused \(UTC\) +to +type +message id +reasons/);
    expect(table.out).to.include(refused).and.to.include('SCHEMA_INVALID');
    expect(table.out.split('\n').at(-1)).to.equal('1 refused');
    const json = await cli('--as', 'gemeente', '--refused', '--counterparty', 'energie', '--json');
    expect(
      JSON.parse(json.out).items.map((item: { messageId: string }) => item.messageId),
    ).to.deep.equal([refused]);
    expect((await cli('--as', 'energie', '--refused')).out).not.to.include(refused);
    const messageOnly = await cli('--as', 'gemeente', '--refused', '--sent');
    expect(messageOnly.code).to.equal(2);
    expect(messageOnly.err).to.match(/--sent filters messages/);
  });

  it('prints the hub’s code and exits 1 for a filter the hub refuses; exit 2 for contradicting options', async () => {
    const refused = await cli('--as', 'gemeente', '--version', 'twee');
    expect(refused.code).to.equal(1);
    expect(refused.err).to.match(/USAGE_INVALID.*version/);
    const noRole = await cli('--as', 'gemeente', '--counterparty-role', 'SE');
    expect(noRole.code).to.equal(1);
    expect(noRole.err).to.match(/USAGE_INVALID.*counterpartyRole must be one of/);
    const both = await cli('--as', 'gemeente', '--sent', '--received');
    expect(both.code).to.equal(2);
    expect(both.err).to.match(/--sent or --received/);
    const notYesNo = await cli('--as', 'gemeente', '--fetched', 'maybe');
    expect(notYesNo.code).to.equal(2);
  });
});
