/**
 * Bulk answers in the Schuldenknooppunt's CSV format (CSV Saldoverzoek Antwoord, columns A–V),
 * over HTTP against a throw-away hub (every answer checked against the OpenAPI document): a debt
 * counsellor sends two saldoverzoeken to a creditor; the creditor's portal user uploads the SKP
 * file its software writes — recognised by the header row — and gets per request a 2.1 answer
 * draft, which signed passes the hub's pipeline. Once the debt counsellor takes only 2.0, the
 * other answer is refused with its reason; a format the route does not know is 400.
 */
import { expect } from 'chai';
import { ManualClock, examplePayload } from '@knooppunt/standard';
import type { Module } from '@knooppunt/standard';
import type { CsvPreview } from '../../../src/portal/csv.ts';
import { SKP_COLUMNS } from '../../../src/portal/csv_skp.ts';
import { writeCsv } from '../../../src/portal/csv_table.ts';
import { devParticipant } from '../../../src/devnet/dev_network.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { portalUser } from '../../support/portal_client.ts';
import type { PortalClient } from '../../support/portal_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';

/** The SKP's answer columns L–V of one claim line. */
const ANSWER = {
  L: '400123987',
  M: 'Team Invordering',
  N: 'invordering@belastingdienst.example.nl',
  Q: 'Ja',
  R: '31-03-2027',
  S: 'openstaande schuld',
  U: '15-11-2023',
  V: '842,50',
};

/** An SKP-format file as the creditor's software writes it. */
function skpFile(rows: readonly Record<string, string>[]): string {
  return writeCsv(
    SKP_COLUMNS.map((column) => column.name),
    rows.map((row) => SKP_COLUMNS.map((column) => row[column.letter] ?? '')),
  );
}

describe('portal: bulk answers in the Schuldenknooppunt’s CSV format', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  let creditor: PortalClient;
  const requests: { messageId: string; conversationId: string }[] = [];

  const preview = async (text: string, query = '') => {
    const response = await creditor.call('POST', `/v1/portal/bulk/preview${query}`, undefined, {
      body: Buffer.from(text, 'utf8'),
      type: 'text/csv; charset=utf-8',
    });
    return { status: response.status, body: (await response.json()) as CsvPreview };
  };
  /** Rows answering request `n` (0-based), one per invoice number, the reference in capitals. */
  const rowsFor = (n: number, ...invoices: string[]) =>
    invoices.map((invoice) => ({
      A: requests[n]?.conversationId as string,
      B: (requests[n]?.messageId as string).toUpperCase(),
      C: 'Gemeente Utrecht, Schuldhulpverlening',
      E: `UTR-2027-000${String(n + 1)}`,
      ...ANSWER,
      T: invoice,
    }));

  before(async () => {
    testHub = await startTestHub({ clock });
    creditor = await portalUser(testHub, 'belastingdienst', 'bd.medewerker', 'medewerker', clock);
    for (let n = 1; n <= 2; n += 1) {
      const payload = examplePayload('saldoverzoek', 'inventarisatie', { keepBsn: true });
      payload['klantnummerSchuldhulpverlener'] = `UTR-2027-000${String(n)}`;
      const message = saldoverzoek(testHub, 'gemeente', 'belastingdienst', {
        payload,
        createdAt: clock.now(),
      });
      expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
      requests.push(message.envelope);
    }
  });
  after(async () => testHub?.stop());

  it('drafts 2.1 answers from an SKP file for a debt helper that takes 2.1, which pass the pipeline', async () => {
    const { status, body } = await preview(
      skpFile([...rowsFor(0, 'F2024-004511', 'F2024-004512'), ...rowsFor(1, 'F2024-009001')]),
    );
    expect(status).to.equal(200);
    expect(body).to.include({ format: 'skp', rows: 3 });
    expect(body.counts).to.deep.equal({ ready: 2, invalid: 0, skipped: 0 });
    const [first, second] = body.answers;
    expect(first?.claimRows).to.deep.equal([2, 3]);
    expect(second?.claimRows).to.deep.equal([4]);
    const draft = first?.draft;
    if (draft === undefined) throw new Error(JSON.stringify(first?.errors));
    expect(draft).to.deep.include({
      messageType: 'saldoverzoek-antwoord',
      version: '2.1',
      inReplyTo: requests[0]?.messageId,
      recipient: devOin('gemeente'),
    });
    expect(JSON.stringify(draft.payload)).not.to.include('111222333');
    const signed = buildMessage({
      signer: testHub.signer('belastingdienst'),
      sender: devOin('belastingdienst'),
      recipient: draft.recipient,
      module: draft.module as Module,
      messageType: draft.messageType,
      version: draft.version,
      conversationId: draft.conversationId,
      inReplyTo: draft.inReplyTo,
      payload: draft.payload,
      createdAt: clock.now(),
    });
    const sent = await testHub.client('belastingdienst').submit(signed);
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    const stored = await testHub.hub.ledger.getMessage(draft.inReplyTo);
    expect(stored?.answeredAt).to.be.a('string');
  });

  it('refuses the answer with its reason once the debt helper takes only 2.0', async () => {
    const gemeente = devParticipant('gemeente');
    if (gemeente === undefined) throw new Error('no gemeente in the development network');
    await testHub.hub.registry.add({
      oin: gemeente.oin,
      name: gemeente.name,
      kind: gemeente.kind,
      acceptedVersions: ['2.0'],
      // Taking 2.0 only, it can take no early signals: it gives up its postal areas.
      postcodegebieden: [],
    });
    const { body } = await preview(skpFile([...rowsFor(0, 'F1'), ...rowsFor(1, 'F2024-009001')]));
    const [answered, onlyTwoZero] = body.answers;
    expect(answered?.errors.map((e) => [e.row, e.code])).to.deep.equal([[2, 'request-closed']]);
    expect(onlyTwoZero?.status).to.equal('invalid');
    expect(onlyTwoZero?.errors).to.have.length(1);
    expect(onlyTwoZero?.errors[0]).to.include({
      row: 3,
      column: 'B Referentienummer',
      code: 'version-not-accepted',
    });
    expect(onlyTwoZero?.errors[0]?.message).to.match(/alleen versie 2\.0/);
  });

  it('takes ?format=skp or portal, and refuses another format', async () => {
    const portalFile = 'verzoekId;factuurnummer\r\nx;F1\r\n';
    const asSkp = await preview(portalFile, '?format=skp');
    expect(asSkp.status).to.equal(200);
    expect(asSkp.body.errors.map((e) => e.code)).to.deep.equal(['column-missing']);
    const asPortal = await preview(skpFile(rowsFor(1, 'F1')), '?format=portal');
    expect(asPortal.body.format).to.equal('portal');
    const bogus = await creditor.call('POST', '/v1/portal/bulk/preview?format=xlsx', undefined, {
      body: Buffer.from(portalFile),
      type: 'text/csv',
    });
    expect(bogus.status).to.equal(400);
    expect(((await bogus.json()) as { code: string }).code).to.equal('USAGE_INVALID');
  });
});
