/**
 * One debt case with 14 creditors, built by code: the debtor of the standard's examples
 * (Maria de Vries, Utrecht), one claim per creditor, the Belastingdienst and Toeslagen
 * preferent. Payload builders take the standard's valid examples and fill in this case, so
 * every message of an end-to-end run is realistic and schema-valid.
 */
import { DEV_NETWORK } from '../devnet/dev_network.ts';
import type { DevParticipant } from '../devnet/dev_network.ts';
import { distribute as distributeClaims } from '@knooppunt/sdk';
import { betalingskenmerkCheckDigit, examplePayload } from '@knooppunt/standard';
import type { Payload } from '@knooppunt/standard';

/** The day the counsellor took the case on (a Monday): the kennisgeving's start date. */
export const CASE_START = '2026-11-16';
/** The reference date of the balances asked for and given (the Friday of that week). */
export const PEILDATUM = '2026-11-20';

/** A creditor in the case, with its claim. */
export interface CaseCreditor {
  readonly participant: DevParticipant;
  readonly oin: string;
  readonly handle: string;
  readonly klantnummer: string;
  readonly factuurnummer: string;
  /** The claim in cents. */
  readonly claim: number;
  readonly preferent: boolean;
  readonly publicBody: boolean;
}

/** The case: counsellor's client number, creditors, and the saneringskrediet offer. */
export interface DebtCase {
  readonly klantnummer: string;
  readonly creditors: readonly CaseCreditor[];
  /** The saneringskrediet sum to distribute, in cents. */
  readonly krediet: number;
  /** Per creditor OIN: percentage (2 decimals, string) and offered cents. */
  readonly offer: ReadonlyMap<string, { percentage: string; amount: number }>;
}

/** Builds the case over DEV_NETWORK's 14 creditors. */
export function createDebtCase(): DebtCase {
  const creditors = DEV_NETWORK.filter((p) => p.kind === 'schuldeiser').map((participant, i) => ({
    participant,
    oin: participant.oin,
    handle: participant.handle,
    klantnummer: `K${400123000 + i * 17}`,
    factuurnummer: `F2025-${String(100200 + i * 37)}`,
    claim: 35_000 + ((i * 7919) % 180_000),
    preferent: participant.preferent === true,
    publicBody: participant.publicBody === true,
  }));
  const krediet = 480_000; // within the Waarborgfonds' automatic route (≤ €4,999.99)
  return {
    klantnummer: 'UTR-2026-00417',
    creditors,
    krediet,
    offer: distribute(creditors, krediet),
  };
}

/** The SDK's settlement arithmetic over the creditors' claims (NVVK: preferent at twice). */
export function distribute(
  creditors: readonly CaseCreditor[],
  sum: number,
): Map<string, { percentage: string; amount: number }> {
  const { allocations } = distributeClaims(
    creditors.map((c) => ({ id: c.oin, amount: c.claim, preferent: c.preferent })),
    sum,
  );
  return new Map(allocations.map((a) => [a.id, { percentage: a.percentage, amount: a.amount }]));
}

function caseFields(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  return {
    ...payload,
    klantnummerSchuldhulpverlener: debtCase.klantnummer,
    klantnummerSchuldeiser: creditor.klantnummer,
  };
}

/** kennisgeving; a BSN only for public bodies. */
export function kennisgeving(debtCase: DebtCase, creditor: CaseCreditor): Record<string, unknown> {
  const payload = creditor.publicBody
    ? examplePayload('kennisgeving', 'met-bsn', { keepBsn: true })
    : examplePayload('kennisgeving', 'zonder-bsn');
  return caseFields(debtCase, creditor, { ...payload, startdatumSchuldhulpverlening: CASE_START });
}

/** saldoverzoek naming the claim the counsellor knows of. */
export function saldoverzoek(debtCase: DebtCase, creditor: CaseCreditor): Record<string, unknown> {
  const payload = examplePayload('saldoverzoek', 'inventarisatie', {
    keepBsn: creditor.publicBody,
  });
  return caseFields(debtCase, creditor, {
    ...payload,
    peildatum: PEILDATUM,
    bekendeVorderingen: [{ factuurnummer: creditor.factuurnummer }],
  });
}

/** The creditor's claim line. */
export function saldoverzoekAntwoord(
  debtCase: DebtCase,
  creditor: CaseCreditor,
): Record<string, unknown> {
  const payload = examplePayload('saldoverzoek-antwoord', 'twee');
  const hoofdsom = creditor.claim - 4_000 - 1_250;
  return caseFields(debtCase, creditor, {
    ...payload,
    peildatum: PEILDATUM,
    vorderingen: [
      {
        factuurnummer: creditor.factuurnummer,
        soortSchuld: 'open',
        ontstaansdatum: '2025-03-01',
        oorspronkelijkBedrag: hoofdsom,
        actueelBedrag: { hoofdsom, rente: 1_250, kosten: 4_000, totaal: creditor.claim },
        preferent: creditor.preferent,
      },
    ],
  });
}

/** A claim as a creditor's answer states it. */
export interface StatedClaim {
  /** The sum of the claim lines' totals, in cents. */
  readonly claim: number;
  /** The first claim line's reference. */
  readonly factuurnummer: string;
}

/**
 * The claim a saldoverzoek answer (or a vooraf-akkoord) states: its claim lines' totals summed;
 * undefined when it has none (client unknown, or no open claim).
 */
export function claimOf(payload: Payload): StatedClaim | undefined {
  const lines = (payload['vorderingen'] ?? []) as readonly {
    factuurnummer: string;
    actueelBedrag: { totaal: number };
  }[];
  const claim = lines.reduce((sum, line) => sum + line.actueelBedrag.totaal, 0);
  const [first] = lines;
  return first === undefined || claim <= 0
    ? undefined
    : { claim, factuurnummer: first.factuurnummer };
}

/** The case with the claims the creditors stated (by OIN) in place of the ones it assumed. */
export function withClaims(debtCase: DebtCase, stated: ReadonlyMap<string, StatedClaim>): DebtCase {
  const creditors = debtCase.creditors.map((creditor) => {
    const claim = stated.get(creditor.oin);
    return claim === undefined ? creditor : { ...creditor, ...claim };
  });
  return { ...debtCase, creditors };
}

/** The covenant creditor's answer: the same claim lines, agreeing in advance (NVVK). */
export function voorafAkkoord(debtCase: DebtCase, creditor: CaseCreditor): Record<string, unknown> {
  const { vorderingen, peildatum } = saldoverzoekAntwoord(debtCase, creditor);
  const payload = examplePayload('saldoverzoek-antwoord-vooraf-akkoord');
  return caseFields(debtCase, creditor, {
    ...payload,
    voorafAkkoord: true,
    peildatum,
    vorderingen,
  });
}

/** The credit bank asks the Waarborgfonds to guarantee the saneringskrediet. */
export function aanvraagBorgstelling(debtCase: DebtCase): Record<string, unknown> {
  return {
    ...examplePayload('aanvraag-borgstelling', 'saneringskrediet'),
    eigenReferentie: `KB-${debtCase.klantnummer}`,
    brutoKredietsom: debtCase.krediet,
    looptijdMaanden: 36,
  };
}

/** The Waarborgfonds grants it. */
export function borgstellingBesluit(debtCase: DebtCase): Record<string, unknown> {
  return {
    ...examplePayload('borgstelling-besluit', 'afgegeven'),
    eigenReferentie: `KB-${debtCase.klantnummer}`,
    borgstellingsnummer: 'WF-2026-007731',
  };
}

/** geen-medewerking: the client recently had final discharge. */
export function geenMedewerking(
  debtCase: DebtCase,
  creditor: CaseCreditor,
): Record<string, unknown> {
  return caseFields(debtCase, creditor, examplePayload('geen-medewerking'));
}

/** The saneringskrediet proposal to one creditor. */
export function betaalvoorstel(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  participating: readonly CaseCreditor[],
): Record<string, unknown> {
  const offer = debtCase.offer.get(creditor.oin) as { percentage: string; amount: number };
  const preferent = participating.filter((c) => c.preferent);
  const concurrent = participating.filter((c) => !c.preferent);
  const payload = examplePayload('betaalvoorstel', 'schuldbemiddeling');
  return caseFields(debtCase, creditor, {
    ...payload,
    soort: 'saneringskrediet',
    looptijdMaanden: 36,
    aantalPreferenteSchuldeisers: preferent.length,
    aantalConcurrenteSchuldeisers: concurrent.length,
    totaalPreferenteSchuld: preferent.reduce((acc, c) => acc + c.claim, 0),
    totaalConcurrenteSchuld: concurrent.reduce((acc, c) => acc + c.claim, 0),
    aangebodenPercentage: offer.percentage,
    vorderingen: [
      {
        factuurnummer: creditor.factuurnummer,
        actueelBedrag: creditor.claim,
        aangebodenBedrag: offer.amount,
      },
    ],
    betaalmomenten: [{ datum: '2027-01-15', bedrag: offer.amount }],
  });
}

/** betaalvoorstel-antwoord: akkoord, or afwijzing with a reason. */
export function betaalvoorstelAntwoord(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  besluit: 'akkoord' | 'afwijzing',
): Record<string, unknown> {
  const payload = examplePayload(
    'betaalvoorstel-antwoord',
    besluit === 'akkoord' ? 'akkoord' : 'afwijzing',
  );
  return caseFields(debtCase, creditor, payload);
}

/** heroverweging of the proposal that `creditor` refused. */
export function heroverweging(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  proposalId: string,
): Record<string, unknown> {
  const payload = examplePayload('heroverweging');
  const { aangepastVoorstel: _adjusted, ...rest } = payload;
  return caseFields(debtCase, creditor, { ...rest, betaalvoorstelBerichtId: proposalId });
}

/** schuldregeling-akkoord with the final amount of the creditor's claim. */
export function schuldregelingAkkoord(
  debtCase: DebtCase,
  creditor: CaseCreditor,
): Record<string, unknown> {
  const offer = debtCase.offer.get(creditor.oin) as { percentage: string; amount: number };
  const payload = examplePayload('schuldregeling-akkoord');
  return caseFields(debtCase, creditor, {
    ...payload,
    datumAkkoord: '2026-12-14',
    soort: 'saneringskrediet',
    looptijdMaanden: 36,
    betaalmomenten: [{ datum: '2027-01-15', bedrag: offer.amount }],
    vorderingen: [
      {
        factuurnummer: creditor.factuurnummer,
        soortSchuld: 'open',
        preferent: creditor.preferent,
        actueelBedrag: creditor.claim,
        percentage: offer.percentage,
        prognoseEindbedrag: offer.amount,
        betalingskenmerk: betalingskenmerkOf(creditor),
      },
    ],
  });
}

/**
 * The creditor's payment reference for the case: a 16-digit betalingskenmerk, its check digit
 * (the Betaalvereniging's modulus 11) over the creditor's client number padded to 15 digits.
 */
export function betalingskenmerkOf(creditor: CaseCreditor): string {
  const digits = creditor.klantnummer
    .replace(/[^0-9]/g, '')
    .padStart(15, '0')
    .slice(-15);
  return `${betalingskenmerkCheckDigit(digits)}${digits}`;
}
