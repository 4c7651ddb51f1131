/**
 * Every example of the standard is realistic and lawful (issue 13, part 3): each folder under
 * `schemas/examples/`, of every version, present and future, is walked, and each document's
 * check digits, arithmetic, times, OINs, places and dates are checked by the field-name rules
 * of realism_rules.ts. A valid example has no finding; an invalid one only findings at the
 * pointer its single designed violation names. Across examples, no guarantee is both paid out
 * after default and ended as fully repaid.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  createSchemaRegistry,
  decodeJwsClaims,
  payloadDigest,
  SchemaError,
} from '@knooppunt/standard';
import type { SchemaRegistry } from '@knooppunt/standard';
import * as demo from '../../../src/demo/debt_case.ts';
import { DEFAULT_HUB_OIN, DEV_NETWORK } from '../../../src/devnet/dev_network.ts';
import { readExampleFolders } from './example_files.ts';
import type { Example, ExampleFolder } from './example_files.ts';
import { isOfferedShare } from './realism_arithmetic.ts';
import { documentFindings, isIssuableIban } from './realism_rules.ts';
import type { Finding, RealismContext } from './realism_rules.ts';

const CONTEXT: RealismContext = {
  oins: new Set([DEFAULT_HUB_OIN, ...DEV_NETWORK.map((p) => p.oin)]),
};
const FOLDERS = readExampleFolders();

/** The findings of one example; a wire message's payload is checked at `/payload`. */
function findingsOf(example: Example): Finding[] {
  return documentFindings(example.document, CONTEXT);
}

/** Whether `a` and `b` are the same field or one lies inside the other. */
function related(a: string, b: string): boolean {
  return a === b || (b !== '' && a.startsWith(`${b}/`)) || (a !== '' && b.startsWith(`${a}/`));
}

const describeFinding = (f: Finding) => `${f.rule} at ${f.pointers.join(', ')}: ${f.message}`;

describe('schema examples are realistic and lawful (schemas/examples/)', () => {
  it('finds example folders of every version', () => {
    expect(FOLDERS.filter((f) => f.target.kind === 'payload').length).to.be.above(20);
  });

  for (const { folder, examples } of FOLDERS) {
    describe(folder, () => {
      for (const example of examples) {
        if (example.kind === 'valid') {
          it(`${example.file} is realistic`, () => {
            expect(findingsOf(example).map(describeFinding)).to.deep.equal([]);
          });
        } else {
          it(`${example.file} is unrealistic only where its one violation is`, () => {
            const stray = findingsOf(example).filter(
              (f) => !f.pointers.some((p) => related(p, example.expect.instancePath)),
            );
            expect(stray.map(describeFinding)).to.deep.equal([]);
          });
        }
      }
    });
  }

  it('an invalid example breaks the schema only where its one violation is', () => {
    const registry = createSchemaRegistry();
    const stray: string[] = [];
    for (const { folder, target, examples } of FOLDERS) {
      for (const example of examples) {
        if (example.kind !== 'invalid') continue;
        const found = schemaViolations(registry, target, example.document).filter(
          // A combinator reports its failure again at the parent; the branch's own is enough.
          (v) =>
            !COMBINATORS.has(v.keyword) && !related(v.instancePath, example.expect.instancePath),
        );
        for (const v of found)
          stray.push(`${folder}/${example.file}: ${v.keyword} at ${v.instancePath}`);
      }
    }
    expect(stray).to.deep.equal([]);
  });

  it('a wire message example carries its payload digest and signs its own envelope', () => {
    const messages = FOLDERS.filter((f) => f.target.kind === 'message').flatMap((f) =>
      f.examples.filter((e) => e.kind === 'valid'),
    );
    expect(messages.length).to.be.above(0);
    for (const { file, document } of messages) {
      const { envelope, payload, signature } = document as {
        envelope: { payloadDigest: string };
        payload: unknown;
        signature: string;
      };
      expect(envelope.payloadDigest, file).to.equal(payloadDigest(payload));
      expect(decodeJwsClaims(signature), file).to.deep.equal(envelope);
    }
  });

  it("the demo's debt case builds realistic payloads for each of its 14 creditors", () => {
    const debtCase = demo.createDebtCase();
    expect(debtCase.creditors).to.have.length(14);
    const payloads = [demo.aanvraagBorgstelling(debtCase), demo.borgstellingBesluit(debtCase)];
    for (const creditor of debtCase.creditors)
      payloads.push(
        demo.kennisgeving(debtCase, creditor),
        demo.saldoverzoek(debtCase, creditor),
        demo.saldoverzoekAntwoord(debtCase, creditor),
        demo.voorafAkkoord(debtCase, creditor),
        demo.geenMedewerking(debtCase, creditor),
        demo.betaalvoorstel(debtCase, creditor, debtCase.creditors),
        demo.betaalvoorstelAntwoord(debtCase, creditor, 'afwijzing'),
        demo.heroverweging(debtCase, creditor, '0f8e4b8e-6a3c-4d2b-9a51-1c2d3e4f5a6b'),
        demo.schuldregelingAkkoord(debtCase, creditor),
      );
    const findings = payloads.flatMap((payload) => documentFindings(payload, CONTEXT));
    expect(findings.map(describeFinding)).to.deep.equal([]);
    // One case, one timeline: taken on, then balances on one reference date, then agreed.
    const dates = (key: string) => new Set(payloads.flatMap((p) => (key in p ? [p[key]] : [])));
    expect([...dates('startdatumSchuldhulpverlening')]).to.deep.equal([demo.CASE_START]);
    expect([...dates('peildatum')]).to.deep.equal([demo.PEILDATUM]);
    const [agreed] = [...dates('datumAkkoord')] as string[];
    expect(demo.CASE_START < demo.PEILDATUM && demo.PEILDATUM < (agreed ?? '')).to.equal(true);
  });

  it("the vendor's first message (examples/first-message.json) is realistic", () => {
    const first: unknown = JSON.parse(
      readFileSync(new URL('../../../examples/first-message.json', import.meta.url), 'utf8'),
    );
    expect(documentFindings(first, CONTEXT).map(describeFinding)).to.deep.equal([]);
  });

  it('no guarantee is both paid out after default and ended as fully repaid', () => {
    const paidOut = new Set<string>();
    const repaid = new Set<string>();
    for (const { document } of validDocuments(FOLDERS)) {
      const payload = document as Record<string, unknown>;
      const number = payload['borgstellingsnummer'];
      if (typeof number !== 'string') continue;
      if (payload['besluit'] === 'uitbetaald' || 'redenVerzuim' in payload) paidOut.add(number);
      if (payload['reden'] === 'volledig-afgelost') repaid.add(number);
    }
    expect(paidOut.size, 'an example of a guarantee paid out').to.be.above(0);
    expect([...paidOut].filter((n) => repaid.has(n))).to.deep.equal([]);
  });

  it('a guarantee pays out what was outstanding, within the credit it guaranteed', () => {
    const documents = validDocuments(FOLDERS).map((e) => e.document as Record<string, unknown>);
    const outstanding = new Map<string, number>();
    const credit = new Map<string, number>();
    for (const d of documents) {
      const [number, reference] = [d['borgstellingsnummer'], d['eigenReferentie']];
      if (typeof number === 'string' && typeof d['openstaandBedrag'] === 'number')
        outstanding.set(number, d['openstaandBedrag']);
      if (typeof reference === 'string' && typeof d['brutoKredietsom'] === 'number')
        credit.set(reference, d['brutoKredietsom']);
    }
    let compared = 0;
    for (const d of documents) {
      const paid = d['uitbetaaldBedrag'];
      const owed = outstanding.get(String(d['borgstellingsnummer']));
      if (typeof paid !== 'number' || owed === undefined) continue;
      expect(paid, String(d['borgstellingsnummer'])).to.equal(owed);
      compared += 1;
    }
    let withinCredit = 0;
    for (const d of documents) {
      const owed = d['openstaandBedrag'];
      const granted = credit.get(String(d['eigenReferentie']));
      if (typeof owed !== 'number' || granted === undefined) continue;
      expect(owed, String(d['eigenReferentie'])).to.be.at.most(granted);
      withinCredit += 1;
    }
    expect(compared, 'a paid-out guarantee with its request for payment').to.be.above(0);
    expect(withinCredit, 'a request for payment with the credit it guaranteed').to.be.above(0);
  });
});

describe('realism rules', () => {
  const finds = (document: unknown, rule: string) =>
    documentFindings(document, CONTEXT).filter((f) => f.rule === rule);

  it('IBAN: a made-up bank code or a failed account 11-test is no issuable account', () => {
    expect(isIssuableIban('NL91ABNA0417164300')).to.equal(true);
    expect(isIssuableIban('NL20INGB0001234567')).to.equal(true);
    expect(isIssuableIban('NL59ABCD0123456789')).to.equal(false);
    expect(isIssuableIban('NL03RABO0312456789')).to.equal(false);
  });

  it('finds costs above the WIK maximum and claim lines that do not add up', () => {
    const line = { hoofdsom: 37_800, rente: 412, kosten: 7_500, totaal: 45_712 };
    expect(finds({ actueelBedrag: line }, 'wik')).to.have.length(1);
    expect(finds({ actueelBedrag: { ...line, totaal: 45_711 } }, 'claim-sum')).to.have.length(1);
  });

  it('an offered amount follows from the percentage up to its rounding', () => {
    expect(isOfferedShare(90_087, 1985, 17_879)).to.equal(true);
    expect(isOfferedShare(90_087, 1985, 17_800)).to.equal(false);
  });

  it('times: late afternoon of a Dutch working day, in CET and CEST', () => {
    const at = (createdAt: string) => finds({ createdAt }, 'time').length;
    expect(at('2024-05-06T15:15:42Z')).to.equal(0); // Monday 17:15 CEST
    expect(at('2024-11-25T16:15:00Z')).to.equal(0); // Monday 17:15 CET
    expect(at('2024-11-25T17:15:00Z')).to.equal(1); // 18:15 CET
    expect(at('2024-05-06T08:15:42Z')).to.equal(1); // the morning
    expect(at('2024-05-09T15:00:00Z')).to.equal(1); // Hemelvaartsdag
    expect(at('2024-05-11T15:00:00Z')).to.equal(1); // Saturday
  });

  it('a preferent claim gets twice the concurrent percentage; payment moments add up', () => {
    const akkoord = {
      betaalmomenten: [
        { datum: '2027-01-15', bedrag: 3_000 },
        { datum: '2027-07-15', bedrag: 3_000 },
      ],
      vorderingen: [
        { actueelBedrag: 10_000, percentage: '40.00', prognoseEindbedrag: 4_000, preferent: true },
        { actueelBedrag: 10_000, percentage: '20.00', prognoseEindbedrag: 2_000, preferent: false },
      ],
    };
    expect(finds(akkoord, 'preferent-twice')).to.have.length(0);
    expect(finds(akkoord, 'moments-sum')).to.have.length(0);
    const concurrent = { actueelBedrag: 10_000, percentage: '20.00', prognoseEindbedrag: 2_000 };
    const equal = {
      ...akkoord,
      vorderingen: [
        { ...concurrent, preferent: true },
        { ...concurrent, preferent: false },
      ],
    };
    expect(finds(equal, 'preferent-twice')).to.have.length(1);
    expect(finds(equal, 'moments-sum')).to.have.length(1);
  });

  it('a schuldbemiddeling offers what the capacity over the term pays (NVVK worked example)', () => {
    // DOMAIN.md: €5,000 preferent + €5,000 concurrent, €2,000 to distribute: 26.67% / 13.33%.
    const proposal = (aangebodenPercentage: string) => ({
      soort: 'schuldbemiddeling',
      looptijdMaanden: 18,
      aflossingscapaciteitPerMaand: 11_111,
      totaalPreferenteSchuld: 500_000,
      totaalConcurrenteSchuld: 500_000,
      aangebodenPercentage,
    });
    expect(finds(proposal('13.33'), 'offer')).to.have.length(0);
    expect(finds(proposal('26.67'), 'offer')).to.have.length(0);
    expect(finds(proposal('20.00'), 'offer')).to.have.length(1);
  });

  it('dates in order: a claim arises before the reference date, by an adult', () => {
    const answer = (ontstaansdatum: string) => ({
      schuldenaar: { persoon: { geboortedatum: '2007-06-12' } },
      peildatum: '2025-09-01',
      vorderingen: [{ ontstaansdatum }],
    });
    expect(finds(answer('2025-10-01'), 'date-order')[0]?.message).to.match(/not before peildatum/);
    expect(finds(answer('2025-06-12'), 'date-order')).to.have.length(0);
    expect(finds(answer('2025-06-11'), 'date-order')[0]?.message).to.match(/before the person/);
  });

  it('a reference date, decision or payment falls on a working day', () => {
    expect(finds({ peildatum: '2024-05-06' }, 'date')).to.have.length(0);
    expect(finds({ peildatum: '2024-05-05' }, 'date')).to.have.length(1); // a Sunday
    expect(finds({ betaalmomenten: [{ datum: '2025-12-25' }] }, 'date')).to.have.length(1);
    expect(finds({ ontstaansdatum: '2024-05-05' }, 'date')).to.have.length(0);
  });

  it('a postcode lies in the place named with it; a foreign postal code is not checked', () => {
    const adres = (postcode: string, woonplaats: string, land?: string) => ({
      adres: { postcode, woonplaats, ...(land === undefined ? {} : { land }) },
    });
    expect(finds(adres('3531 CK', 'Utrecht'), 'postcode')).to.have.length(0);
    expect(finds(adres('3531 CK', 'Amsterdam'), 'postcode')).to.have.length(1);
    expect(finds(adres('0999 AA', 'Utrecht'), 'postcode')).to.have.length(1);
    expect(finds(adres('1000', 'Brussel', 'BE'), 'postcode')).to.have.length(0);
  });

  it('an expiry is the midnight ending the fifth working day after receipt', () => {
    const notice = (verlopenOp: string) => ({
      ontvangenOp: '2026-11-23T16:05:00.000Z',
      verlopenOp,
    });
    expect(finds(notice('2026-11-30T23:00:00.000Z'), 'time')).to.have.length(0);
    expect(finds(notice('2026-12-01T00:00:00.000Z'), 'time')).to.have.length(2);
  });

  it('OINs must be the development network’s', () => {
    expect(finds({ sender: '00000001002220647000' }, 'oin')).to.have.length(0);
    expect(finds({ sender: '00000001002306608000' }, 'oin')).to.have.length(1);
  });
});

function validDocuments(folders: readonly ExampleFolder[]) {
  return folders.flatMap((f) =>
    f.examples.filter((e) => e.kind === 'valid' && f.target.kind === 'payload'),
  );
}

const COMBINATORS: ReadonlySet<string> = new Set(['if', 'oneOf', 'anyOf', 'not']);

/** The schema violations of `document` against its folder's schema (none when it is valid). */
function schemaViolations(
  registry: SchemaRegistry,
  target: ExampleFolder['target'],
  document: unknown,
): readonly { instancePath: string; keyword: string }[] {
  try {
    if (target.kind === 'envelope') registry.validateEnvelope(document);
    else if (target.kind === 'message') registry.validateMessage(document);
    else registry.validatePayload(target.messageType, target.version, document);
    return [];
  } catch (error) {
    if (error instanceof SchemaError) return error.violations;
    throw error;
  }
}
