/**
 * The demo: one whole schuldregeling through a real hub on the embedded defaults (SQLite ledger
 * in a fresh data folder, the development network), every party a bot on the SDK over HTTP.
 *
 * The gemeente tells the 14 creditors (kennisgeving) and asks each for its balance; covenant
 * creditors answer vooraf-akkoord, one (picked by the seed) answers geen-medewerking, the rest
 * their claims. The gemeente distributes the saneringskrediet with the SDK's arithmetic; the
 * kredietbank gets the Waarborgfonds' borgstelling; the betaalvoorstel goes out, one creditor
 * (picked by the seed) refuses, gets a heroverweging and agrees; schuldregeling-akkoord ends
 * it. Prints a timeline and a summary table, checks the ledger, and returns what it did.
 */
import type { ChainReport } from '../ledger/verify_chain.ts';
import { verifyChain } from '../ledger/verify_chain.ts';
import { startThrowawayHub } from '../hub/throwaway_hub.ts';
import type { ThrowawayHub } from '../hub/throwaway_hub.ts';
import { castBots } from './bots.ts';
import { createDebtCase } from './debt_case.ts';
import * as scenes from './scenes.ts';
import { Stage, belongsTo, newConversations } from './stage.ts';
import { summaryLines, summaryOf } from './summary.ts';
import type { SummaryRow } from './summary.ts';

export type { SummaryRow } from './summary.ts';

/** Options of a demo run. */
export interface DemoOptions {
  /** Picks the uncooperative and the refusing creditor. @defaultValue 2026 */
  readonly seed?: number;
  /** Where output lines go. @defaultValue nowhere */
  readonly out?: (line: string) => void;
  /** Keep the data folder (ledger, PKI) afterwards. @defaultValue false */
  readonly keep?: boolean;
  /** How every party sends and takes delivery. @defaultValue `rest` */
  readonly transport?: 'rest' | 'amqp';
  /** The broker for `amqp` (with its management API on :15672). @defaultValue `AMQP_URL` or the local one */
  readonly amqpUrl?: string;
}

/** What a demo run did. */
export interface DemoResult {
  readonly dataDir: string;
  readonly conversationId: string;
  /** Messages sent, in order. */
  readonly messages: number;
  readonly summary: readonly SummaryRow[];
  readonly krediet: number;
  readonly ledger: ChainReport;
  readonly seconds: number;
}

/** Runs the demo. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? (() => undefined);
  const seed = options.seed ?? 2026;
  const transport = options.transport ?? 'rest';
  const amqpUrl =
    transport === 'amqp'
      ? (options.amqpUrl ?? process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672/')
      : undefined;
  const started = performance.now();
  const throwaway = await startThrowawayHub({
    name: 'demo',
    keep: options.keep === true,
    env: amqpUrl === undefined ? {} : { AMQP_URL: amqpUrl },
  });
  try {
    out(`Knooppunt demo: one schuldregeling with 14 creditors (seed ${seed}, over ${transport})`);
    out(`hub ${throwaway.url}, embedded SQLite ledger in ${throwaway.dataDir}`);
    if (amqpUrl !== undefined) {
      await everyoneOverAmqp(throwaway);
      out(`every party over AMQP: ${new URL(amqpUrl).host}`);
    }
    out('');
    const ids = newConversations();
    const cast = await castBots(throwaway, amqpUrl, (message) => belongsTo(ids, message));
    try {
      const stage = new Stage(cast.bots, ids, out, started);
      const baseCase = createDebtCase();
      const roles = scenes.castRoles(baseCase, seed);
      await scenes.notifyAndAsk(stage, baseCase);
      const participating = await scenes.creditorsAnswer(stage, baseCase, roles);
      const debtCase = await scenes.guarantee(stage, baseCase, participating);
      const proposals = await scenes.propose(stage, debtCase, participating, roles);
      await scenes.reconsider(stage, debtCase, roles, proposals);
      await scenes.agree(stage, debtCase, participating);

      await throwaway.hub.housekeeping.seal();
      const ledger = await verifyChain(throwaway.hub.ledger);
      const summary = summaryOf(debtCase, roles);
      out('');
      for (const line of summaryLines(summary, debtCase.krediet)) out(line);
      const seconds = (performance.now() - started) / 1000;
      const kept = options.keep === true ? `; data kept in ${throwaway.dataDir}` : '';
      out('');
      out(
        `ledger: ${ledger.events} events in ${ledger.seals} sealed batches, ${ledger.ok ? 'verified intact' : `${ledger.problems.length} problems`}`,
      );
      out(`${stage.sent} messages in ${seconds.toFixed(1)} s${kept}`);
      return {
        dataDir: throwaway.dataDir,
        conversationId: ids.conversationId,
        messages: stage.sent,
        summary,
        krediet: debtCase.krediet,
        ledger,
        seconds,
      };
    } finally {
      await cast.close();
    }
  } finally {
    await throwaway.stop();
  }
}

/** Every development participant sends and takes delivery over RabbitMQ. */
async function everyoneOverAmqp(throwaway: ThrowawayHub): Promise<void> {
  const { hub } = throwaway;
  for (const participant of await hub.registry.list()) {
    await hub.ledger.putParticipant({ ...participant, transport: 'amqp' });
  }
  hub.registry.clearCache();
}
