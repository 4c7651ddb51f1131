/**
 * Bulk answers as CSV: the download lists the open saldoverzoeken for a spreadsheet (BOM, `;`,
 * CRLF, documented columns, no BSN); the preview reads what spreadsheets write (with or without
 * BOM, `;` or `,`, quoted cells, Dutch amounts and dates) and answers per request the draft that
 * passes the hub's own schema, or the problems at the row and column a spreadsheet shows.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createSchemaRegistry, examplePayload } from '@knooppunt/standard';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import {
  CSV_COLUMNS,
  openRequestsCsv,
  payloadValidator,
  previewAnswersCsv,
  requestIdsInCsv,
  standingOf,
} from '../../../src/portal/csv.ts';
import type { BulkRequest, CsvPreview, RequestStanding } from '../../../src/portal/csv.ts';
import { parseAmount, parseDate } from '../../../src/portal/csv_values.ts';

const CREDITOR = '00000001003214345000';
const COUNSELLOR = '00000001002220647000';
const validate = payloadValidator(createSchemaRegistry());

/** A saldoverzoek as the ledger holds it, with the BSN the request may carry. */
function request(n: number, changes: Partial<MessageRecord> = {}): MessageRecord {
  return {
    messageId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    conversationId: `11111111-0000-4000-8000-${String(n).padStart(12, '0')}`,
    sender: COUNSELLOR,
    recipient: CREDITOR,
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    payload: examplePayload('saldoverzoek', 'inventarisatie', { keepBsn: true }),
    status: 'picked-up',
    answerDueAt: '2027-04-19T21:59:59.999Z',
    openAnswerDueAt: '2027-04-19T21:59:59.999Z',
    ...changes,
  } as MessageRecord;
}

const R1 = request(1);
const R2 = request(2);
const open = (...records: MessageRecord[]): Map<string, RequestStanding> =>
  new Map(records.map((r) => [r.messageId, { open: true, request: r as BulkRequest }]));

/** The claim data of a good line. */
const GOOD = {
  soortSchuld: 'open',
  ontstaansdatum: '15-11-2023',
  oorspronkelijkBedrag: '842,50',
  hoofdsom: '842,50',
  rente: '18,37',
  kosten: '40,00',
  preferent: 'nee',
};
const CONTACT = {
  klantnummerSchuldeiser: '400123987',
  contactpersoonNaam: 'Team Beheer',
  contactpersoonTelefoon: '088-1234567',
};

/** A file as a spreadsheet writes it: the cells quoted where needed. */
function csvOf(
  rows: readonly Record<string, string>[],
  options: { delimiter?: ';' | ','; bom?: boolean; columns?: readonly string[] } = {},
): string {
  const delimiter = options.delimiter ?? ';';
  const columns = options.columns ?? CSV_COLUMNS.map((c) => c.name);
  const quote = (cell: string) =>
    /[";,\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  const lines = [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))];
  return (
    (options.bom === false ? '' : '\uFEFF') +
    lines.map((line) => line.map(quote).join(delimiter)).join('\r\n') +
    '\r\n'
  );
}

const errorsOf = (preview: CsvPreview) =>
  preview.answers.flatMap((a) => a.errors.map((e) => [e.row, e.column, e.code]));

describe('portal: bulk answers as CSV', () => {
  describe('the download', () => {
    const text = openRequestsCsv([R1, request(3, { payload: null })], () => 'Gemeente Utrecht');

    it('is UTF-8 with a BOM, semicolons and CRLF, with the documented header', () => {
      expect(text.startsWith('\uFEFF')).to.equal(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).to.equal(CSV_COLUMNS.map((c) => c.name).join(';'));
      expect(lines.at(-1)).to.equal('');
    });

    it('has a row per claim the request names, the case prefilled, and neither BSN nor address', () => {
      const rows = text.slice(1).split('\r\n').slice(1, -1);
      expect(rows).to.have.length(2); // two known claims; the dropped payload is left out
      const cells = (rows[0] as string).split(';');
      const at = (name: string) => cells[CSV_COLUMNS.findIndex((c) => c.name === name)];
      expect(at('verzoekId')).to.equal(R1.messageId);
      expect(at('dossierId')).to.equal(R1.conversationId);
      expect(at('schuldhulpverlener')).to.equal('Gemeente Utrecht');
      expect(at('klantnummerSchuldhulpverlener')).to.equal('UTR-2024-00871');
      expect(at('naam')).to.equal('M.J. de Vries');
      expect(at('geboortedatum')).to.equal('1984-06-12');
      expect(at('antwoordUiterlijk')).to.equal('2027-04-19');
      expect(at('klantnummerSchuldeiser')).to.equal('400123987');
      expect(at('peildatum')).to.equal('2024-05-06');
      expect(at('factuurnummer')).to.equal('F2023-118734');
      expect(at('hoofdsom')).to.equal('');
      for (const secret of ['111222333', '123456782', 'Kanaalstraat', '3531', 'Pieter']) {
        expect(text).not.to.include(secret);
      }
    });

    it('defuses a cell a spreadsheet would run as a formula', () => {
      const payload = examplePayload('saldoverzoek', 'inventarisatie');
      const { persoon } = payload['schuldenaar'] as { persoon: Record<string, unknown> };
      persoon['voorletters'] = '';
      delete persoon['tussenvoegsel'];
      persoon['achternaam'] = '=HYPERLINK("x")';
      expect(openRequestsCsv([request(4, { payload })])).to.include(`"'=HYPERLINK(""x"")"`);
    });

    it('is read back as nothing to send while nobody filled it in', () => {
      const preview = previewAnswersCsv(text, open(R1), validate);
      expect(preview.answers.map((a) => [a.status, a.rows])).to.deep.equal([['skipped', [2, 3]]]);
      expect(preview.errors).to.deep.equal([]);
    });
  });

  describe('the preview', () => {
    it('drafts the answers of a semicolon file with BOM: one per request, one claim line per row', () => {
      const text = csvOf([
        {
          verzoekId: R1.messageId,
          peildatum: '30-11-2026',
          ...CONTACT,
          factuurnummer: 'F1',
          ...GOOD,
        },
        {
          verzoekId: R1.messageId,
          factuurnummer: 'F2',
          ...GOOD,
          soortSchuld: 'overgedragen-aan-incasso',
          naamIncassobureau: 'Incasso Noord B.V.',
          hoofdsom: '1.000',
          totaal: '1.058,37',
        },
        {
          verzoekId: R2.messageId,
          peildatum: '2026-11-30',
          ...CONTACT,
          klantnummerSchuldeiser: 'K-77',
          factuurnummer: 'F3',
          ...GOOD,
          preferent: 'ja',
        },
      ]);
      const preview = previewAnswersCsv(text, open(R1, R2), validate);
      expect(preview.delimiter).to.equal(';');
      expect(preview.counts).to.deep.equal({ ready: 2, invalid: 0, skipped: 0 });
      const [first, second] = preview.answers;
      expect(first?.rows).to.deep.equal([2, 3]);
      expect(first?.claimRows).to.deep.equal([2, 3]);
      expect(first?.draft).to.deep.include({
        messageType: 'saldoverzoek-antwoord',
        version: '2.0',
        inReplyTo: R1.messageId,
        conversationId: R1.conversationId,
        recipient: COUNSELLOR,
        module: 'schuldinventarisatie',
      });
      const payload = first?.draft?.payload as Record<string, unknown>;
      expect(payload['peildatum']).to.equal('2026-11-30');
      expect(payload['klantnummerSchuldeiser']).to.equal('400123987');
      expect(payload['schuldenaar']).to.not.have.property('bsn');
      expect(payload).to.not.have.property('partner');
      expect(payload['contactpersoon']).to.deep.equal({
        naam: 'Team Beheer',
        telefoonnummer: '088-1234567',
      });
      expect(payload['vorderingen']).to.deep.equal([
        {
          factuurnummer: 'F1',
          soortSchuld: 'open',
          ontstaansdatum: '2023-11-15',
          oorspronkelijkBedrag: 84250,
          actueelBedrag: { hoofdsom: 84250, rente: 1837, kosten: 4000, totaal: 90087 },
          preferent: false,
        },
        {
          factuurnummer: 'F2',
          soortSchuld: 'overgedragen-aan-incasso',
          naamIncassobureau: 'Incasso Noord B.V.',
          ontstaansdatum: '2023-11-15',
          oorspronkelijkBedrag: 84250,
          actueelBedrag: { hoofdsom: 100000, rente: 1837, kosten: 4000, totaal: 105837 },
          preferent: false,
        },
      ]);
      expect(
        (second?.draft?.payload as Record<string, unknown>)['klantnummerSchuldeiser'],
      ).to.equal('K-77');
    });

    it('reads a comma file without BOM, with quoted amounts and a quoted semicolon', () => {
      const text = csvOf(
        [
          {
            verzoekId: R1.messageId,
            ...CONTACT,
            factuurnummer: 'F1',
            ...GOOD,
            omschrijving: 'Gas; stroom, "vast"',
            hoofdsom: '€ 1.234,56',
            oorspronkelijkBedrag: '1234.56',
          },
        ],
        { delimiter: ',', bom: false },
      );
      expect(text).to.include('"€ 1.234,56"');
      const preview = previewAnswersCsv(text, open(R1), validate);
      expect(preview.delimiter).to.equal(',');
      const [answer] = preview.answers;
      expect(answer?.status, JSON.stringify(answer?.errors)).to.equal('ready');
      const [claim] = (answer?.draft?.payload as { vorderingen: Record<string, unknown>[] })
        .vorderingen;
      expect(claim).to.deep.include({
        omschrijving: 'Gas; stroom, "vast"',
        oorspronkelijkBedrag: 123456,
      });
      expect(claim?.['actueelBedrag']).to.deep.equal({
        hoofdsom: 123456,
        rente: 1837,
        kosten: 4000,
        totaal: 129293,
      });
    });

    it('refuses a row at its field: the schema violation placed at its row and column, the other answer valid', () => {
      const text = csvOf([
        { verzoekId: R1.messageId, ...CONTACT, factuurnummer: 'F1', ...GOOD },
        { verzoekId: R1.messageId, factuurnummer: 'F#2', ...GOOD },
        {
          verzoekId: R2.messageId,
          ...CONTACT,
          iban: 'NL91 ABNA 0417 1643 01',
          factuurnummer: 'F3',
          ...GOOD,
          rente: '12,345',
        },
        { verzoekId: request(5).messageId, ...CONTACT, factuurnummer: 'F4', ...GOOD },
      ]);
      const preview = previewAnswersCsv(text, open(R1, R2, request(5)), validate);
      expect(preview.counts).to.deep.equal({ ready: 1, invalid: 2, skipped: 0 });
      expect(errorsOf(preview)).to.deep.equal([
        [3, 'factuurnummer', 'schema'],
        [4, 'iban', 'schema'],
        [4, 'rente', 'value-invalid'],
      ]);
      const [, second] = preview.answers;
      expect(second?.errors.find((e) => e.column === 'iban')?.message).to.match(/IBAN/);
      expect(preview.answers[2]?.draft?.inReplyTo).to.equal(request(5).messageId);
    });

    it('reports two rows of one answer with different case values at the later row', () => {
      const text = csvOf([
        {
          verzoekId: R1.messageId,
          peildatum: '30-11-2026',
          ...CONTACT,
          factuurnummer: 'F1',
          ...GOOD,
        },
        { verzoekId: R1.messageId, peildatum: '2026-11-30', factuurnummer: 'F2', ...GOOD },
        {
          verzoekId: R1.messageId,
          peildatum: '01-12-2026',
          contactpersoonNaam: 'Iemand anders',
          factuurnummer: 'F3',
          ...GOOD,
        },
      ]);
      const [answer] = previewAnswersCsv(text, open(R1), validate).answers;
      expect(answer?.status).to.equal('invalid');
      expect(answer?.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [4, 'peildatum', 'value-conflict'],
        [4, 'contactpersoonNaam', 'value-conflict'],
      ]);
      expect(answer?.errors[0]?.message).to.match(/rij 2/);
    });

    it('refuses an unknown request id, and one not open, at the verzoekId column', () => {
      const answered = request(6, {
        openAnswerDueAt: null,
        answeredAt: '2027-04-10T10:00:00.000Z',
      });
      const text = csvOf([
        { verzoekId: 'no-such-request', ...CONTACT, factuurnummer: 'F1', ...GOOD },
        { verzoekId: answered.messageId, ...CONTACT, factuurnummer: 'F2', ...GOOD },
      ]);
      expect(requestIdsInCsv(text)).to.deep.equal(['no-such-request', answered.messageId]);
      const standing = standingOf(answered, CREDITOR);
      const preview = previewAnswersCsv(
        text,
        new Map(standing === undefined ? [] : [[answered.messageId, standing]]),
        validate,
      );
      expect(errorsOf(preview)).to.deep.equal([
        [2, 'verzoekId', 'request-unknown'],
        [3, 'verzoekId', 'request-closed'],
      ]);
      expect(preview.answers.every((a) => a.draft === undefined)).to.equal(true);
    });

    it('knows a request only when it is addressed to the participant', () => {
      expect(standingOf(R1, CREDITOR)).to.deep.equal({ open: true, request: R1 });
      expect(standingOf(R1, COUNSELLOR)).to.equal(undefined);
      expect(standingOf(request(7, { recipient: '00000003273111110000' }), CREDITOR)).to.equal(
        undefined,
      );
      expect(standingOf(undefined, CREDITOR)).to.equal(undefined);
      expect(standingOf(request(8, { payload: null }), CREDITOR)).to.deep.equal({
        open: false,
        reason: 'payload-dropped',
      });
    });

    it('answers client unknown and no claim without claim lines, and refuses claims beside them', () => {
      const text = csvOf([
        {
          verzoekId: R1.messageId,
          ...CONTACT,
          clientOnbekend: 'ja',
          factuurnummer: 'F2023-118734',
        },
        { verzoekId: R2.messageId, ...CONTACT, geenVordering: 'Ja' },
        {
          verzoekId: request(9).messageId,
          ...CONTACT,
          geenVordering: 'ja',
          factuurnummer: 'F1',
          ...GOOD,
        },
      ]);
      const preview = previewAnswersCsv(text, open(R1, R2, request(9)), validate);
      const [unknown, none, both] = preview.answers;
      expect(unknown?.status, JSON.stringify(unknown?.errors)).to.equal('ready');
      expect(unknown?.draft?.payload)
        .to.include({ clientOnbekend: true })
        .and.not.have.property('vorderingen');
      expect(none?.draft?.payload).to.deep.include({ clientOnbekend: false, vorderingen: [] });
      expect(both?.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [4, 'geenVordering', 'answer-contradictory'],
      ]);
    });

    it('checks the total, and computes it when empty', () => {
      const text = csvOf([
        { verzoekId: R1.messageId, ...CONTACT, factuurnummer: 'F1', ...GOOD, totaal: '900,00' },
      ]);
      const [answer] = previewAnswersCsv(text, open(R1), validate).answers;
      expect(answer?.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [2, 'totaal', 'total-mismatch'],
      ]);
      expect(answer?.errors[0]?.message).to.include('900,87');
    });

    it('says which column a required value lacks, and when the file lacks the column', () => {
      const columns = CSV_COLUMNS.map((c) => c.name).filter((c) => c !== 'preferent');
      const text = csvOf([{ verzoekId: R1.messageId, factuurnummer: 'F1', ...GOOD }], {
        columns: [...columns, 'eigen notitie'],
      });
      const preview = previewAnswersCsv(text, open(R1), validate);
      expect(preview.warnings.map((w) => [w.row, w.column, w.code])).to.deep.equal([
        [1, 'eigen notitie', 'column-unknown'],
      ]);
      const errors = preview.answers[0]?.errors ?? [];
      expect(errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [2, 'klantnummerSchuldeiser', 'schema'],
        [2, 'contactpersoonNaam', 'schema'],
        [2, 'preferent', 'schema'],
      ]);
      expect(errors[2]?.message).to.include('kolom preferent ontbreekt');
    });

    it('refuses a file without the key column, one that is not UTF-8, and a row without request id', () => {
      const noKey = previewAnswersCsv('naam;hoofdsom\r\nx;1\r\n', open(R1), validate);
      expect(noKey.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [1, 'verzoekId', 'column-missing'],
      ]);
      const latin1 = previewAnswersCsv('verzoekId;naam\r\nx;Jos\uFFFD\r\n', open(R1), validate);
      expect(latin1.errors.map((e) => [e.row, e.code])).to.deep.equal([[2, 'file-not-utf8']]);
      const orphan = previewAnswersCsv(csvOf([{ hoofdsom: '1' }]), open(R1), validate);
      expect(orphan.errors.map((e) => [e.row, e.column, e.code])).to.deep.equal([
        [2, 'verzoekId', 'request-missing'],
      ]);
    });

    it('numbers rows as a spreadsheet does: a quoted line break stays in its row, a blank row counts', () => {
      const header = CSV_COLUMNS.map((c) => c.name).join(';');
      const row = (id: string, extra: string) =>
        CSV_COLUMNS.map((c) =>
          c.name === 'verzoekId'
            ? id
            : c.name === 'omschrijving'
              ? extra
              : c.name === 'factuurnummer'
                ? 'F#'
                : ((GOOD as Record<string, string>)[c.name] ??
                  (CONTACT as Record<string, string>)[c.name] ??
                  ''),
        ).join(';');
      const text = `${header}\r\n${row(R1.messageId, '"twee\r\nregels"')}\r\n\r\n${row(R2.messageId, 'x')}\r\n`;
      const preview = previewAnswersCsv(text, open(R1, R2), validate);
      expect(preview.rows).to.equal(2);
      expect(errorsOf(preview)).to.deep.equal([
        [2, 'factuurnummer', 'schema'],
        [4, 'factuurnummer', 'schema'],
      ]);
    });
  });

  describe('cells', () => {
    it('reads amounts as spreadsheets write them into cents, never through a float', () => {
      const cases: [string, number][] = [
        ['1234,56', 123456],
        ['1.234,56', 123456],
        ['1234.56', 123456],
        ['€ 1.234,56', 123456],
        ['€1234', 123400],
        ['1.234', 123400],
        ['1,234,567.8', 123456780],
        ['12,3', 1230],
        ['0,07', 7],
        ['1 234,56', 123456],
        ['999999999,99', 99999999999],
      ];
      for (const [text, cents] of cases)
        expect(parseAmount(text), text).to.deep.equal({ ok: true, value: cents });
      for (const text of [
        '12,345',
        '1,234',
        '-5',
        '5-',
        'abc',
        '1.23.4',
        '12,',
        '1.234.56',
        '1234.567',
      ]) {
        expect(parseAmount(text).ok, text).to.equal(false);
      }
    });

    it('reads dates as 2026-11-30 or 30-11-2026 and refuses days that do not exist', () => {
      expect(parseDate('2026-11-30')).to.deep.equal({ ok: true, value: '2026-11-30' });
      expect(parseDate('30-11-2026')).to.deep.equal({ ok: true, value: '2026-11-30' });
      expect(parseDate('1/2/2026')).to.deep.equal({ ok: true, value: '2026-02-01' });
      for (const text of ['31-02-2026', '2026-13-01', '30-11-26', 'morgen']) {
        expect(parseDate(text).ok, text).to.equal(false);
      }
    });
  });

  it('documents every column in docs/portal.md', () => {
    const docs = readFileSync(new URL('../../../docs/portal.md', import.meta.url), 'utf8');
    for (const column of CSV_COLUMNS) expect(docs, column.name).to.include(`| \`${column.name}\``);
  });
});
