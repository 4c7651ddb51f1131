/**
 * Field fidelity with the Schuldenknooppunt (docs/schuldenknooppunt.md): module Waarborgfonds,
 * the message header, the CSV answer format and the log. Each fixture in test/fixtures/skp is a
 * message as the SKP documents it; its mapping translates it, the result validates against
 * standard 2.1, and every documented element lands at the pointer the mapping declares.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { attachmentDigest, createSchemaRegistry, valueAt } from '@knooppunt/standard';
import {
  BORGSTELLING_CATEGORIE,
  SkpValueError,
  aanvraagBorgstelling,
  berichtheader,
  csvSaldoverzoekAntwoord,
  logboekBericht,
  logboekZoekbericht,
} from '@knooppunt/standard/skp';
import type {
  SkpAanvraagBorgstelling,
  SkpBerichtheader,
  SkpCsvRow,
  SkpField,
  SkpLogboekBericht,
  SkpLogboekZoekbericht,
  SkpMapping,
  SkpOrganisatietype,
} from '@knooppunt/standard/skp';
import { LOG_PARAMETERS } from '../../../src/transports/rest/routes/log.ts';

function fixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/skp/${name}.json`, import.meta.url), 'utf8'),
  ) as T;
}

/** The value a field's pointer names, the first item standing in for each `i`. */
function landed(document: unknown, field: SkpField): unknown {
  return valueAt(document, field.pointer.replaceAll('/i/', '/0/'));
}

/** Share of a mapping's documented fields that have a place (a non-empty pointer). */
function placed(mapping: SkpMapping<never, unknown>): [number, number] {
  return [mapping.fields.filter((field) => field.pointer !== '').length, mapping.fields.length];
}

const adresboek = (table: Record<string, string>) => new Map(Object.entries(table));

describe('SKP field fidelity: Waarborgfonds, header, CSV answer, log', () => {
  const registry = createSchemaRegistry();

  describe('Aanvraag borgstelling → aanvraag-borgstelling 2.1', () => {
    const { skp } = fixture<{ skp: SkpAanvraagBorgstelling }>('aanvraag-borgstelling');
    const payload = aanvraagBorgstelling.translate(skp);

    it('translates a request without a named contact person into a valid 2.1 payload', () => {
      expect(() =>
        registry.validatePayload('aanvraag-borgstelling', '2.1', payload),
      ).not.to.throw();
      expect(payload).not.to.have.nested.property('contactpersoon.naam');
    });

    it('puts every documented element at its declared pointer', () => {
      for (const field of aanvraagBorgstelling.fields) {
        expect(landed(payload, field), field.skp).not.to.equal(undefined);
      }
    });

    it('turns codes into words and euros into cents, keeping the values', () => {
      expect(payload).to.deep.include({
        soortLening: 'saneringskrediet',
        eigenReferentie: '5461135-1',
        contactpersoon: { email: 'kredietverlening@kredietbank-utrecht.example.nl' },
        postcodegebied: '3531',
        brutoKredietsom: 462000,
        looptijdMaanden: 36,
        categorie: 'regulier',
        proFormaBorgstelling: 'FC480280-918A-44BF-BE2A-3E3F8A36619D'.toLowerCase(),
      });
      expect(payload['statistieken']).to.deep.equal([
        { naam: 'aantalSchuldeisers', waarde: '9' },
        { naam: 'totaleSchuldenlast', waarde: '11840.00' },
      ]);
    });

    it('has a valid 2.1 value for every loan kind and guarantee category the SKP knows', () => {
      for (const kind of ['PL', 'SK', 'SL'] as const) {
        for (const category of BORGSTELLING_CATEGORIE.keys()) {
          const each = aanvraagBorgstelling.translate({
            ...skp,
            Soort_lening: kind,
            Borgstelling_Categorie: category as SkpAanvraagBorgstelling['Borgstelling_Categorie'],
          });
          expect(
            () => registry.validatePayload('aanvraag-borgstelling', '2.1', each),
            `${kind} ${String(category)}`,
          ).not.to.throw();
        }
      }
    });

    it('reads an amount given as a number without floating-point loss', () => {
      expect(aanvraagBorgstelling.translate({ ...skp, Bruto_Kredietsom: 4999.99 })).to.include({
        brutoKredietsom: 499999,
      });
    });

    it('refuses an unknown code, naming the element', () => {
      const unknown = { ...skp, Soort_lening: 'XX' } as unknown as SkpAanvraagBorgstelling;
      expect(() => aanvraagBorgstelling.translate(unknown))
        .to.throw(SkpValueError)
        .with.property('element', 'Soort_lening');
    });
  });

  describe('Berichtheader → envelope (and the consent statement → bijlagen)', () => {
    const { skp } = fixture<{ skp: SkpBerichtheader }>('berichtheader');
    const translated = berichtheader.translate(skp);

    it('puts the references in the envelope, lowercased, and the consent statement in the payload', () => {
      for (const field of berichtheader.fields) {
        const document =
          field.target === 'envelope' ? translated.envelope : { bijlagen: [translated.bijlage] };
        expect(landed(document, field), field.skp).not.to.equal(undefined);
      }
      expect(translated.envelope).to.deep.equal({
        messageId: '3f2b8c1e-5d4a-4b7e-9a61-0c2d7e8f9a10',
        conversationId: '7c1e9d40-3a2b-4c5d-8e6f-a1b2c3d4e5f6',
        inReplyTo: '0b6f1a52-2f0c-4d59-8f0e-6f4b8a3c2d11',
        version: '2.1',
      });
    });

    it('names the consent statement by the SHA-256 and size of its bytes, valid in a saldoverzoek 2.1', () => {
      const { bijlage, document } = translated;
      expect(document).to.be.instanceOf(Uint8Array);
      expect(bijlage).to.deep.include({
        soort: 'toestemmingsverklaring',
        grootte: document?.byteLength,
        sha256: attachmentDigest(document ?? new Uint8Array()),
      });
      const { request } = fixture<{ request: Record<string, unknown> }>(
        'csv-saldoverzoek-antwoord',
      );
      expect(() =>
        registry.validatePayload('saldoverzoek', '2.1', { ...request, bijlagen: [bijlage] }),
      ).not.to.throw();
    });

    it('refuses a reference that is no UUID', () => {
      const bad = { Stuurgegevens: { ...skp.Stuurgegevens, Referentienummer: 'SV-0001' } };
      expect(() => berichtheader.translate(bad))
        .to.throw(SkpValueError)
        .with.property('element', 'Stuurgegevens.Referentienummer');
    });
  });

  describe('CSV Saldoverzoek Antwoord (columns A–V) → saldoverzoek-antwoord 2.1', () => {
    const { request, rows } = fixture<{
      request: Record<string, unknown>;
      rows: SkpCsvRow[];
    }>('csv-saldoverzoek-antwoord');
    const translated = csvSaldoverzoekAntwoord.translate({ rows, request });

    it('the request the rows answer is a valid saldoverzoek 2.1', () => {
      expect(() => registry.validatePayload('saldoverzoek', '2.1', request)).not.to.throw();
    });

    it('translates the rows of one answer into a valid 2.1 answer with a claim line per row', () => {
      expect(() =>
        registry.validatePayload('saldoverzoek-antwoord', '2.1', translated.payload),
      ).not.to.throw();
      expect(translated.payload['vorderingen']).to.have.length(2);
    });

    it('puts every column A–V at its declared pointer', () => {
      const documents = {
        envelope: { ...translated.envelope, recipient: 'the request’s sender' },
        request,
        payload: translated.payload,
      };
      for (const field of csvSaldoverzoekAntwoord.fields) {
        const document = documents[field.target as keyof typeof documents];
        expect(landed(document, field), field.skp).not.to.equal(undefined);
      }
      expect(csvSaldoverzoekAntwoord.fields.map((field) => field.skp[0]).join('')).to.equal(
        'ABCDEFGHIJKLMNOPQRSTUV',
      );
    });

    it('keeps per claim the standard agreement, the date, both references and the amounts', () => {
      const [open, handedOver] = translated.payload['vorderingen'] as Record<string, unknown>[];
      expect(open).to.deep.equal({
        factuurnummer: '400765112-2024-07',
        factuurnummerVolgensSchuldhulpverlener: 'F2024-031177',
        soortSchuld: 'open',
        standaardAkkoord: true,
        datum: '2026-11-30',
        ontstaansdatum: '2024-07-15',
        oorspronkelijkBedrag: 84250,
      });
      expect(handedOver).to.include({
        soortSchuld: 'overgedragen-aan-incasso',
        oorspronkelijkBedrag: 128400,
      });
      expect(handedOver).not.to.have.property('standaardAkkoord');
      expect(translated.envelope).to.deep.equal({
        conversationId: '7c1e9d40-3a2b-4c5d-8e6f-a1b2c3d4e5f6',
        inReplyTo: '3f2b8c1e-5d4a-4b7e-9a61-0c2d7e8f9a10',
      });
    });

    it('answers "klant onbekend" without claim lines, still valid', () => {
      const unknown = rows.slice(0, 1).map((row) => ({
        ...row,
        P: 'Ja',
        Q: '',
        R: '',
        S: '',
        T: '',
        U: '',
        V: '',
      }));
      const { payload } = csvSaldoverzoekAntwoord.translate({ rows: unknown, request });
      expect(payload).to.include({ clientOnbekend: true });
      expect(payload).not.to.have.property('vorderingen');
      expect(() =>
        registry.validatePayload('saldoverzoek-antwoord', '2.1', payload),
      ).not.to.throw();
    });

    it('refuses a Schuldtype it does not know, naming the column', () => {
      const bad = [{ ...rows[0], S: 'betwiste schuld' }];
      expect(() => csvSaldoverzoekAntwoord.translate({ rows: bad, request }))
        .to.throw(SkpValueError)
        .with.property('element', 'S');
    });
  });

  describe('the log: Logboek Zoekbericht → GET /v1/log, Logboek bericht → a log entry', () => {
    it('turns every search element with a place into a parameter GET /v1/log takes', () => {
      const {
        skp,
        self,
        organisatietype,
        adresboek: table,
      } = fixture<{
        skp: SkpLogboekZoekbericht;
        self: string;
        organisatietype: SkpOrganisatietype;
        adresboek: Record<string, string>;
      }>('logboek-zoekbericht');
      const mapping = logboekZoekbericht({ self, organisatietype, adresboek: adresboek(table) });
      const query = mapping.translate(skp);
      expect(query).to.deep.equal({
        messageId: '3f2b8c1e-5d4a-4b7e-9a61-0c2d7e8f9a10',
        conversationId: '7c1e9d40-3a2b-4c5d-8e6f-a1b2c3d4e5f6',
        inReplyTo: '0b6f1a52-2f0c-4d59-8f0e-6f4b8a3c2d11',
        direction: 'received',
        counterparty: '00000001002220647000',
        counterpartyRole: 'schuldhulpverlener,kredietbank,bewindvoerder',
        messageType: 'saldoverzoek',
        fetched: 'true',
        pickedUp: 'false',
        from: '2026-11-01T00:00:00Z',
        to: '2026-12-01T00:00:00Z',
        version: '2.1',
      });
      for (const name of Object.keys(query)) {
        expect(LOG_PARAMETERS as readonly string[], name).to.include(name);
      }
      for (const field of mapping.fields.filter((each) => each.pointer !== '')) {
        for (const name of field.pointer.split('/'))
          expect(query, field.skp).to.have.property(name);
      }
    });

    it('reads an Organisatietype as one’s own side or the other party’s roles', () => {
      const creditor = logboekZoekbericht({
        self: '00000001234567890000',
        organisatietype: 'SE',
        adresboek: new Map(),
      });
      expect(creditor.translate({ AfzenderOrganisatietype: 'SE' })).to.deep.equal({
        direction: 'sent',
        counterpartyRole: 'schuldhulpverlener,kredietbank,bewindvoerder',
      });
      expect(creditor.translate({ OntvangerOrganisatietype: 'SHV' })).to.include({
        direction: 'sent',
      });
      expect(creditor.translate({ AfzenderOrganisatietype: 'SHV' })).to.include({
        direction: 'received',
      });
      const helper = logboekZoekbericht({
        self: '00000001002220647000',
        organisatietype: 'SHV',
        adresboek: new Map(),
      });
      expect(helper.translate({ OntvangerOrganisatietype: 'SHV' })).to.deep.equal({
        direction: 'received',
        counterpartyRole: 'schuldeiser',
      });
      expect(() =>
        helper.translate({ AfzenderOrganisatietype: 'SE', OntvangerOrganisatietype: 'SE' }),
      )
        .to.throw(SkpValueError)
        .with.property('element', 'Afzender/Ontvanger Organisatietype');
      expect(() => helper.translate({ AfzenderOrganisatietype: 'XX' as SkpOrganisatietype }))
        .to.throw(SkpValueError)
        .with.property('element', 'Afzender Organisatietype');
      const unknownSelf = logboekZoekbericht({
        self: '00000001002220647000',
        adresboek: new Map(),
      });
      expect(() => unknownSelf.translate({ OntvangerOrganisatietype: 'SE' }))
        .to.throw(SkpValueError)
        .with.property('message')
        .that.matches(/own Organisatietype/);
      // The sender named in Afzender is the other party, yet its kind is one's own: contradictory.
      const { adresboek: table } = fixture<{ adresboek: Record<string, string> }>(
        'logboek-zoekbericht',
      );
      const withBook = logboekZoekbericht({
        self: '00000001234567890000',
        organisatietype: 'SE',
        adresboek: adresboek(table),
      });
      expect(() =>
        withBook.translate({
          Afzender: '5b0c7a2e-1d3f-4e6a-9b8c-7d6e5f4a3b21',
          AfzenderOrganisatietype: 'SE',
        }),
      ).to.throw(SkpValueError, /other side/);
    });

    it('refuses to search messages between two other parties', () => {
      const { adresboek: table } = fixture<{ adresboek: Record<string, string> }>(
        'logboek-zoekbericht',
      );
      const [first, second] = Object.keys(table);
      const mapping = logboekZoekbericht({
        self: '00000003302056540000',
        adresboek: adresboek(table),
      });
      expect(() => mapping.translate({ Afzender: first, Ontvanger: second }))
        .to.throw(SkpValueError)
        .with.property('element', 'Afzender/Ontvanger');
    });

    it('puts every element of a log record at its place in our log entry', () => {
      const { skp, adresboek: table } = fixture<{
        skp: SkpLogboekBericht;
        adresboek: Record<string, string>;
      }>('logboek-bericht');
      const mapping = logboekBericht({ self: '00000003301234560000', adresboek: adresboek(table) });
      const entry = mapping.translate(skp);
      for (const field of mapping.fields) {
        expect(landed(entry, field), field.skp).not.to.equal(undefined);
      }
      expect(entry).to.include({
        messageType: 'aanvraag-borgstelling',
        sender: '00000003301234560000',
        receivedAt: '2026-11-27T16:42:10.000Z',
        fetched: true,
        pickedUp: true,
      });
    });
  });

  it('states the share of documented elements with a place, as docs/schuldenknooppunt.md does', () => {
    const context = { self: '00000001234567890000', adresboek: new Map<string, string>() };
    const shares = [
      aanvraagBorgstelling,
      berichtheader,
      csvSaldoverzoekAntwoord,
      logboekZoekbericht(context),
      logboekBericht(context),
    ].map((mapping) => placed(mapping as SkpMapping<never, unknown>));
    expect(shares).to.deep.equal([
      [9, 9],
      [5, 5],
      [22, 22],
      [13, 13],
      [10, 10],
    ]);
  });
});
