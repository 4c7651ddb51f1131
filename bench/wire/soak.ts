/**
 * `npm run bench -- --soak=<minutes>` (issue 14): the hub's resident memory over a sustained
 * run. One hub on the embedded SQLite ledger, a fixed moderate number of senders in a closed
 * loop for the whole time — each signs its next conversation just before sending it, so the
 * run needs no pool of prepared messages however long it lasts — the recipients picking up,
 * and the hub's RSS and CPU sampled every few seconds. The verdict: RSS in the last minute
 * against RSS in the second (medians; the target: within 20%).
 */
import { conversations } from './cast.ts';
import type { Cast, Shot } from './cast.ts';
import { onboardCast, tokensFor } from './cast.ts';
import { WireClient } from './http_client.ts';
import { measuredPhase } from './phase.ts';
import { procSample } from './proc_stats.ts';
import { startHub } from './servers.ts';
import type { ServerProcess } from './servers.ts';

/** One sample of the hub during the soak. */
export interface SoakSample {
  /** Seconds since the soak began. */
  readonly atSeconds: number;
  readonly rssMiB: number;
  /** The hub's share of one core since the previous sample, %. */
  readonly cpuPercent: number;
  /** Messages accepted since the soak began. */
  readonly accepted: number;
}

/** The soak's figures and verdict. */
export interface SoakResult {
  readonly minutes: number;
  readonly senders: number;
  readonly sampleSeconds: number;
  readonly accepted: number;
  readonly messagesPerSecond: number;
  readonly samples: readonly SoakSample[];
  /** Median RSS of the second minute, and of the last minute, MiB. */
  readonly rssAfterFirstMinuteMiB: number;
  readonly rssAtEndMiB: number;
  /** End over first minute (the target: between 0.8 and 1.2). */
  readonly rssRatio: number;
}

/** Options of a soak. */
export interface SoakOptions {
  readonly minutes: number;
  /** @defaultValue 8 */
  readonly senders?: number;
  /** @defaultValue 5 */
  readonly sampleSeconds?: number;
  /** Called with the hub once started (so the caller can stop it on a timeout). */
  readonly track?: (server: ServerProcess) => void;
  readonly log?: (line: string) => void;
}

/** The median of some values (NaN of none). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The verdict over samples: the median RSS of the last minute against the median of the
 * second minute (the first minute after warming up). Medians, because RSS saws up and down by
 * a fifth with each major garbage collection, and one sample could land on either edge.
 */
export function rssVerdict(
  samples: readonly SoakSample[],
): Pick<SoakResult, 'rssAfterFirstMinuteMiB' | 'rssAtEndMiB' | 'rssRatio'> {
  const end = samples.at(-1)?.atSeconds ?? 0;
  const rss = (from: number, to: number) =>
    samples.filter((s) => s.atSeconds >= from && s.atSeconds < to).map((s) => s.rssMiB);
  const early = median(rss(60, 120));
  const late = median(rss(Math.max(60, end - 60), end + 1));
  return { rssAfterFirstMinuteMiB: early, rssAtEndMiB: late, rssRatio: late / early };
}

/** Runs the soak on a hub of its own. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { minutes, senders = 8, sampleSeconds = 5, log = console.log } = options;
  const hub = await startHub('sqlite');
  options.track?.(hub);
  try {
    const admin = new WireClient(hub.baseUrl, 2);
    const cast: Cast = await onboardCast(admin, hub.dataDir as string, 4);
    const actors = [...cast.organisations, ...cast.creditors];
    const tokens = await tokensFor(admin, hub.baseUrl, actors);
    // Bearer tokens live 5 minutes (KNOOPPUNT_TOKEN_TTL_SECONDS): renewed every 2, in place.
    const renewal = setInterval(() => {
      void tokensFor(admin, hub.baseUrl, actors).then(
        (fresh) => fresh.forEach((token, oin) => tokens.set(oin, token)),
        (error: unknown) => (failure ??= `token renewal: ${String(error)}`),
      );
    }, 120_000);
    let failure: string | undefined;
    const { result } = await measuredPhase({
      baseUrl: hub.baseUrl,
      tokens,
      connections: senders,
      load: async (client) => {
        const accepted = new Set<string>();
        let next = 0;
        const began = performance.now();
        const deadline = began + minutes * 60_000;
        const samples: SoakSample[] = [];
        let previous = procSample(hub.pid);
        let previousAt = began;
        const timer = setInterval(() => {
          const now = performance.now();
          const sample = procSample(hub.pid);
          samples.push({
            atSeconds: (now - began) / 1000,
            rssMiB: sample.rssMiB,
            cpuPercent:
              (100 * (sample.cpuSeconds - previous.cpuSeconds) * 1000) / (now - previousAt),
            accepted: accepted.size,
          });
          previous = sample;
          previousAt = now;
          if (samples.length % Math.round(60 / sampleSeconds) === 0) {
            log(
              `soak: ${(samples.length * sampleSeconds) / 60} min, ${accepted.size} accepted, hub RSS ${sample.rssMiB.toFixed(0)} MiB`,
            );
          }
        }, sampleSeconds * 1000);
        const send = async (shot: Shot): Promise<void> => {
          const response = await client.send(
            'POST',
            '/v1/messages',
            { authorization: `Bearer ${tokens.get(shot.sender) ?? ''}` },
            shot.body,
          );
          if (response.status === 200 || response.status === 201) accepted.add(shot.id);
          else failure ??= `HTTP ${response.status} ${response.body.slice(0, 500)}`;
        };
        await Promise.all(
          Array.from({ length: senders }, async () => {
            while (performance.now() < deadline && failure === undefined) {
              // Signed just before it is sent: the loop needs no pool, however long it runs.
              const [pair] = conversations(cast, 1, next++);
              for (const shot of pair ?? []) await send(shot);
            }
          }),
        );
        clearInterval(timer);
        clearInterval(renewal);
        admin.close();
        const elapsedMs = performance.now() - began;
        if (failure !== undefined) throw new Error(`soak: a message was refused: ${failure}`);
        return { accepted, elapsedMs, samples };
      },
      accepted: ({ accepted }) => accepted,
    });
    const { accepted, elapsedMs, samples } = result;
    return {
      minutes,
      senders,
      sampleSeconds,
      accepted: accepted.size,
      messagesPerSecond: (accepted.size * 1000) / elapsedMs,
      samples,
      ...rssVerdict(samples),
    };
  } finally {
    await hub.stop();
  }
}

/** One line for the printed report. */
export function formatSoak(result: SoakResult): string {
  const within = Math.abs(result.rssRatio - 1) <= 0.2 ? 'within' : 'NOT within';
  return `Soak, ${result.minutes} min at ${result.senders} senders: ${result.messagesPerSecond.toFixed(0)} msg/s, hub RSS (median) ${result.rssAfterFirstMinuteMiB.toFixed(0)} MiB in the second minute, ${result.rssAtEndMiB.toFixed(0)} MiB in the last (×${result.rssRatio.toFixed(2)}, ${within} 20%)`;
}
