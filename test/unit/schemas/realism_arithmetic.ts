/**
 * Test helpers: the arithmetic of one object of an example, keyed on field names — a claim
 * line adds up and its costs stay within the WIK maximum; offered amounts follow from the
 * stated percentage (preferent claims at twice the concurrent percentage, NVVK); payment
 * moments add up to what is offered; totals are at least their parts; a schuldbemiddeling's
 * percentage follows from the repayment capacity. All amounts are integer cents.
 */
import { maximumCollectionCosts } from '@knooppunt/standard';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Report = (pointers: readonly string[], rule: string, message: string) => void;

/** A percentage string in hundredths of a percent (`"19.85"` → 1985), or undefined. */
function hundredths(value: Json | undefined): number | undefined {
  if (typeof value !== 'string' || !/^[0-9]{1,3}(\.[0-9]{1,2})?$/.test(value)) return undefined;
  const [whole = '0', fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const int = (value: Json | undefined): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

const objects = (value: Json | undefined): { item: JsonObject; i: number }[] =>
  Array.isArray(value)
    ? value.flatMap((item, i) =>
        item !== null && typeof item === 'object' && !Array.isArray(item) ? [{ item, i }] : [],
      )
    : [];

/**
 * Whether `offered` cents is `percentage` (in hundredths) of `claim` cents, up to what the
 * percentage's rounding to two decimals hides (half a hundredth of a percent of the claim) and
 * one cent of distributing the remainder.
 */
export function isOfferedShare(claim: number, percentage: number, offered: number): boolean {
  const exact = (claim * percentage) / 10_000;
  return Math.abs(offered - exact) <= claim / 20_000 + 1;
}

/** Checks the arithmetic of object `value` at `pointer`. */
export function checkArithmetic(value: JsonObject, pointer: string, report: Report): void {
  checkClaimLine(value, pointer, report);
  checkOffers(value, pointer, report);
  checkInstalments(value, pointer, report);
  checkProposalTotals(value, pointer, report);
}

function checkClaimLine(value: JsonObject, at: string, report: Report): void {
  const [hoofdsom, rente, kosten, totaal] = ['hoofdsom', 'rente', 'kosten', 'totaal'].map((k) =>
    int(value[k]),
  );
  if (hoofdsom === undefined || totaal === undefined) return;
  const sum = hoofdsom + (rente ?? 0) + (kosten ?? 0);
  if (sum !== totaal)
    report(
      ['hoofdsom', 'rente', 'kosten', 'totaal'].map((k) => `${at}/${k}`),
      'claim-sum',
      `hoofdsom + rente + kosten is ${sum}, totaal says ${totaal}`,
    );
  if (kosten !== undefined && kosten > maximumCollectionCosts(hoofdsom))
    report(
      [`${at}/kosten`, `${at}/hoofdsom`],
      'wik',
      `kosten ${kosten} exceed the WIK maximum ${maximumCollectionCosts(hoofdsom)} on hoofdsom ${hoofdsom}`,
    );
}

/** Offered amounts per claim line, from the proposal's percentage or the line's own. */
function checkOffers(value: JsonObject, at: string, report: Report): void {
  const lines = objects(value['vorderingen']);
  const proposal = hundredths(value['aangebodenPercentage']);
  const percentages: { preferent: boolean; percentage: number; pointer: string }[] = [];
  let offeredTotal = 0;
  let offers = 0;
  for (const { item, i } of lines) {
    const claim = int(item['actueelBedrag']);
    const offered = int(item['aangebodenBedrag']) ?? int(item['prognoseEindbedrag']);
    const own = hundredths(item['percentage']);
    const percentage = own ?? proposal;
    if (offered !== undefined) {
      offeredTotal += offered;
      offers += 1;
    }
    if (claim === undefined || offered === undefined || percentage === undefined) continue;
    const line = `${at}/vorderingen/${i}`;
    const offeredAt = `${line}/${'aangebodenBedrag' in item ? 'aangebodenBedrag' : 'prognoseEindbedrag'}`;
    const percentageAt = own === undefined ? `${at}/aangebodenPercentage` : `${line}/percentage`;
    if (!isOfferedShare(claim, percentage, offered))
      report(
        [offeredAt, `${line}/actueelBedrag`, percentageAt],
        'offer',
        `${offered} is not ${percentage / 100}% of ${claim}`,
      );
    if (own !== undefined && typeof item['preferent'] === 'boolean')
      percentages.push({ preferent: item['preferent'], percentage: own, pointer: percentageAt });
  }
  // NVVK: a preferent creditor gets twice the concurrent percentage (at most 100%).
  for (const pref of percentages.filter((p) => p.preferent))
    for (const conc of percentages.filter((p) => !p.preferent))
      if (Math.abs(pref.percentage - Math.min(10_000, 2 * conc.percentage)) > 1.5)
        report(
          [pref.pointer, conc.pointer],
          'preferent-twice',
          'preferent percentage is not twice the concurrent one',
        );
  const moments = objects(value['betaalmomenten']);
  if (moments.length > 0 && offers > 0) {
    const paid = moments.reduce((sum, { item }) => sum + (int(item['bedrag']) ?? 0), 0);
    if (paid !== offeredTotal)
      report(
        moments.map(({ i }) => `${at}/betaalmomenten/${i}/bedrag`),
        'moments-sum',
        `payment moments add up to ${paid}, the claims are offered ${offeredTotal}`,
      );
  }
  const days = moments.map(({ item }) => item['datum']);
  days.forEach((day, i) => {
    const before = days[i - 1];
    if (i > 0 && typeof day === 'string' && typeof before === 'string' && day <= before)
      report(
        [`${at}/betaalmomenten/${i}/datum`],
        'date-order',
        `payment moment ${day} is not after ${before}`,
      );
  });
}

/** A payment arrangement's total is its claims, paid in the instalments it names. */
function checkInstalments(value: JsonObject, at: string, report: Report): void {
  const total = int(value['totaalBedrag']);
  if (total === undefined) return;
  const lines = objects(value['vorderingen']);
  const claims = lines.map(({ item }) => int(item['bedrag']));
  if (lines.length > 0 && claims.every((c) => c !== undefined)) {
    const sum = claims.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== total)
      report(
        [`${at}/totaalBedrag`],
        'total',
        `the claims add up to ${sum}, totaalBedrag says ${total}`,
      );
  }
  const instalment = int(value['termijnbedrag']);
  const count = int(value['aantalTermijnen']);
  if (instalment !== undefined && count !== undefined && count > 0)
    if (instalment * count < total || instalment * (count - 1) >= total)
      report(
        [`${at}/termijnbedrag`, `${at}/aantalTermijnen`, `${at}/totaalBedrag`],
        'instalments',
        `${count} instalments of ${instalment} do not pay ${total} (the last one smaller)`,
      );
}

/** The totals of a betaalvoorstel, and a schuldbemiddeling's percentage from its capacity. */
function checkProposalTotals(value: JsonObject, at: string, report: Report): void {
  const pref = int(value['totaalPreferenteSchuld']);
  const conc = int(value['totaalConcurrenteSchuld']);
  if (pref === undefined || conc === undefined) return;
  for (const [count, total, name] of [
    [int(value['aantalPreferenteSchuldeisers']), pref, 'Preferente'],
    [int(value['aantalConcurrenteSchuldeisers']), conc, 'Concurrente'],
  ] as const)
    if (count !== undefined && (count === 0) !== (total === 0))
      report(
        [`${at}/aantal${name}Schuldeisers`, `${at}/totaal${name}Schuld`],
        'total',
        `${count} creditors owed ${total}`,
      );
  const own = objects(value['vorderingen']).reduce(
    (sum, { item }) => sum + (int(item['actueelBedrag']) ?? 0),
    0,
  );
  if (own > pref + conc)
    report(
      [`${at}/totaalPreferenteSchuld`, `${at}/totaalConcurrenteSchuld`],
      'total',
      `this creditor's ${own} exceeds all debt`,
    );
  const capacity = int(value['aflossingscapaciteitPerMaand']);
  const months = int(value['looptijdMaanden']);
  const stated = hundredths(value['aangebodenPercentage']);
  const basis = value['onderbouwing'];
  if (
    capacity !== undefined &&
    basis !== null &&
    typeof basis === 'object' &&
    !Array.isArray(basis)
  ) {
    const income = int(basis['nettoInkomenPerMaand']);
    const free = int(basis['vrijTeLatenBedragPerMaand']);
    if (income !== undefined && free !== undefined && capacity !== Math.max(0, income - free))
      report(
        [`${at}/aflossingscapaciteitPerMaand`, `${at}/onderbouwing`],
        'capacity',
        `capacity ${capacity} is not income ${income} − VTLB ${free}`,
      );
  }
  if (value['soort'] === 'nul-aanbod' && stated !== undefined && stated !== 0)
    report([`${at}/aangebodenPercentage`], 'offer', 'a nul-aanbod offers 0%');
  if (value['soort'] !== 'schuldbemiddeling' || capacity === undefined || months === undefined)
    return;
  if (stated === undefined || conc + 2 * pref === 0) return;
  // NVVK: p·concurrent + 2p·preferent = capacity × term, so p = that over (concurrent + 2·preferent).
  const concurrent = (capacity * months * 10_000) / (conc + 2 * pref);
  const matches = [concurrent, Math.min(10_000, 2 * concurrent)].some(
    (p) => Math.abs(stated - p) <= 0.5,
  );
  if (!matches)
    report(
      [`${at}/aangebodenPercentage`, `${at}/aflossingscapaciteitPerMaand`, `${at}/looptijdMaanden`],
      'offer',
      `${stated / 100}% does not follow from ${capacity} × ${months} over the debt (${(concurrent / 100).toFixed(2)}% concurrent)`,
    );
}
