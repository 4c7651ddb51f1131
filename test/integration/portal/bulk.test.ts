/**
 * Bulk answers in the portal, over HTTP against a throw-away hub (every answer checked against
 * the OpenAPI document): a debt counsellor sends ten saldoverzoeken to a creditor; the
 * creditor's portal user downloads them as CSV (the documented columns, a row per known claim,
 * no BSN), fills in claim lines with one bad value, and the preview refuses that row at its
 * field while the other nine answers are drafts; corrected, all ten are drafts, and signed they
 * pass the hub's pipeline. A user of another participant can neither download those requests nor
 * preview answers to them: their ids answer exactly as ids that do not exist.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ManualClock, examplePayload } from '@knooppunt/standard';
import type { Module } from '@knooppunt/standard';
import { CSV_COLUMNS } from '../../../src/portal/csv.ts';
import type { CsvPreview } from '../../../src/portal/csv.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { portalUser } from '../../support/portal_client.ts';
import type { PortalClient } from '../../support/portal_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';

const BSNS = ['111222333', '123456782'];
const CLAIM = {
  soortSchuld: 'open',
  ontstaansdatum: '15-11-2023',
  oorspronkelijkBedrag: '842,50',
  hoofdsom: '842,50',
  rente: '18,37',
  kosten: '40,00',
  preferent: 'ja',
};
const CASE = {
  contactpersoonNaam: 'Team Invordering',
  contactpersoonEmail: 'invordering@belastingdienst.example.nl',
};

/** A portal request with any body, checked against the OpenAPI document. */
async function send(
  client: PortalClient,
  method: 'GET' | 'POST',
  path: string,
  body?: { text: string; type: string },
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${client.testHub.baseUrl}${path}`, {
    method,
    headers: {
      ...(client.cookie === '' ? {} : { cookie: client.cookie }),
      ...(method === 'GET' ? {} : { 'x-csrf-token': client.csrf }),
      ...(body === undefined ? {} : { 'content-type': body.type }),
    },
    ...(body === undefined ? {} : { body: body.text }),
  });
  // As bytes: fetch's text() would drop the BOM this test looks for.
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  client.testHub.openapi.check({
    method,
    path,
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    text,
  });
  return { status: response.status, headers: response.headers, text };
}

const preview = async (client: PortalClient, text: string) => {
  const answer = await send(client, 'POST', '/v1/portal/bulk/preview', {
    text,
    type: 'text/csv; charset=utf-8',
  });
  expect(answer.status, answer.text).to.equal(200);
  return JSON.parse(answer.text) as CsvPreview;
};

/** The rows of a downloaded file by column name. */
function rowsOf(text: string): Record<string, string>[] {
  return parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
}

/** A file as Dutch Excel saves it: BOM, `;`, CRLF. */
function fileOf(rows: readonly Record<string, string>[]): string {
  return stringify([...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    header: true,
    columns: CSV_COLUMNS.map((c) => c.name),
  });
}

describe('portal: bulk answers to balance requests as CSV', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  let creditor: PortalClient;
  let other: PortalClient;
  const requestIds: string[] = [];

  before(async () => {
    testHub = await startTestHub({ clock });
    creditor = await portalUser(testHub, 'belastingdienst', 'bd.medewerker', 'medewerker', clock);
    other = await portalUser(testHub, 'energie', 'energie.medewerker', 'medewerker', clock);
    // Ten cases for a public creditor, which may receive the BSN; one for another creditor.
    for (let n = 1; n <= 10; n += 1) {
      const payload = examplePayload('saldoverzoek', 'inventarisatie', { keepBsn: true });
      payload['klantnummerSchuldhulpverlener'] = `UTR-2027-${String(n).padStart(4, '0')}`;
      const message = saldoverzoek(testHub, 'gemeente', 'belastingdienst', {
        payload,
        createdAt: clock.now(),
      });
      expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
      requestIds.push(message.envelope.messageId);
    }
    const others = saldoverzoek(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    expect((await testHub.client('gemeente').submit(others)).status).to.equal(201);
  });
  after(async () => testHub?.stop());

  it('uploads a CSV of answers to ten balance requests, sees one row refused at its field, corrects it and sends', async () => {
    const download = await send(creditor, 'GET', '/v1/portal/bulk/saldoverzoeken.csv');
    expect(download.status).to.equal(200);
    expect(download.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(download.headers.get('content-disposition')).to.equal(
      'attachment; filename="saldoverzoeken-2027-04-05.csv"',
    );
    expect(download.text.startsWith('\uFEFF')).to.equal(true);
    expect(download.text.split('\r\n')[0]).to.equal(
      `\uFEFF${CSV_COLUMNS.map((c) => c.name).join(';')}`,
    );
    for (const bsn of BSNS) expect(download.text).not.to.include(bsn);
    const rows = rowsOf(download.text);
    // Two known claims per request: two rows each, prefilled with the case.
    expect(rows).to.have.length(20);
    expect([...new Set(rows.map((r) => r['verzoekId']))].sort()).to.deep.equal(
      [...requestIds].sort(),
    );
    expect(rows[0]).to.deep.include({
      schuldhulpverlener: 'Gemeente Utrecht, Schuldhulpverlening',
      naam: 'M.J. de Vries',
      geboortedatum: '1984-06-12',
      klantnummerSchuldeiser: '400123987',
      peildatum: '2024-05-06',
      factuurnummer: 'F2023-118734',
      hoofdsom: '',
    });
    // The file showed them: picked up via the portal, as opening one would.
    const stored = await testHub.hub.ledger.getMessage(requestIds[0] as string);
    expect(stored?.status).to.equal('picked-up');

    // The creditor fills in every claim line; one invoice number has a character the standard
    // does not allow. Row 1 is the header, so data row i is spreadsheet row i + 2.
    const filled = rows.map((row) => ({ ...row, ...CLAIM, ...CASE }));
    const bad = 7;
    const badRow = filled[bad] as Record<string, string>;
    badRow['factuurnummer'] = 'F2024#004512';
    const first = await preview(creditor, fileOf(filled));
    expect(first.counts).to.deep.equal({ ready: 9, invalid: 1, skipped: 0 });
    const refused = first.answers.find((a) => a.status === 'invalid');
    expect(refused?.requestId).to.equal(badRow['verzoekId']);
    expect(refused?.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [bad + 2, 'factuurnummer', 'schema'],
    ]);
    expect(refused?.draft).to.equal(undefined);
    for (const answer of first.answers.filter((a) => a.status === 'ready')) {
      expect(answer.draft).to.deep.include({
        messageType: 'saldoverzoek-antwoord',
        inReplyTo: answer.requestId,
        recipient: devOin('gemeente'),
        module: 'schuldinventarisatie',
      });
      expect(JSON.stringify(answer.draft?.payload)).not.to.include(BSNS[0]);
      expect(answer.claimRows).to.have.length(2);
    }

    // Corrected: ten drafts, which the browser signs and sends; each gets its receipt.
    badRow['factuurnummer'] = 'F2024-004512';
    const second = await preview(creditor, fileOf(filled));
    expect(second.counts).to.deep.equal({ ready: 10, invalid: 0, skipped: 0 });
    for (const answer of second.answers) {
      const draft = answer.draft;
      if (draft === undefined) throw new Error(`no draft for ${answer.requestId}`);
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
    }
    const afterwards = await send(creditor, 'GET', '/v1/portal/bulk/saldoverzoeken.csv');
    expect(rowsOf(afterwards.text)).to.deep.equal([]);
    const again = await preview(creditor, fileOf(filled));
    expect(again.answers.map((a) => a.errors[0]?.code)).to.deep.equal(
      Array(10).fill('request-closed'),
    );
  });

  it("neither downloads nor previews another participant's requests: their ids answer as unknown ones", async () => {
    const download = await send(other, 'GET', '/v1/portal/bulk/saldoverzoeken.csv');
    expect(download.status).to.equal(200);
    const ids = rowsOf(download.text).map((r) => r['verzoekId']);
    expect(ids).to.have.length.greaterThan(0);
    for (const id of requestIds) expect(ids).not.to.include(id);

    const unknown = randomUUID();
    const rows = [requestIds[0] as string, unknown].map((verzoekId) => ({
      verzoekId,
      klantnummerSchuldeiser: '400123987',
      factuurnummer: 'F1',
      ...CLAIM,
      ...CASE,
    }));
    const result = await preview(other, fileOf(rows));
    expect(result.counts).to.deep.equal({ ready: 0, invalid: 2, skipped: 0 });
    const [theirs, none] = result.answers;
    expect(theirs?.errors).to.deep.equal([{ ...none?.errors[0], row: 2 }]);
    expect(none?.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
      [3, 'verzoekId', 'request-unknown'],
    ]);
  });

  it('asks for a session, the CSRF token and a CSV body', async () => {
    const anonymous = await send(
      { ...creditor, cookie: '', testHub } as PortalClient,
      'GET',
      '/v1/portal/bulk/saldoverzoeken.csv',
    );
    expect(anonymous.status).to.equal(401);
    const csrf = creditor.csrf;
    creditor.csrf = 'wrong';
    const forged = await send(creditor, 'POST', '/v1/portal/bulk/preview', {
      text: 'verzoekId\r\n',
      type: 'text/csv',
    });
    creditor.csrf = csrf;
    expect(forged.status).to.equal(403);
    const json = await send(creditor, 'POST', '/v1/portal/bulk/preview', {
      text: '{}',
      type: 'application/json',
    });
    expect(json.status).to.equal(415);
    expect((JSON.parse(json.text) as { code: string }).code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const empty = await preview(creditor, '');
    expect(empty.errors.map((e) => e.code)).to.deep.equal(['file-empty']);
  });
});
