/**
 * The Schuldenknooppunt's CSV answer format in the portal's bulk upload: a file whose header is
 * the SKP's (columns A–V) is recognised and its rows become `saldoverzoek-antwoord` 2.1 drafts
 * through the standard's mapping — to a debt helper that takes 2.1; to one that takes only 2.0
 * the answer is refused with its reason. Unreadable cells, conflicting case values, a claim next
 * to "Klant onbekend", a row of another dossier and filled columns after V are errors at their
 * row and column, as in the portal's own CSV.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createSchemaRegistry } from '@knooppunt/standard';
import type { Payload } from '@knooppunt/standard';
import type { SkpCsvRow } from '@knooppunt/standard/skp';
import { payloadValidator, previewAnswersCsv, requestIdsInCsv } from '../../../src/portal/csv.ts';
import type { BulkRequest, CsvPreview, RequestStanding } from '../../../src/portal/csv.ts';
import { SKP_COLUMNS, isSkpHeader } from '../../../src/portal/csv_skp.ts';
import { writeCsv } from '../../../src/portal/csv_table.ts';

const COUNSELLOR = '00000001002220647000';
const validate = payloadValidator(createSchemaRegistry());
const fixture = JSON.parse(
  readFileSync(
    new URL('../../fixtures/skp/csv-saldoverzoek-antwoord.json', import.meta.url),
    'utf8',
  ),
) as { request: Payload; rows: SkpCsvRow[] };
const [FIRST, SECOND] = fixture.rows as [SkpCsvRow, SkpCsvRow];
const REQUEST_ID = (FIRST['B'] as string).toLowerCase();

const request: BulkRequest = {
  messageId: REQUEST_ID,
  conversationId: (FIRST['A'] as string).toLowerCase(),
  sender: COUNSELLOR,
  module: 'schuldinventarisatie',
  messageType: 'saldoverzoek',
  // As the ledger holds a request: with the debtor's BSN, which the answer leaves out.
  payload: {
    ...fixture.request,
    schuldenaar: { ...(fixture.request['schuldenaar'] as Payload), bsn: '111222333' },
  },
};
const OPEN: ReadonlyMap<string, RequestStanding> = new Map([[REQUEST_ID, { open: true, request }]]);
const HEADER = SKP_COLUMNS.map((column) => column.name);

/** An SKP-format file of these rows (cells by letter), with extra header names after V. */
function skpFile(rows: readonly SkpCsvRow[], extra: readonly string[] = []): string {
  return writeCsv(
    [...HEADER, ...extra],
    rows.map((row) => [
      ...SKP_COLUMNS.map((column) => row[column.letter] ?? ''),
      ...extra.map((name) => row[name] ?? ''),
    ]),
  );
}

const takes = (...versions: string[]) => ({ versionsOf: () => versions });
const preview = (text: string, versions = ['2.0', '2.1']): CsvPreview =>
  previewAnswersCsv(text, OPEN, validate, takes(...versions));

describe('portal bulk CSV: the Schuldenknooppunt’s format (CSV Saldoverzoek Antwoord, A–V)', () => {
  it('recognises the SKP header row, and only that', () => {
    expect(isSkpHeader(HEADER)).to.equal(true);
    expect(isSkpHeader(['conversatie referentienummer', 'REFERENTIENUMMER'])).to.equal(true);
    expect(isSkpHeader(['verzoekId', 'dossierId'])).to.equal(false);
    expect(requestIdsInCsv(skpFile([FIRST, SECOND]))).to.deep.equal([REQUEST_ID]);
  });

  it('drafts a 2.1 answer from the rows of one request, a claim line per row, for a debt helper that takes 2.1', () => {
    const result = preview(skpFile([FIRST, SECOND]));
    expect(result).to.include({ format: 'skp', delimiter: ';', rows: 2 });
    expect(result.errors).to.deep.equal([]);
    expect(result.counts).to.deep.equal({ ready: 1, invalid: 0, skipped: 0 });
    const [answer] = result.answers;
    expect(answer?.status, JSON.stringify(answer?.errors)).to.equal('ready');
    expect(answer?.claimRows).to.deep.equal([2, 3]);
    expect(answer?.draft).to.deep.include({
      messageType: 'saldoverzoek-antwoord',
      version: '2.1',
      inReplyTo: REQUEST_ID,
      conversationId: request.conversationId,
      recipient: COUNSELLOR,
      module: 'schuldinventarisatie',
    });
    const payload = answer?.draft?.payload as Payload;
    expect(payload['vorderingen']).to.deep.equal([
      {
        factuurnummer: '400765112-2024-07',
        factuurnummerVolgensSchuldhulpverlener: 'F2024-031177',
        soortSchuld: 'open',
        standaardAkkoord: true,
        datum: '2026-11-30',
        ontstaansdatum: '2024-07-15',
        oorspronkelijkBedrag: 84250,
      },
      {
        factuurnummer: '400765112-2024-11',
        factuurnummerVolgensSchuldhulpverlener: 'F2024-052904',
        soortSchuld: 'overgedragen-aan-incasso',
        datum: '2026-11-30',
        ontstaansdatum: '2024-11-12',
        oorspronkelijkBedrag: 128400,
      },
    ]);
    expect(JSON.stringify(payload)).not.to.match(/bsn/i);
  });

  it('refuses the answer, with its reason, when the debt helper takes only 2.0', () => {
    const [answer] = preview(skpFile([FIRST, SECOND]), ['2.0']).answers;
    expect(answer?.status).to.equal('invalid');
    expect(answer?.draft).to.equal(undefined);
    expect(answer?.errors).to.have.length(1);
    expect(answer?.errors[0]).to.include({
      row: 2,
      column: 'B Referentienummer',
      code: 'version-not-accepted',
    });
    expect(answer?.errors[0]?.message).to.match(/alleen versie 2\.0.*portal-CSV of het formulier/);
  });

  it('places unreadable cells, conflicting case values and another dossier at their row and column', () => {
    const result = preview(
      skpFile([
        { ...FIRST, R: '31-02-2026', V: 'veel' },
        { ...SECOND, S: 'kwijtgescholden schuld', M: 'Iemand anders', A: REQUEST_ID },
      ]),
    );
    const [answer] = result.answers;
    expect(answer?.status).to.equal('invalid');
    expect(
      answer?.errors.map(({ row, column, code }) => `${String(row)} ${String(column)} ${code}`),
    ).to.have.members([
      '2 R Datum value-invalid',
      '2 V openstaand.Orginele vordering value-invalid',
      '3 A ConversatieReferentienummer value-invalid',
      '3 S Schuldtype value-invalid',
      '3 M Contactpersoon SE.Naam value-conflict',
    ]);
    const byColumn = new Map(answer?.errors.map((e) => [e.column, e.message]));
    expect(byColumn.get('S Schuldtype')).to.match(/kies uit: openstaande schuld/);
    expect(byColumn.get('R Datum')).to.match(/dd-mm-jjjj/);
    expect(byColumn.get('M Contactpersoon SE.Naam')).to.match(/verschilt van rij 2/);
    expect(byColumn.get('V openstaand.Orginele vordering')).to.match(/geen bedrag/);
  });

  it('places what the 2.1 schema refuses at the claim’s row or the case value’s row and column', () => {
    const [answer] = preview(
      skpFile([
        { ...FIRST, N: '' },
        { ...SECOND, N: 'geen e-mailadres', T: 'x'.repeat(200) },
      ]),
    ).answers;
    expect(answer?.status).to.equal('invalid');
    expect(
      answer?.errors.map(({ row, column, code }) => `${String(row)} ${String(column)} ${code}`),
    ).to.include.members(['3 N Contactpersoon SE.Email schema', '3 T FactuurnummerSE schema']);
    const tooLong = answer?.errors.find((e) => e.column === 'T FactuurnummerSE');
    expect(tooLong?.message).to.match(/te lang|ongeldige waarde/);
  });

  it('refuses a claim next to Klant onbekend, and answers an unknown client without claims', () => {
    const contradictory = preview(skpFile([{ ...FIRST, P: 'Ja' }, SECOND])).answers[0];
    expect(contradictory?.errors.map((e) => [e.row, e.code])).to.deep.equal([
      [2, 'answer-contradictory'],
      [3, 'answer-contradictory'],
    ]);
    const onlyUnknown: SkpCsvRow = {
      A: FIRST['A'],
      B: FIRST['B'],
      L: FIRST['L'],
      M: FIRST['M'],
      N: FIRST['N'],
      P: 'Ja',
    };
    const [answer] = preview(skpFile([onlyUnknown])).answers;
    expect(answer?.status, JSON.stringify(answer?.errors)).to.equal('ready');
    expect(answer?.draft?.payload).to.include({ clientOnbekend: true });
    expect(answer?.draft?.payload).not.to.have.property('vorderingen');
    expect(answer?.claimRows).to.deep.equal([]);
  });

  it('skips rows that only repeat the question, and answers unknown requests as one', () => {
    const question = Object.fromEntries(
      Object.entries(FIRST).filter(([letter]) => letter <= 'L'),
    ) as SkpCsvRow;
    expect(preview(skpFile([question])).counts).to.deep.equal({
      ready: 0,
      invalid: 0,
      skipped: 1,
    });
    const other = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    const [unknown] = preview(skpFile([{ ...FIRST, B: other }])).answers;
    expect(unknown?.errors[0]).to.include({
      row: 2,
      column: 'B Referentienummer',
      code: 'request-unknown',
    });
    const missing = preview(skpFile([{ ...FIRST, B: '' }]));
    expect(missing.errors[0]).to.include({ row: 2, code: 'request-missing' });
  });

  it('warns of columns after V and refuses a row that fills one, so no amount is lost unseen', () => {
    const extra = ['openstaand.Hoofdsom'];
    const result = preview(skpFile([{ ...FIRST, 'openstaand.Hoofdsom': '800,00' }, SECOND], extra));
    expect(result.warnings).to.have.length(1);
    expect(result.warnings[0]).to.include({
      row: 1,
      column: 'openstaand.Hoofdsom',
      code: 'column-unknown',
    });
    expect(result.answers[0]?.errors).to.deep.equal([
      {
        row: 2,
        column: 'openstaand.Hoofdsom',
        code: 'value-invalid',
        message:
          'de hub leest de kolommen na V niet: maak de cel leeg, of beantwoord dit verzoek met de portal-CSV',
      },
    ]);
    expect(preview(skpFile([FIRST, SECOND], extra)).counts.ready).to.equal(1);
  });

  it('takes an explicit format: skp refuses a file without the SKP header, portal reads its own columns', () => {
    const portalFile = 'verzoekId;factuurnummer\r\n' + `${REQUEST_ID};F1\r\n`;
    const asSkp = previewAnswersCsv(portalFile, OPEN, validate, { format: 'skp' });
    expect(asSkp.format).to.equal('skp');
    expect(asSkp.errors[0]).to.include({ row: 1, code: 'column-missing' });
    const asPortal = previewAnswersCsv(skpFile([FIRST]), OPEN, validate, { format: 'portal' });
    expect(asPortal.format).to.equal('portal');
    expect(asPortal.errors.map((e) => e.column)).to.include('verzoekId');
    expect(previewAnswersCsv(portalFile, OPEN, validate).format).to.equal('portal');
  });
});
