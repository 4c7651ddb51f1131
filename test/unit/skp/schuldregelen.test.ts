/**
 * Field fidelity with the Schuldenknooppunt (docs/schuldenknooppunt.md): module Schuldregelen
 * and Vooraf akkoord. Each fixture in test/fixtures/skp is a list of messages as the SKP
 * documents them (named after its elements); the mapping translates each one, the result
 * validates against standard 2.1, and every documented element present lands at the pointer
 * the mapping declares — each element, the shared parts (client, partner, address, contact
 * person) too, present in at least one message of its fixture. An element whose note declares
 * a conversion (a date to ISO, euros to cents, a code to a word) arrives converted, as the
 * note says; one without a conversion arrives as given.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  createSchemaRegistry,
  KnooppuntError,
  messageTypeSpec,
  valueAt,
} from '@knooppunt/standard';
import {
  SCHULDREGELEN_MAPPINGS,
  SkpValueError,
  skpRegelingGeaccordeerd,
  skpSaldoverzoek,
  skpSaldoverzoekAntwoordVoorafAkkoord,
} from '@knooppunt/standard/skp';
import type {
  SkpField,
  SkpRegelingGeaccordeerd,
  SkpSaldoverzoek,
  SkpSaldoverzoekAntwoord,
} from '@knooppunt/standard/skp';

/**
 * The conversion a field's note declares, computed here from the note and the SKP's value
 * (never with the mapping's own helpers): `'given'` when the note declares none (the value
 * arrives as given), `undefined` when the note names a conversion this reading cannot follow.
 */
function declaredConversion(
  note: string | undefined,
): ((value: unknown) => unknown) | 'given' | undefined {
  if (note === undefined || !note.includes('→') || /carried as given|^as given/.test(note)) {
    return 'given';
  }
  if (note.startsWith('euros →')) {
    return (value) => {
      const [euros = '', cents = ''] = String(value).trim().replace(',', '.').split('.');
      return Number(euros) * 100 + Number(cents.padEnd(2, '0'));
    };
  }
  if (note.startsWith('dd-mm-jjjj or jjjj-mm-dd → jjjj-mm-dd')) {
    return (value) =>
      String(value)
        .trim()
        .replace(/^(\d\d)-(\d\d)-(\d{4})$/, '$3-$2-$1');
  }
  if (note.includes('decimal comma → point')) {
    return (value) => String(value).trim().replace(',', '.');
  }
  if (note.startsWith('`Ja` → true')) return (value) => String(value).trim() === 'Ja';
  // `BRP code M, V, O → man, vrouw, onbekend`: the codes and the words in the same order.
  const lists = /^BRP code ([^→]+) → (.+)$/.exec(note);
  if (lists !== null) {
    const codes = (lists[1] ?? '').split(',').map((code) => code.trim());
    const words = (lists[2] ?? '').split(',').map((word) => word.trim());
    return (value) => words[codes.indexOf(String(value).trim())];
  }
  // `SK → saneringskrediet, SB → schuldbemiddeling, SA (zonder afloscapaciteit) → nul-aanbod`.
  const pairs = [
    ...(note.split(';')[0] ?? '').matchAll(
      /(?:^|, )([^,→]+?)(?: \([^)]*\))? → ([a-z-]+)(?=$|,| \()/g,
    ),
  ];
  if (pairs.length === 0) return undefined;
  const table = new Map(pairs.map(([, code = '', word = '']) => [code.trim(), word]));
  return (value) => table.get(String(value).trim());
}

function fixture(name: string): unknown[] {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/skp/${name}.json`, import.meta.url), 'utf8'),
  ) as unknown[];
}

/** Every value an SKP element path names (`Vorderingen[].Datum`), with the list indexes. */
function sourceValues(
  message: unknown,
  path: string,
): { readonly indexes: number[]; readonly value: unknown }[] {
  let found: { indexes: number[]; value: unknown }[] = [{ indexes: [], value: message }];
  for (const segment of path.split('.')) {
    const list = segment.endsWith('[]');
    const name = list ? segment.slice(0, -2) : segment;
    found = found.flatMap(({ indexes, value }) => {
      const child =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[name]
          : undefined;
      if (!list) return [{ indexes, value: child }];
      return Array.isArray(child)
        ? child.map((item, i) => ({ indexes: [...indexes, i], value: item as unknown }))
        : [];
    });
  }
  return found.filter(({ value }) => value !== undefined);
}

/** The field's pointer with its `i`s replaced by the indexes, in order. */
function pointerAt(field: SkpField, indexes: readonly number[]): string {
  let n = 0;
  return field.pointer
    .split('/')
    .map((part) => (part === 'i' ? String(indexes[n++]) : part))
    .join('/');
}

describe('SKP field fidelity: Schuldregelen and Vooraf akkoord', () => {
  const registry = createSchemaRegistry();

  for (const [name, mapping] of Object.entries(SCHULDREGELEN_MAPPINGS)) {
    describe(`${mapping.skpMessage} → ${mapping.messageType} ${mapping.version}`, () => {
      const messages = fixture(name);
      const translated = messages.map((message) => mapping.translate(message as never));

      it('the catalogue lists 2.1 for the target type', () => {
        expect(messageTypeSpec(mapping.messageType).versions).to.include('2.1');
      });

      it('translates every message of the fixture into a valid 2.1 payload', () => {
        expect(messages.length).to.be.greaterThan(0);
        translated.forEach((payload, i) => {
          expect(
            () => registry.validatePayload(mapping.messageType, '2.1', payload),
            `${name}[${i}]`,
          ).not.to.throw();
        });
      });

      it('lands every documented element present at the pointer it declares, converted as its note says', () => {
        let checked = 0;
        let converted = 0;
        const unread = new Set<string>();
        messages.forEach((message, m) => {
          for (const field of mapping.fields) {
            for (const { indexes, value } of sourceValues(message, field.skp)) {
              const pointer = pointerAt(field, indexes);
              const landed = valueAt(translated[m], pointer);
              expect(landed, `${name}[${m}] ${field.skp} → ${pointer}`).not.to.equal(undefined);
              const conversion = declaredConversion(field.note);
              if (conversion === undefined) {
                unread.add(field.skp);
              } else if (conversion !== 'given') {
                expect(landed, `${name}[${m}] ${field.skp}: ${field.note}`).to.deep.equal(
                  conversion(value),
                );
                converted++;
              } else if (typeof value !== 'object') {
                // As given, in the type the schema holds it in (`"112"` as 112, 42.5 as `"42.5"`).
                const given = typeof landed === 'number' ? Number(value) : String(value).trim();
                expect(landed, `${name}[${m}] ${field.skp}`).to.equal(given);
              }
              checked++;
            }
          }
        });
        expect(checked).to.be.greaterThan(mapping.fields.length / 2);
        expect(converted, 'conversions checked').to.be.greaterThan(0);
        // The one note naming a conversion without its table: geen-medewerking's Reden.
        expect([...unread]).to.deep.equal(name === 'geen-medewerking' ? ['Reden'] : []);
      });

      it('holds every element of its own in at least one message of the fixture', () => {
        const absent = mapping.fields
          .filter((field) =>
            messages.every((message) => sourceValues(message, field.skp).length === 0),
          )
          .map((field) => field.skp);
        expect(absent).to.deep.equal([]);
      });

      it('declares every element with a pointer into the payload', () => {
        for (const field of mapping.fields) {
          expect(field.pointer, field.skp).to.match(/^\/[a-zA-Z]/);
        }
      });
    });
  }

  it('holds every documented element of every Schuldregelen message in at least one fixture', () => {
    const all = Object.entries(SCHULDREGELEN_MAPPINGS).flatMap(([name, mapping]) =>
      mapping.fields.map((field) => ({ name, field })),
    );
    const present = new Set(
      all
        .filter(({ name, field }) =>
          fixture(name).some((message) => sourceValues(message, field.skp).length > 0),
        )
        .map(({ field }) => field.skp),
    );
    const absent = [...new Set(all.map(({ field }) => field.skp))].filter(
      (skp) => !present.has(skp),
    );
    expect(all.length).to.be.greaterThan(150);
    expect(absent).to.deep.equal([]);
  });

  it('docs/schuldenknooppunt.md states each message’s figures as the declarations have them', () => {
    const doc = readFileSync(
      new URL('../../../docs/schuldenknooppunt.md', import.meta.url),
      'utf8',
    );
    const rows = doc.split('\n');
    for (const mapping of Object.values(SCHULDREGELEN_MAPPINGS)) {
      const n = mapping.fields.length;
      const line = rows.find((row) => row.startsWith(`| ${mapping.skpMessage} `));
      expect(line, mapping.skpMessage).to.match(new RegExp(`\\b${n} / ${n}\\b`));
      for (const field of mapping.fields) {
        expect(doc, field.skp).to.include(`\`${field.skp}\``);
      }
    }
  });

  describe('values that would need invention or rounding are refused, not guessed', () => {
    const saldoverzoek = fixture('saldoverzoek')[0] as SkpSaldoverzoek;
    const regeling = fixture('regeling-geaccordeerd')[0] as SkpRegelingGeaccordeerd;
    const antwoord = fixture('saldoverzoek-antwoord')[0] as SkpSaldoverzoekAntwoord;

    it('an unknown TypeSchuldregeling code is an SkpValueError naming the element', () => {
      expect(() => skpSaldoverzoek.translate({ ...saldoverzoek, TypeSchuldregeling: 'XX' }))
        .to.throw(SkpValueError)
        .with.property('element', 'TypeSchuldregeling');
    });

    it('a malformed birth date is SKP_VALUE_INVALID naming the element, never the value', () => {
      const klant = { ...saldoverzoek.Klant, Geboortedatum: '31-02-1971' };
      let caught: unknown;
      try {
        skpSaldoverzoek.translate({ ...saldoverzoek, Klant: klant });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(SkpValueError).and.to.be.instanceOf(KnooppuntError);
      const error = caught as SkpValueError;
      expect(error.code).to.equal('SKP_VALUE_INVALID');
      expect(error.family).to.equal('usage');
      expect(error.element).to.equal('Klant.Geboortedatum');
      expect(error.message).to.match(/^Klant\.Geboortedatum: is no date/);
      expect(error.message).not.to.include('1971');
    });

    it('an unknown code is refused without echoing it', () => {
      expect(() => skpSaldoverzoek.translate({ ...saldoverzoek, TypeSchuldregeling: 'GEHEIM' }))
        .to.throw(SkpValueError)
        .with.property('message')
        .that.does.not.include('GEHEIM');
    });

    it('a Regeling geaccordeerd for a betalingsregeling (BR) is refused', () => {
      expect(() => skpRegelingGeaccordeerd.translate({ ...regeling, TypeSchuldregeling: 'BR' }))
        .to.throw(SkpValueError)
        .with.property('element', 'TypeSchuldregeling');
    });

    it('an Afkooppercentage with three decimals is refused rather than rounded', () => {
      const claims = regeling.Vorderingen.map((claim, i) =>
        i === 0 ? { ...claim, Afkooppercentage: '42.505' } : claim,
      );
      expect(() => skpRegelingGeaccordeerd.translate({ ...regeling, Vorderingen: claims }))
        .to.throw(SkpValueError)
        .with.property('element', 'Vorderingen[0].Afkooppercentage');
    });

    it('a matched claim line without Schuldtype is refused; its kind is not guessed', () => {
      const claims = (antwoord.Vorderingen ?? []).map((claim, i) =>
        i === 0 ? { ...claim, Schuldtype: undefined } : claim,
      );
      expect(() =>
        skpSaldoverzoekAntwoordVoorafAkkoord.translate({ ...antwoord, Vorderingen: claims }),
      )
        .to.throw(SkpValueError)
        .with.property('element', 'Vorderingen[0].Schuldtype');
    });

    it('amounts arrive in integer cents and dates as RFC 3339 full-dates', () => {
      const payload = skpRegelingGeaccordeerd.translate(regeling);
      expect(valueAt(payload, '/vorderingen/0/prognoseEindbedrag')).to.equal(38287);
      expect(valueAt(payload, '/vorderingen/1/prognoseEindbedrag')).to.equal(18650);
      expect(valueAt(payload, '/datumAkkoord')).to.equal('2024-09-02');
      expect(valueAt(payload, '/soort')).to.equal('saneringskrediet');
    });
  });
});
