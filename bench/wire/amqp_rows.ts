/**
 * The AMQP rows of `npm run bench` for one ledger: a vhost of the bench's own on the shared
 * RabbitMQ, a hub process with `AMQP_URL` on it, the cast onboarded through the operator API
 * with AMQP as their transport — the bench's own organisations and creditors, so the broker
 * users the development network's participants have (named by OIN across the whole broker,
 * and used by tests) are never touched — then at each number of senders a phase through the
 * hub and a raw amqplib phase of the same bodies (bench/wire/amqp_load.ts). Afterwards the
 * vhost and the bench's broker users are deleted.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NAMES } from '@knooppunt/standard';
import { DEV_NETWORK } from '../../src/devnet/dev_network.ts';
import { passwordPath } from '../../src/transports/amqp/provisioning.ts';
import { amqpPassword, createTestVhost, management } from '../../test/support/amqp.ts';
import type { TestVhost } from '../../test/support/amqp.ts';
import { queueFigures } from '../../test/support/faults.ts';
import {
  awaitDelivered,
  dealConversations,
  encodePairs,
  openInbox,
  runHubPhase,
  runRawPhase,
} from './amqp_load.ts';
import { amqpRow } from './amqp_report.ts';
import type { AmqpRow } from './amqp_report.ts';
import { conversations, onboardCast } from './cast.ts';
import type { Cast } from './cast.ts';
import { WireClient } from './http_client.ts';
import { watchProcess } from './proc_stats.ts';
import { startHub } from './servers.ts';
import type { BenchLedger, ServerProcess } from './servers.ts';

/**
 * Writes a placeholder password file for every participant of the development network into a
 * fresh data folder, so that the hub's start keeps their broker users as they are (a
 * development hub gives a user whose file is missing a new password — and a test connected
 * as that user elsewhere could no longer reconnect). The bench never connects as them.
 */
export function keepDevBrokerUsers(dataDir: string): void {
  for (const { oin } of DEV_NETWORK) {
    const file = passwordPath(join(dataDir, 'pki'), oin);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, 'kept by the bench: this participant is not used over AMQP\n', {
      mode: 0o600,
    });
    chmodSync(file, 0o600);
  }
}

/** Waits until the hub consumes its inbound queue on `vhost`. */
async function inboundReady(vhost: TestVhost, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if ((await queueFigures(vhost, NAMES.inboundQueue)).consumers > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the hub did not consume ${NAMES.inboundQueue} within ${timeoutMs} ms`);
}

/** Options of one ledger's AMQP rows. */
export interface AmqpRowsOptions {
  readonly ledger: BenchLedger;
  readonly senders: readonly number[];
  /** Conversations (= messages) each sender keeps in flight. */
  readonly window: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  /** Debt-help organisations onboarded (the 14 creditors answer them). */
  readonly organisations: number;
  readonly profileDir?: string | undefined;
  /** Where the hub is registered while it runs (the bench's watchdog stops what is in it). */
  readonly running: Set<ServerProcess>;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/** Conversations to prepare per second of a phase for `lanes` senders (more than the hub takes). */
const conversationsPerSecond = (lanes: number, window: number): number =>
  Math.min(1250, 100 * lanes * Math.min(window, 8));

/** Every AMQP row of one ledger, on a hub of its own. */
export async function amqpLedgerRows(options: AmqpRowsOptions): Promise<AmqpRow[]> {
  const { ledger, window, running, log } = options;
  const vhost = await createTestVhost();
  let hub: ServerProcess | undefined;
  let cast: Cast | undefined;
  try {
    hub = await startHub(ledger, options.profileDir, {
      url: vhost.url,
      beforeStart: keepDevBrokerUsers,
    });
    running.add(hub);
    await inboundReady(vhost);
    const dataDir = hub.dataDir as string;
    const admin = new WireClient(hub.baseUrl, 2);
    cast = await onboardCast(admin, dataDir, options.organisations, {
      transport: 'amqp',
      ownCreditors: true,
    });
    admin.close();
    const urlFor = (oin: string): string => vhost.urlFor(oin, amqpPassword(dataDir, oin));
    const actors = [...cast.organisations, ...cast.creditors].map((actor) => actor.oin);
    const inbox = await openInbox(actors, urlFor);
    const server = hub;
    const measuredCast = cast;
    let offset = 0;
    /** One row at `lanes` senders for `seconds` (the warm-up's is not kept). */
    const row = async (lanes: number, seconds: number): Promise<AmqpRow> => {
      const pairs = encodePairs(
        conversations(
          measuredCast,
          Math.ceil(conversationsPerSecond(lanes, window) * seconds),
          offset,
        ),
      );
      offset += 1_000_000;
      const dealt = dealConversations(pairs, lanes);
      const durationMs = seconds * 1000;

      const watch = watchProcess(server.pid);
      const cpu = process.cpuUsage();
      const hubResult = await runHubPhase({ lanes: dealt, window, durationMs, urlFor, inbox });
      const serverCost = watch.stop();
      const hubCpu = process.cpuUsage(cpu);
      if (hubResult.rejected > 0) {
        throw new Error(
          `the hub rejected ${hubResult.rejected} over AMQP; the first: ${hubResult.firstRejection}`,
        );
      }
      const missing = await awaitDelivered(inbox, hubResult.submittedAt.keys(), 30_000);
      if (missing > 0) throw new Error(`${missing} accepted messages never reached their queue`);

      const rawCpu = process.cpuUsage();
      const raw = await runRawPhase({
        url: vhost.url,
        lanes: dealt.map((lane) => lane.flat()),
        window,
        durationMs,
      });
      const rawUsed = process.cpuUsage(rawCpu);
      const sample = pairs.slice(0, 1000).flat();
      const share = (used: NodeJS.CpuUsage, elapsedMs: number): number =>
        ((used.user + used.system) / 1000 / elapsedMs) * 100;
      return amqpRow({
        ledger,
        senders: lanes,
        window,
        hub: hubResult,
        deliveredAt: inbox.deliveredAt,
        server: serverCost,
        hubClientCpuPercent: share(hubCpu, hubResult.elapsedMs),
        raw,
        rawClientCpuPercent: share(rawUsed, raw.elapsedMs),
        meanBodyBytes: Math.round(
          sample.reduce((sum, shot) => sum + shot.content.length, 0) / sample.length,
        ),
      });
    };
    try {
      await row(Math.max(...options.senders), options.warmUpSeconds); // JIT, caches, queues
      const rows: AmqpRow[] = [];
      for (const lanes of options.senders) {
        const measured = await row(lanes, options.seconds);
        rows.push(measured);
        log(
          `${ledger} over AMQP, ${lanes} senders × ${window}: ${measured.hub.messagesPerSecond.toFixed(0)} msg/s through the hub, ${measured.raw.messagesPerSecond.toFixed(0)} raw amqplib (${measured.hubOverRaw.toFixed(2)})`,
        );
      }
      return rows;
    } finally {
      await inbox.close();
    }
  } finally {
    if (hub !== undefined) {
      await hub.stop();
      running.delete(hub);
    }
    await vhost.remove().catch(() => undefined);
    // Broker users live across vhosts: the bench's own go with the run.
    for (const actor of [...(cast?.organisations ?? []), ...(cast?.creditors ?? [])]) {
      await management('DELETE', `/api/users/${actor.oin}`).catch(() => undefined);
    }
  }
}
