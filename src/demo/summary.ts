/** The demo's closing table: each creditor's claim and what the settlement gives it. */
import { formatTable } from '../text/table.ts';
import type { DebtCase } from './debt_case.ts';
import { euro } from './scenes.ts';
import type { Besluit } from './scenes.ts';

/** One line of the summary: a creditor's claim and what the settlement gives it. */
export interface SummaryRow {
  readonly handle: string;
  readonly name: string;
  readonly claim: number;
  readonly preferent: boolean;
  /**
   * `geen medewerking`, `geen vordering` (answered without a claim), or how it answered the
   * proposal in the end.
   */
  readonly outcome:
    | 'akkoord'
    | 'akkoord na heroverweging'
    | 'afwijzing na heroverweging'
    | 'vooraf akkoord'
    | 'geen medewerking'
    | 'geen vordering';
  readonly percentage: string;
  readonly offered: number;
  /** Answered through the participant portal (`--portal`) rather than as a bot. */
  readonly portal?: true;
}

/** What the case recorded of the creditors: how each answered, and its decisions. */
export interface CaseOutcomes {
  /** The type of each creditor's answer to its saldoverzoek, by OIN. */
  readonly answers: ReadonlyMap<string, string>;
  /** Each creditor's decisions on the betaalvoorstel, by OIN. */
  readonly decisions: ReadonlyMap<string, readonly Besluit[]>;
  /** The creditor a person answered for at the portal. */
  readonly portalHandle?: string;
}

/** A creditor's outcome from its answer and its decisions. */
export function outcomeOf(
  answer: string | undefined,
  decisions: readonly Besluit[] = [],
): SummaryRow['outcome'] {
  if (answer === undefined || answer === 'geen-medewerking') return 'geen medewerking';
  const last = decisions.at(-1);
  if (last === undefined) return 'geen vordering';
  if (last === 'afwijzing') return 'afwijzing na heroverweging';
  if (decisions.length > 1) return 'akkoord na heroverweging';
  return answer === 'saldoverzoek-antwoord-vooraf-akkoord' ? 'vooraf akkoord' : 'akkoord';
}

/** The rows of the summary, one per creditor of the case. */
export function summaryOf(debtCase: DebtCase, outcomes: CaseOutcomes): SummaryRow[] {
  return debtCase.creditors.map((creditor): SummaryRow => {
    const offer = debtCase.offer.get(creditor.oin);
    return {
      handle: creditor.handle,
      name: creditor.participant.name,
      claim: creditor.claim,
      preferent: creditor.preferent,
      outcome: outcomeOf(outcomes.answers.get(creditor.oin), outcomes.decisions.get(creditor.oin)),
      percentage: offer?.percentage ?? '0.00',
      offered: offer?.amount ?? 0,
      ...(creditor.handle === outcomes.portalHandle ? { portal: true as const } : {}),
    };
  });
}

/** The table's lines, with a total. */
export function summaryLines(rows: readonly SummaryRow[], krediet: number): string[] {
  const header = ['creditor', 'claim', 'kind', '%', 'offered', 'outcome'];
  const lines = rows.map((row) => [
    row.name,
    euro(row.claim),
    row.preferent ? 'preferent' : 'concurrent',
    row.percentage,
    euro(row.offered),
    row.portal === true ? `${row.outcome} (portal)` : row.outcome,
  ]);
  const total = rows.reduce((sum, row) => sum + row.claim, 0);
  const offered = rows.reduce((sum, row) => sum + row.offered, 0);
  lines.push(['total', euro(total), '', '', euro(offered), `krediet ${euro(krediet)}`]);
  return formatTable(header, lines, { right: [1, 3, 4], rule: true });
}
