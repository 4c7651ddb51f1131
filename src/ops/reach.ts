/**
 * The reach of early signals (vroegsignalering), for operators: per municipality and per kind of
 * fixed cost, how many signals arrived in a period, how many the municipality answered, how each
 * answer came out, and the share of signals whose person was reached (`bereikt` / signals; DOMAIN:
 * about 28% nationally in 2023). Built from metadata only: a signal's recipient and the kind of
 * fixed cost, and its answer's outcome, both read by the hub at acceptance (lifecycle/hub_reads.ts)
 * and kept after the payloads are dropped. `countReach` is pure; `loadReach` pages the ledger.
 */
import { SIGNAAL_UITKOMSTEN } from '@knooppunt/standard';
import type { SignaalUitkomst } from '@knooppunt/standard';
import type { SearchStore } from '../ledger/port.ts';
import type { MessageSearch } from '../ledger/search.ts';
import type { MessageRecord } from '../ledger/types.ts';
import type { Participant } from '../participants/types.ts';

/** The signal and outcome types the figures count. */
const SIGNAL = 'signaal-betalingsachterstand';
const OUTCOME = 'signaal-uitkomst';
/** Ledger pages read at a time. */
const PAGE = 200;

/** The figures of one group of signals (one municipality, one kind, or all). */
export interface ReachCount {
  readonly signals: number;
  /** Signals the municipality answered with an outcome. */
  readonly answered: number;
  /** Per outcome, how many answers had it. */
  readonly uitkomsten: Readonly<Record<SignaalUitkomst, number>>;
  /** Signals whose person was reached (`bereikt`). */
  readonly reached: number;
  /** `reached / signals`, from 0 to 1 with four decimals; 0 without signals. */
  readonly shareReached: number;
}

/** The reach of a period. */
export interface ReachFigures {
  readonly from: string;
  readonly to: string;
  readonly total: ReachCount;
  readonly municipalities: readonly (ReachCount & {
    readonly oin: string;
    readonly name: string;
  })[];
  readonly vasteLasten: readonly (ReachCount & { readonly vasteLast: string })[];
}

/** What the figures need of a message: its metadata, never its payload. */
type Counted = Pick<MessageRecord, 'messageId' | 'recipient' | 'metadata'> & {
  readonly envelope: Pick<MessageRecord['envelope'], 'inReplyTo'>;
};

class Tally {
  signals = 0;
  answered = 0;
  readonly uitkomsten = Object.fromEntries(SIGNAAL_UITKOMSTEN.map((u) => [u, 0])) as Record<
    SignaalUitkomst,
    number
  >;

  add(outcome: string | undefined): void {
    this.signals += 1;
    if (outcome === undefined) return;
    this.answered += 1;
    if (outcome in this.uitkomsten) this.uitkomsten[outcome as SignaalUitkomst] += 1;
  }

  result(): ReachCount {
    const reached = this.uitkomsten.bereikt;
    return {
      signals: this.signals,
      answered: this.answered,
      uitkomsten: { ...this.uitkomsten },
      reached,
      shareReached: this.signals === 0 ? 0 : Math.round((reached / this.signals) * 10_000) / 10_000,
    };
  }
}

/** Counts the signals of a period with the outcomes that answered them (pure). */
export function countReach(
  period: { from: string; to: string },
  signals: readonly Counted[],
  outcomes: readonly Counted[],
  names: ReadonlyMap<string, string>,
): ReachFigures {
  const outcomeOf = new Map<string, string>();
  for (const answer of outcomes) {
    const uitkomst = answer.metadata?.['uitkomst'];
    if (answer.envelope.inReplyTo !== undefined && uitkomst !== undefined)
      outcomeOf.set(answer.envelope.inReplyTo, uitkomst);
  }
  const total = new Tally();
  const byMunicipality = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  const tallyOf = (map: Map<string, Tally>, key: string): Tally => {
    const known = map.get(key) ?? new Tally();
    map.set(key, known);
    return known;
  };
  for (const signal of signals) {
    const outcome = outcomeOf.get(signal.messageId);
    total.add(outcome);
    tallyOf(byMunicipality, signal.recipient).add(outcome);
    tallyOf(byKind, signal.metadata?.['vasteLast'] ?? 'onbekend').add(outcome);
  }
  return {
    ...period,
    total: total.result(),
    municipalities: [...byMunicipality]
      .map(([oin, tally]) => ({ oin, name: names.get(oin) ?? oin, ...tally.result() }))
      .sort((a, b) => b.signals - a.signals || a.name.localeCompare(b.name)),
    vasteLasten: [...byKind]
      .map(([vasteLast, tally]) => ({ vasteLast, ...tally.result() }))
      .sort((a, b) => b.signals - a.signals || a.vasteLast.localeCompare(b.vasteLast)),
  };
}

/** Every message of a search, page by page. */
async function all(ledger: SearchStore, query: Omit<MessageSearch, 'limit'>) {
  const found: MessageRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await ledger.searchMessages({
      ...query,
      limit: PAGE,
      ...(cursor === undefined ? {} : { cursor }),
    });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
}

/**
 * The reach of the signals received in [from, to): their answers may come later, so outcomes
 * are read from `from` on, whenever they arrived. Reads every signal of the period and every
 * answer since (metadata only); fine for a municipality's year (tens of thousands), a summary
 * kept by the pipeline would be the next step for the national volume.
 */
export async function loadReach(
  sources: {
    readonly ledger: SearchStore;
    readonly participants: () => Promise<readonly Participant[]>;
  },
  period: { from: string; to: string },
): Promise<ReachFigures> {
  const [signals, outcomes, participants] = await Promise.all([
    all(sources.ledger, { messageType: SIGNAL, from: period.from, to: period.to }),
    all(sources.ledger, { messageType: OUTCOME, from: period.from }),
    sources.participants(),
  ]);
  const names = new Map(participants.map((participant) => [participant.oin, participant.name]));
  return countReach(period, signals, outcomes, names);
}
