/**
 * The demo: one whole schuldregeling through a real hub on the embedded defaults (SQLite ledger
 * in a fresh data folder, the development network), every party a bot on the SDK over HTTP.
 *
 * It opens with an early signal (vroegsignalering): the energy company signals the debtor's
 * arrears, the SDK finds the municipality by postcode, the municipality answers `bereikt`.
 * Then the gemeente tells the 14 creditors (kennisgeving) and asks each for its balance; covenant
 * creditors answer vooraf-akkoord, one (picked by the seed) answers geen-medewerking, the rest
 * their claims. The gemeente distributes the saneringskrediet with the SDK's arithmetic; the
 * kredietbank gets the Waarborgfonds' borgstelling; the betaalvoorstel goes out, one creditor
 * (picked by the seed) refuses, gets a heroverweging and agrees; schuldregeling-akkoord ends
 * it. Prints a timeline and a summary table, checks the ledger, and returns what it did.
 *
 * With `portal`, one creditor has no bot: a person answers for it in the participant portal
 * (docs/portal.md), logging in as the portal user the demo makes and prints, and the scenes wait
 * for what the person sends and go on with it.
 */
import { UsageError } from '@knooppunt/standard';
import type { ChainReport } from '../ledger/verify_chain.ts';
import { verifyChain } from '../ledger/verify_chain.ts';
import type { Hub } from '../hub/hub.ts';
import { startThrowawayHub } from '../hub/throwaway_hub.ts';
import type { ThrowawayHub } from '../hub/throwaway_hub.ts';
import { castBots } from './bots.ts';
import { createDebtCase } from './debt_case.ts';
import { earlySignal } from './early_signal.ts';
import type { CaseCreditor, DebtCase } from './debt_case.ts';
import {
  makePortalLogin,
  PORTAL_WAIT_MS,
  PortalPerson,
  portalInstructions,
} from './portal_person.ts';
import type { PortalLogin } from './portal_person.ts';
import * as scenes from './scenes.ts';
import { Stage, belongsTo, newConversations } from './stage.ts';
import { summaryLines, summaryOf } from './summary.ts';
import type { SummaryRow } from './summary.ts';

export type { SummaryRow } from './summary.ts';
export type { PortalLogin } from './portal_person.ts';

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
  /**
   * A person answers for this creditor (its handle; `true`: the refuser the seed picks) in the
   * participant portal instead of a bot. @defaultValue none: every party is a bot
   */
  readonly portal?: string | true;
  /** The hub's port (a person at the portal needs a URL that stays). @defaultValue a free one */
  readonly port?: number;
  /** With `portal`: called with the login once the hub is up (a test plays the person with it). */
  readonly onPortalUser?: (login: PortalLogin, hub: Hub) => void;
  /** With `portal`: how long to wait for each of the person's answers. @defaultValue 30 minutes */
  readonly portalWaitMs?: number;
  /** Stops the demo while it waits for the person (Ctrl-C); the hub is stopped and cleaned up. */
  readonly signal?: AbortSignal;
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
  /** With `portal`: the creditor a person answered for, and the portal user. */
  readonly portal?: { readonly handle: string; readonly user: string };
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
  const baseCase = createDebtCase();
  const roles = scenes.castRoles(baseCase, seed);
  const portalCreditor = portalCreditorOf(options.portal, baseCase, roles);
  const started = performance.now();
  const throwaway = await startThrowawayHub({
    name: 'demo',
    keep: options.keep === true,
    env: {
      ...(amqpUrl === undefined ? {} : { AMQP_URL: amqpUrl }),
      ...(options.port === undefined ? {} : { PORT: String(options.port) }),
    },
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
    let person: PortalPerson | undefined;
    if (portalCreditor !== undefined) {
      const waitMs = options.portalWaitMs ?? PORTAL_WAIT_MS;
      const login = await makePortalLogin(throwaway, portalCreditor.participant);
      person = new PortalPerson({
        login,
        ledger: throwaway.hub.ledger,
        conversationId: ids.conversationId,
        say: out,
        waitMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      for (const line of portalInstructions(login, waitMs)) out(line);
      out('');
      options.onPortalUser?.(login, throwaway.hub);
    }
    const cast = await castBots(
      throwaway,
      amqpUrl,
      (message) => belongsTo(ids, message),
      portalCreditor?.handle,
    );
    try {
      const stage = new Stage(cast.bots, ids, out, started, person);
      // A person playing the energy company answers for it in the case, not in the prologue.
      if (stage.portalHandle !== 'energie') await earlySignal(stage);
      await scenes.notifyAndAsk(stage, baseCase);
      const answers = await scenes.creditorsAnswer(stage, baseCase, roles);
      const { participating } = answers;
      const debtCase = await scenes.guarantee(stage, answers.debtCase, participating);
      const proposals = await scenes.propose(stage, debtCase, participating, roles);
      const decisions = await scenes.reconsider(stage, debtCase, proposals);
      await scenes.agree(stage, debtCase, participating, decisions);

      await throwaway.hub.housekeeping.seal();
      const ledger = await verifyChain(throwaway.hub.ledger);
      const summary = summaryOf(debtCase, {
        answers: answers.types,
        decisions,
        ...(person === undefined ? {} : { portalHandle: person.handle }),
      });
      out('');
      for (const line of summaryLines(summary, debtCase.krediet)) out(line);
      if (person !== undefined) {
        out(
          `${person.login.participantName} (${person.handle}) answered through the participant portal, as portal user ${person.login.name}`,
        );
      }
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
        ...(person === undefined
          ? {}
          : { portal: { handle: person.handle, user: person.login.name } }),
      };
    } finally {
      await cast.close();
    }
  } finally {
    await throwaway.stop();
  }
}

/** The creditor a person plays: the one named, or with `true` the refuser the seed picked. */
function portalCreditorOf(
  portal: string | true | undefined,
  debtCase: DebtCase,
  roles: scenes.Roles,
): CaseCreditor | undefined {
  if (portal === undefined) return undefined;
  if (portal === true) return roles.refuser;
  const found = debtCase.creditors.find((c) => c.handle === portal);
  if (found === undefined) {
    const handles = debtCase.creditors.map((c) => c.handle).join(', ');
    throw new UsageError('USAGE_INVALID', `--portal takes a creditor of the case: ${handles}`);
  }
  return found;
}

/** Every development participant sends and takes delivery over RabbitMQ. */
async function everyoneOverAmqp(throwaway: ThrowawayHub): Promise<void> {
  const { hub } = throwaway;
  for (const participant of await hub.registry.list()) {
    await hub.registry.setTransport(participant.oin, 'amqp');
  }
}
