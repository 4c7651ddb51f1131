/** The demo's closing table: each creditor's claim and what the settlement gives it. */
import { formatTable } from '../text/table.ts';
import type { CaseCreditor, DebtCase } from './debt_case.ts';
import { COVENANT, euro } from './scenes.ts';
import type { Roles } from './scenes.ts';

/** One line of the summary: a creditor's claim and what the settlement gives it. */
export interface SummaryRow {
  readonly handle: string;
  readonly name: string;
  readonly claim: number;
  readonly preferent: boolean;
  /** `geen-medewerking`, or how it answered the proposal in the end. */
  readonly outcome: 'akkoord' | 'akkoord na heroverweging' | 'vooraf akkoord' | 'geen medewerking';
  readonly percentage: string;
  readonly offered: number;
}

function outcomeOf(creditor: CaseCreditor, roles: Roles): SummaryRow['outcome'] {
  if (creditor === roles.uncooperative) return 'geen medewerking';
  if (creditor === roles.refuser) return 'akkoord na heroverweging';
  return COVENANT.has(creditor.handle) ? 'vooraf akkoord' : 'akkoord';
}

/** The rows of the summary, one per creditor of the case. */
export function summaryOf(debtCase: DebtCase, roles: Roles): SummaryRow[] {
  return debtCase.creditors.map((creditor): SummaryRow => {
    const offer = debtCase.offer.get(creditor.oin);
    return {
      handle: creditor.handle,
      name: creditor.participant.name,
      claim: creditor.claim,
      preferent: creditor.preferent,
      outcome: outcomeOf(creditor, roles),
      percentage: offer?.percentage ?? '0.00',
      offered: offer?.amount ?? 0,
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
    row.outcome,
  ]);
  const total = rows.reduce((sum, row) => sum + row.claim, 0);
  const offered = rows.reduce((sum, row) => sum + row.offered, 0);
  lines.push(['total', euro(total), '', '', euro(offered), `krediet ${euro(krediet)}`]);
  return formatTable(header, lines, { right: [1, 3, 4], rule: true });
}
