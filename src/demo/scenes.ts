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
 */
import * as dossier from './debt_case.ts';
import type { CaseCreditor, DebtCase } from './debt_case.ts';
import type { Stage } from './stage.ts';

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

/** 2. Every creditor answers its saldoverzoek; returns the creditors that take part. */
export async function creditorsAnswer(
  stage: Stage,
  debtCase: DebtCase,
  roles: Roles,
): Promise<CaseCreditor[]> {
  stage.say('2. The creditors answer');
  for (const creditor of debtCase.creditors) {
    await stage.take(creditor.handle, 'kennisgeving');
    const [request] = await stage.take(creditor.handle, 'saldoverzoek');
    const inReplyTo = request?.envelope.messageId as string;
    if (creditor === roles.uncooperative) {
      const payload = dossier.geenMedewerking(debtCase, creditor);
      await stage.send(creditor.handle, 'gemeente', 'geen-medewerking', payload, {
        inReplyTo,
        note: 'recent final discharge',
      });
    } else if (COVENANT.has(creditor.handle)) {
      const payload = dossier.voorafAkkoord(debtCase, creditor);
      await stage.send(
        creditor.handle,
        'gemeente',
        'saldoverzoek-antwoord-vooraf-akkoord',
        payload,
        {
          inReplyTo,
          note: `${euro(creditor.claim)}, agrees in advance`,
        },
      );
    } else {
      const payload = dossier.saldoverzoekAntwoord(debtCase, creditor);
      await stage.send(creditor.handle, 'gemeente', 'saldoverzoek-antwoord', payload, {
        inReplyTo,
        note: euro(creditor.claim),
      });
    }
  }
  // The gemeente reads the answers: who answered with a claim takes part.
  const covenant = debtCase.creditors.filter((c) => COVENANT.has(c.handle)).length;
  const answers = [
    ...(await stage.take(
      'gemeente',
      'saldoverzoek-antwoord',
      debtCase.creditors.length - 1 - covenant,
    )),
    ...(await stage.take('gemeente', 'saldoverzoek-antwoord-vooraf-akkoord', covenant)),
  ];
  await stage.take('gemeente', 'geen-medewerking');
  const answered = new Set(answers.map((answer) => answer.envelope.sender));
  return debtCase.creditors.filter((c) => answered.has(c.oin));
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

/** What the proposal round left: each creditor's proposal, and the refusal to reconsider. */
export interface Proposals {
  /** The betaalvoorstel's message id, by creditor OIN. */
  readonly sent: ReadonlyMap<string, string>;
  /** The refusing creditor's betaalvoorstel-antwoord. */
  readonly refusal: string;
}

/** 4. The betaalvoorstel to every participating creditor; the refuser refuses. */
export async function propose(
  stage: Stage,
  debtCase: DebtCase,
  participating: readonly CaseCreditor[],
  roles: Roles,
): Promise<Proposals> {
  stage.say('4. The betaalvoorstel, distributed pro rata (preferent at twice the percentage)');
  const sent = new Map<string, string>();
  for (const creditor of participating) {
    const offer = debtCase.offer.get(creditor.oin) as { percentage: string; amount: number };
    const payload = dossier.betaalvoorstel(debtCase, creditor, participating);
    const proposal = await stage.send('gemeente', creditor.handle, 'betaalvoorstel', payload, {
      note: `${euro(offer.amount)} (${offer.percentage} %)`,
    });
    sent.set(creditor.oin, proposal.envelope.messageId);
  }
  let refusal: string | undefined;
  for (const creditor of participating) {
    const [proposal] = await stage.take(creditor.handle, 'betaalvoorstel');
    const besluit = creditor === roles.refuser ? 'afwijzing' : 'akkoord';
    const payload = dossier.betaalvoorstelAntwoord(debtCase, creditor, besluit);
    const answer = await stage.send(
      creditor.handle,
      'gemeente',
      'betaalvoorstel-antwoord',
      payload,
      {
        inReplyTo: proposal?.envelope.messageId as string,
        note: besluit,
      },
    );
    if (besluit === 'afwijzing') refusal = answer.envelope.messageId;
  }
  await stage.take('gemeente', 'betaalvoorstel-antwoord', participating.length);
  if (refusal === undefined) throw new Error('nobody refused');
  return { sent, refusal };
}

/** 5. A heroverweging to the creditor that refused, which then agrees. */
export async function reconsider(
  stage: Stage,
  debtCase: DebtCase,
  roles: Roles,
  proposals: Proposals,
): Promise<void> {
  const { refuser } = roles;
  stage.say('5. Heroverweging for the creditor that refused');
  const proposal = proposals.sent.get(refuser.oin) as string;
  const heroverweging = await stage.send(
    'gemeente',
    refuser.handle,
    'heroverweging',
    dossier.heroverweging(debtCase, refuser, proposal),
    { inReplyTo: proposals.refusal },
  );
  await stage.take(refuser.handle, 'heroverweging');
  const payload = dossier.betaalvoorstelAntwoord(debtCase, refuser, 'akkoord');
  await stage.send(refuser.handle, 'gemeente', 'betaalvoorstel-antwoord', payload, {
    inReplyTo: heroverweging.envelope.messageId,
    note: 'akkoord',
  });
  await stage.take('gemeente', 'betaalvoorstel-antwoord');
}

/** 6. Schuldregeling-akkoord with the final amounts to every participating creditor. */
export async function agree(
  stage: Stage,
  debtCase: DebtCase,
  participating: readonly CaseCreditor[],
): Promise<void> {
  stage.say('6. Schuldregeling-akkoord to every participating creditor');
  for (const creditor of participating) {
    const payload = dossier.schuldregelingAkkoord(debtCase, creditor);
    await stage.send('gemeente', creditor.handle, 'schuldregeling-akkoord', payload);
    await stage.take(creditor.handle, 'schuldregeling-akkoord');
  }
}
