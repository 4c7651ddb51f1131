/**
 * The demo's scenes, in the order of a schuldregeling (DOMAIN.md): each is one step of the
 * process played on the stage, and returns what the next one needs.
 *
 * 1. kennisgeving and saldoverzoek to every creditor;
 * 2. the creditors answer (covenant creditors in advance, one without cooperation);
 * 3. the saneringskrediet distributed over the claims, guaranteed by the Waarborgfonds;
 * 4. the betaalvoorstel, one creditor refuses;
 * 5. a heroverweging, and the refusing creditor agrees;
 * 6. schuldregeling-akkoord to every participating creditor.
 *
 * A creditor's answer goes through `stage.answer`: its bot sends what its part says, or, with
 * `--portal`, the person at the portal is asked and the scene goes on with what they sent.
 */
import type { FetchedMessage, Payload } from '@knooppunt/standard';
import * as dossier from './debt_case.ts';
import type { CaseCreditor, DebtCase } from './debt_case.ts';
import type { Answer, Stage } from './stage.ts';

/** The covenant creditors of the development network (they answer vooraf-akkoord). */
export const COVENANT: ReadonlySet<string> = new Set([
  'energie',
  'zorgverzekeraar',
  'woningcorporatie',
  'waterbedrijf',
]);

/** Who plays which part, picked by the seed. */
export interface Roles {
  /** Answers geen-medewerking. */
  readonly uncooperative: CaseCreditor;
  /** Refuses the proposal, then agrees after a heroverweging. */
  readonly refuser: CaseCreditor;
}

/** Amounts in euros, Dutch style. */
export const euro = (cents: number): string =>
  `€ ${(cents / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A small deterministic generator (mulberry32) for the seed's choices. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed picks the uncooperative and the refusing creditor among the concurrent, non-covenant ones. */
export function castRoles(debtCase: DebtCase, seed: number): Roles {
  const pick = random(seed);
  const candidates = debtCase.creditors.filter((c) => !c.preferent && !COVENANT.has(c.handle));
  const uncooperative = candidates.splice(Math.floor(pick() * candidates.length), 1)[0];
  const refuser = candidates[Math.floor(pick() * candidates.length)];
  if (uncooperative === undefined || refuser === undefined) throw new Error('no candidates');
  return { uncooperative, refuser };
}

/** 1. The gemeente tells every creditor and asks each for its balance. */
export async function notifyAndAsk(stage: Stage, debtCase: DebtCase): Promise<void> {
  stage.say('1. Kennisgeving and saldoverzoek to every creditor');
  for (const creditor of debtCase.creditors) {
    const kennisgeving = dossier.kennisgeving(debtCase, creditor);
    await stage.send('gemeente', creditor.handle, 'kennisgeving', kennisgeving);
    const saldoverzoek = dossier.saldoverzoek(debtCase, creditor);
    await stage.send('gemeente', creditor.handle, 'saldoverzoek', saldoverzoek);
  }
}

/** The answers a creditor may give to its saldoverzoek. */
const BALANCE_ANSWERS = [
  'saldoverzoek-antwoord',
  'saldoverzoek-antwoord-vooraf-akkoord',
  'geen-medewerking',
] as const;

/** A creditor's decision on the betaalvoorstel. */
export type Besluit = 'akkoord' | 'afwijzing';

/** What the creditors' answers left. */
export interface Answers {
  /** The case with the claims the creditors stated. */
  readonly debtCase: DebtCase;
  /** The creditors that answered with a claim: they take part. */
  readonly participating: readonly CaseCreditor[];
  /** The type of each creditor's answer, by OIN. */
  readonly types: ReadonlyMap<string, string>;
}

/** A short note on an answer for the timeline (`€ 1.234,00`, `afwijzing: percentage-te-laag`). */
export function describeAnswer(type: string, payload: Payload): string {
  const claim = dossier.claimOf(payload);
  const reden = typeof payload['reden'] === 'string' ? `: ${payload['reden']}` : '';
  switch (type) {
    case 'saldoverzoek-antwoord':
      if (claim !== undefined) return euro(claim.claim);
      return payload['clientOnbekend'] === true ? 'client unknown' : 'no open claim';
    case 'saldoverzoek-antwoord-vooraf-akkoord':
      return `${euro(claim?.claim ?? 0)}, agrees in advance`;
    case 'geen-medewerking':
      return `geen medewerking${reden}`;
    case 'betaalvoorstel-antwoord':
      return `${besluitOf(payload)}${reden}`;
    default:
      return '';
  }
}

function besluitOf(payload: Payload): Besluit {
  return payload['besluit'] === 'afwijzing' ? 'afwijzing' : 'akkoord';
}

/** How `creditor` answers its saldoverzoek: by its part in the case (a person may choose). */
function balanceAnswer(
  debtCase: DebtCase,
  creditor: CaseCreditor,
  roles: Roles,
  inReplyTo: string,
): Answer {
  const common = {
    inReplyTo,
    ask: `answer the saldoverzoek with your claim (${euro(creditor.claim)}, factuurnummer ${creditor.factuurnummer})`,
    accepts: BALANCE_ANSWERS,
  };
  if (creditor.handle === roles.uncooperative.handle) {
    const payload = dossier.geenMedewerking(debtCase, creditor);
    return { ...common, type: 'geen-medewerking', payload, note: 'recent final discharge' };
  }
  if (COVENANT.has(creditor.handle)) {
    const payload = dossier.voorafAkkoord(debtCase, creditor);
    const note = `${euro(creditor.claim)}, agrees in advance`;
    return { ...common, type: 'saldoverzoek-antwoord-vooraf-akkoord', payload, note };
  }
  const payload = dossier.saldoverzoekAntwoord(debtCase, creditor);
  return { ...common, type: 'saldoverzoek-antwoord', payload, note: euro(creditor.claim) };
}

/** 2. Every creditor answers its saldoverzoek; the gemeente reads who takes part, for what. */
export async function creditorsAnswer(
  stage: Stage,
  baseCase: DebtCase,
  roles: Roles,
): Promise<Answers> {
  stage.say('2. The creditors answer');
  const sent = new Map<string, number>();
  for (const creditor of baseCase.creditors) {
    await stage.take(creditor.handle, 'kennisgeving');
    const [request] = await stage.take(creditor.handle, 'saldoverzoek');
    const answer = balanceAnswer(baseCase, creditor, roles, request?.envelope.messageId as string);
    const { envelope } = await stage.answer(creditor.handle, 'gemeente', answer);
    sent.set(envelope.messageType, (sent.get(envelope.messageType) ?? 0) + 1);
  }
  // The gemeente reads the answers: who answered with a claim takes part, for the claim stated.
  const answers: FetchedMessage[] = [];
  for (const [type, count] of sent) answers.push(...(await stage.take('gemeente', type, count)));
  const stated = new Map<string, dossier.StatedClaim>();
  for (const { envelope, payload } of answers) {
    const claim =
      envelope.messageType === 'geen-medewerking' ? undefined : dossier.claimOf(payload);
    if (claim !== undefined) stated.set(envelope.sender, claim);
  }
  const debtCase = dossier.withClaims(baseCase, stated);
  return {
    debtCase,
    participating: debtCase.creditors.filter((c) => stated.has(c.oin)),
    types: new Map(answers.map(({ envelope }) => [envelope.sender, envelope.messageType])),
  };
}

/**
 * 3. The saneringskrediet distributed with the SDK's arithmetic over the participating
 * creditors, and the Waarborgfonds' borgstelling for it; returns the case with its offer.
 */
export async function guarantee(
  stage: Stage,
  baseCase: DebtCase,
  participating: readonly CaseCreditor[],
): Promise<DebtCase> {
  const debtCase: DebtCase = {
    ...baseCase,
    offer: dossier.distribute(participating, baseCase.krediet),
  };
  stage.say(`3. Saneringskrediet of ${euro(debtCase.krediet)}: the Waarborgfonds' borgstelling`);
  const waarborgfonds = {
    module: 'waarborgfonds',
    conversationId: stage.ids.borgstellingId,
  } as const;
  const aanvraag = await stage.send(
    'kredietbank',
    'waarborgfonds',
    'aanvraag-borgstelling',
    dossier.aanvraagBorgstelling(debtCase),
    waarborgfonds,
  );
  await stage.take('waarborgfonds', 'aanvraag-borgstelling');
  await stage.send(
    'waarborgfonds',
    'kredietbank',
    'borgstelling-besluit',
    dossier.borgstellingBesluit(debtCase),
    { ...waarborgfonds, inReplyTo: aanvraag.envelope.messageId, note: 'afgegeven' },
  );
  await stage.take('kredietbank', 'borgstelling-besluit');
  return debtCase;
}

/** What the proposal round left: each creditor's proposal, its decisions, the refusals. */
export interface Proposals {
  /** The betaalvoorstel's message id, by creditor OIN. */
  readonly sent: ReadonlyMap<string, string>;
  /** The refusals to reconsider: the refusing answer's message id, by creditor OIN. */
  readonly refusals: ReadonlyMap<string, string>;
  /** Each creditor's decisions so far, by OIN. */
  readonly decisions: ReadonlyMap<string, readonly Besluit[]>;
}

/** 4. The betaalvoorstel to every participating creditor; the refuser refuses, the rest agree. */
export async function propose(
  stage: Stage,
  debtCase: DebtCase,
  participating: readonly CaseCreditor[],
  roles: Roles,
): Promise<Proposals> {
  stage.say('4. The betaalvoorstel, distributed pro rata (preferent at twice the percentage)');
  const sent = new Map<string, string>();
  for (const creditor of participating) {
    const offer = offerTo(debtCase, creditor);
    const payload = dossier.betaalvoorstel(debtCase, creditor, participating);
    const proposal = await stage.send('gemeente', creditor.handle, 'betaalvoorstel', payload, {
      note: offer,
    });
    sent.set(creditor.oin, proposal.envelope.messageId);
  }
  const refusals = new Map<string, string>();
  const decisions = new Map<string, Besluit[]>();
  for (const creditor of participating) {
    const [proposal] = await stage.take(creditor.handle, 'betaalvoorstel');
    const refuses = creditor.handle === roles.refuser.handle;
    const besluit = refuses ? 'afwijzing' : 'akkoord';
    const answer = await stage.answer(creditor.handle, 'gemeente', {
      type: 'betaalvoorstel-antwoord',
      payload: dossier.betaalvoorstelAntwoord(debtCase, creditor, besluit),
      inReplyTo: proposal?.envelope.messageId as string,
      note: besluit,
      ask: refuses
        ? `refuse the betaalvoorstel (${offerTo(debtCase, creditor)}) with a reason (or agree: then there is no heroverweging)`
        : `agree to the betaalvoorstel (${offerTo(debtCase, creditor)}), or refuse it with a reason`,
    });
    const decided = besluitOf(answer.payload);
    decisions.set(creditor.oin, [decided]);
    if (decided === 'afwijzing') refusals.set(creditor.oin, answer.envelope.messageId);
  }
  await stage.take('gemeente', 'betaalvoorstel-antwoord', participating.length);
  return { sent, refusals, decisions };
}

/** The offer to `creditor`, as the timeline prints it. */
function offerTo(debtCase: DebtCase, creditor: CaseCreditor): string {
  const offer = debtCase.offer.get(creditor.oin) as { percentage: string; amount: number };
  return `${euro(offer.amount)} (${offer.percentage} %)`;
}

/**
 * 5. A heroverweging to each creditor that refused, which then agrees (a person at the portal
 * may refuse again); returns every creditor's decisions.
 */
export async function reconsider(
  stage: Stage,
  debtCase: DebtCase,
  proposals: Proposals,
): Promise<ReadonlyMap<string, readonly Besluit[]>> {
  const decisions = new Map(proposals.decisions);
  if (proposals.refusals.size === 0) {
    stage.say('5. No heroverweging: every creditor agreed');
    return decisions;
  }
  stage.say(
    proposals.refusals.size === 1
      ? '5. Heroverweging for the creditor that refused'
      : '5. Heroverweging for the creditors that refused',
  );
  for (const [oin, refusal] of proposals.refusals) {
    const creditor = debtCase.creditors.find((c) => c.oin === oin) as CaseCreditor;
    const proposal = proposals.sent.get(oin) as string;
    const heroverweging = await stage.send(
      'gemeente',
      creditor.handle,
      'heroverweging',
      dossier.heroverweging(debtCase, creditor, proposal),
      { inReplyTo: refusal },
    );
    await stage.take(creditor.handle, 'heroverweging');
    const answer = await stage.answer(creditor.handle, 'gemeente', {
      type: 'betaalvoorstel-antwoord',
      payload: dossier.betaalvoorstelAntwoord(debtCase, creditor, 'akkoord'),
      inReplyTo: heroverweging.envelope.messageId,
      note: 'akkoord',
      ask: 'read the heroverweging and agree to the betaalvoorstel (answer it with akkoord)',
    });
    decisions.set(oin, [...(decisions.get(oin) ?? []), besluitOf(answer.payload)]);
  }
  await stage.take('gemeente', 'betaalvoorstel-antwoord', proposals.refusals.size);
  return decisions;
}

/**
 * 6. Schuldregeling-akkoord with the final amounts to every participating creditor that
 * agreed.
 */
export async function agree(
  stage: Stage,
  debtCase: DebtCase,
  participating: readonly CaseCreditor[],
  decisions: ReadonlyMap<string, readonly Besluit[]>,
): Promise<void> {
  stage.say('6. Schuldregeling-akkoord to every participating creditor');
  for (const creditor of participating) {
    if (decisions.get(creditor.oin)?.at(-1) === 'afwijzing') {
      // Fw 287a: the gemeente could now ask the court to impose the settlement.
      stage.say(
        `         ${creditor.handle} still refuses: next would be a dwangakkoord (not in the demo)`,
      );
      continue;
    }
    const payload = dossier.schuldregelingAkkoord(debtCase, creditor);
    await stage.send('gemeente', creditor.handle, 'schuldregeling-akkoord', payload);
    await stage.take(creditor.handle, 'schuldregeling-akkoord');
  }
}
