/**
 * `knooppunt tail`: the live flow for operators — every ledger event as it is written, with its
 * metadata only (time, type, message type, sender → recipient, transport, reasons' codes);
 * never a payload or a BSN. It reads the configured ledger directly (SQLite file or MongoDB),
 * polling `eventsSince` with a look-back window, so an event that another hub process writes a
 * little late (its own time slightly behind) is still shown, once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import { UsageError } from '@knooppunt/standard';
import { devParticipant } from '../devnet/dev_network.ts';
import type { LedgerEvent } from '../ledger/types.ts';
import type { CliContext } from './context.ts';
import { configOf, describeLedger, withLedger } from './context.ts';

/** How far back each poll looks again for events written late. */
const LOOK_BACK_MS = 5_000;
const BATCH = 500;

/** The metadata of an event that tail shows (nothing else of `data`). */
export function eventSummary(event: LedgerEvent): Record<string, unknown> {
  const data = event.data ?? {};
  const pick = (name: string): Record<string, unknown> =>
    typeof data[name] === 'string' ? { [name]: data[name] } : {};
  const reasons = Array.isArray(data['reasons'])
    ? { reasons: (data['reasons'] as { code?: unknown }[]).map((reason) => reason.code) }
    : {};
  return {
    at: event.at,
    type: event.type,
    subject: event.subject,
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    ...pick('messageType'),
    ...pick('sender'),
    ...pick('recipient'),
    ...pick('transport'),
    ...reasons,
  };
}

const who = (oin: unknown): string =>
  typeof oin === 'string' ? (devParticipant(oin)?.handle ?? oin) : '';

function line(event: LedgerEvent): string {
  const s = eventSummary(event);
  const route =
    s['sender'] === undefined ? who(s['actor']) : `${who(s['sender'])} → ${who(s['recipient'])}`;
  const reasons = Array.isArray(s['reasons']) ? ` [${(s['reasons'] as string[]).join(', ')}]` : '';
  const via = typeof s['transport'] === 'string' ? ` via ${String(s['transport'])}` : '';
  return [
    event.at.slice(11, 23),
    event.type.padEnd(19),
    String(s['messageType'] ?? '').padEnd(24),
    `${route}${via}${reasons}`.padEnd(40),
    event.subject,
  ].join('  ');
}

/** Registers `tail`. */
export function registerTailCommand(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  program
    .command('tail')
    .description('follow the live flow of the ledger: each event as written, metadata only')
    .option('--since <time>', 'start at this ISO 8601 time (default: now)')
    .option('--interval <ms>', 'time between polls', '1000')
    .option('--count <n>', 'stop after this many events (default: until Ctrl-C)')
    .option('--json', 'one JSON object per event and line')
    .action(
      run(async (options: { since?: string; interval: string; count?: string; json?: boolean }) => {
        const interval = Number(options.interval);
        const count = options.count === undefined ? Infinity : Number(options.count);
        let from = options.since === undefined ? Date.now() : Date.parse(options.since);
        if (!Number.isFinite(from) || !(interval > 0) || !(count > 0)) {
          throw new UsageError(
            'USAGE_INVALID',
            '--since must be a time, --interval and --count positive',
          );
        }
        const config = configOf(cli);
        const stop = new AbortController();
        const onSignal = (): void => stop.abort();
        process.once('SIGINT', onSignal);
        cli.signal?.addEventListener('abort', onSignal, { once: true });
        try {
          await withLedger(config, async (ledger) => {
            if (options.json !== true) io.out(`following ${describeLedger(config)} (Ctrl-C stops)`);
            const seen = new Map<string, number>();
            let shown = 0;
            // Never before the start: the look-back is for events written late, not history.
            const start = from;
            let queryFrom = start;
            while (!stop.signal.aborted) {
              const events = await ledger.eventsSince(new Date(queryFrom).toISOString(), BATCH);
              let fresh = 0;
              for (const event of events) {
                if (seen.has(event.eventId)) continue;
                fresh += 1;
                seen.set(event.eventId, Date.parse(event.at));
                io.out(options.json === true ? JSON.stringify(eventSummary(event)) : line(event));
                shown += 1;
                if (shown >= count) return;
              }
              const last = events.at(-1);
              if (last !== undefined) from = Math.max(from, Date.parse(last.at));
              // A full batch with something new: read on from its end at once (a full batch of
              // nothing new — more than BATCH events at one instant — waits like any other).
              if (events.length === BATCH && last !== undefined && fresh > 0) {
                queryFrom = Date.parse(last.at);
                continue;
              }
              queryFrom = Math.max(start, from - LOOK_BACK_MS);
              for (const [id, at] of seen) if (at < queryFrom - LOOK_BACK_MS) seen.delete(id);
              await sleep(interval, undefined, { signal: stop.signal }).catch(() => undefined);
            }
          });
        } finally {
          process.removeListener('SIGINT', onSignal);
          cli.signal?.removeEventListener('abort', onSignal);
        }
      }),
    );
}
