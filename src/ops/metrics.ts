/**
 * The hub's metrics in Prometheus' format (prom-client, on a registry of its own — no global
 * one): what flows (messages by module, type, transport and outcome; the time each pipeline step
 * takes; accepted → delivered → picked up) and what waits (per participant: the mailbox backlog
 * and its oldest message, answers overdue; the AMQP outbox and the relay's lag; dead letters;
 * the health of ledger and broker; certificates' days to expiry). Labels are ids, types, codes
 * and OINs — never a payload, never a BSN.
 *
 * What waits is read from the ledger when Prometheus scrapes, at most once per `cacheMs`
 * (one snapshot serves every gauge of a scrape), and only what is open is read (WatchStore).
 */
import { performance } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '@knooppunt/standard';
import type {
  MessageStore,
  MessageUpdate,
  OutboxSummary,
  ParticipantBacklog,
  WatchStore,
} from '../ledger/port.ts';
import { lastVerification } from '../ledger/verification.ts';
import { withTimeout } from './timeout.ts';
import type { VerificationRecord } from '../ledger/verification.ts';
import type { MessageSummary } from '../ledger/types.ts';
import type { Participant } from '../participants/types.ts';

/** What a submission came to, for the message counter (the pipeline's SubmissionOutcome). */
export interface CountedSubmission {
  /** `''` when the envelope could not be verified. */
  readonly module: string;
  readonly messageType: string;
  readonly transport: string;
  /** `accepted`, `duplicate` or `rejected`. */
  readonly outcome: string;
  /** The error code of a rejection; `''` otherwise. */
  readonly code: string;
}

/** What the broker says about itself. */
export interface BrokerState {
  readonly up: boolean;
  /** Messages in the dead-letter queue, when the broker answered. */
  readonly deadLetters?: number;
}

/** Where the gauges of what waits are read from. */
export interface WatchSources {
  readonly ledger: WatchStore & Pick<MessageStore, 'listEvents'> & { ping(): Promise<void> };
  readonly participants: () => Promise<readonly Participant[]>;
  /** Absent when the hub runs without AMQP. */
  readonly broker?: () => Promise<BrokerState>;
  readonly clock: Clock;
}

/** Options of the metrics. */
export interface MetricsOptions {
  /** Without sources, only what flows is measured (tests, the CLI). */
  readonly sources?: WatchSources;
  /** How long a snapshot of what waits is reused. @defaultValue 10 000 ms */
  readonly cacheMs?: number;
  /** Also Node's process metrics (CPU, memory, event loop lag). @defaultValue true */
  readonly processMetrics?: boolean;
}

/** What waits, read at one moment. */
export interface WatchSnapshot {
  readonly at: Date;
  readonly ledgerUp: boolean;
  readonly waiting: readonly ParticipantBacklog[];
  readonly overdue: readonly ParticipantBacklog[];
  readonly outbox: OutboxSummary;
  readonly broker?: BrokerState;
  /** The last chain verification (`knooppunt ledger verify`), if any. */
  readonly verification?: VerificationRecord;
  readonly certificates: readonly {
    readonly participant: string;
    readonly thumbprint: string;
    readonly validTo: string;
  }[];
}

const SECOND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** From a fraction of a second to a week: a pickup may take days. */
const LIFE_BUCKETS = [
  0.1,
  1,
  10,
  60,
  300,
  900,
  3600,
  4 * 3600,
  12 * 3600,
  86_400,
  2 * 86_400,
  5 * 86_400,
  7 * 86_400,
];
const DAY_MS = 86_400_000;
/** How long one read of what waits may take (Prometheus' scrape timeout is 10 s by default). */
const READ_TIMEOUT_MS = 4000;
/** The last verification changes once a day or so: it is read again at most this often. */
const VERIFICATION_CACHE_MS = 5 * 60_000;

/** Seconds from an ISO time to `now`, never negative. */
function ageSeconds(from: string | undefined, now: Date): number {
  if (from === undefined) return 0;
  return Math.max(0, (now.getTime() - Date.parse(from)) / 1000);
}

/** The hub's metrics. */
export class HubMetrics {
  readonly registry = new Registry();
  readonly #messages: Counter<keyof CountedSubmission>;
  readonly #steps: Histogram<'step'>;
  readonly #life: Histogram<'stage' | 'transport'>;
  readonly #sources: WatchSources | undefined;
  readonly #cacheMs: number;
  #snapshot: { readonly until: number; readonly value: Promise<WatchSnapshot> } | undefined;
  #verification:
    { readonly until: number; readonly value: Promise<VerificationRecord | undefined> } | undefined;

  constructor(options: MetricsOptions = {}) {
    this.#sources = options.sources;
    this.#cacheMs = options.cacheMs ?? 10_000;
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.#messages = new Counter({
      name: 'knooppunt_messages_total',
      help: 'Submissions by module, message type, transport and outcome (with the code of a rejection)',
      labelNames: ['module', 'messageType', 'transport', 'outcome', 'code'],
      registers,
    });
    this.#steps = new Histogram({
      name: 'knooppunt_pipeline_step_seconds',
      help: 'Time of each pipeline step per submission',
      labelNames: ['step'],
      buckets: SECOND_BUCKETS,
      registers,
    });
    this.#life = new Histogram({
      name: 'knooppunt_message_lifetime_seconds',
      help: 'From acceptance to delivery (stage delivered) and to pickup (stage picked_up)',
      labelNames: ['stage', 'transport'],
      buckets: LIFE_BUCKETS,
      registers,
    });
    if (this.#sources !== undefined) this.#watchGauges(registers);
  }

  /** Counts a submission's outcome. */
  submission(outcome: CountedSubmission): void {
    this.#messages.inc({ ...outcome });
  }

  /**
   * Runs `work` as pipeline step `step` and records its time: synchronous work stays
   * synchronous (no promise on the hot path for it), a promise is timed until it settles.
   */
  timed<T>(step: string, work: () => T): T {
    const started = performance.now();
    const done = (): void => this.#steps.observe({ step }, (performance.now() - started) / 1000);
    let result: T;
    try {
      result = work();
    } catch (error) {
      done();
      throw error;
    }
    if (result instanceof Promise) return result.finally(done) as T;
    done();
    return result;
  }

  /** A message moved on (`update` applied): observes its delivery or pickup time. */
  moved(record: MessageSummary, update: MessageUpdate): void {
    const { type, at, data } = update.event;
    if (type !== 'delivered' && type !== 'picked-up') return;
    const seconds = Math.max(0, (Date.parse(at) - Date.parse(record.receivedAt)) / 1000);
    const transport = typeof data['transport'] === 'string' ? data['transport'] : 'unknown';
    this.#life.observe(
      { stage: type === 'delivered' ? 'delivered' : 'picked_up', transport },
      seconds,
    );
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ readonly contentType: string; readonly text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  /** What waits now, as the gauges show it (the console's health and alerts read it too). */
  watch(): Promise<WatchSnapshot> | undefined {
    return this.#snapshotNow();
  }

  /** What waits now (cached for `cacheMs`); undefined without sources. */
  #snapshotNow(): Promise<WatchSnapshot> | undefined {
    const sources = this.#sources;
    if (sources === undefined) return undefined;
    const now = performance.now();
    if (this.#snapshot === undefined || this.#snapshot.until <= now) {
      this.#snapshot = {
        until: now + this.#cacheMs,
        value: readSnapshot(sources, () => this.#lastVerification(sources, now)),
      };
    }
    return this.#snapshot.value;
  }

  /** The last chain verification, read again at most every VERIFICATION_CACHE_MS. */
  #lastVerification(sources: WatchSources, now: number): Promise<VerificationRecord | undefined> {
    if (this.#verification === undefined || this.#verification.until <= now) {
      const value = lastVerification(sources.ledger);
      // A failed read is tried again at the next scrape.
      value.catch(() => (this.#verification = undefined));
      this.#verification = { until: now + VERIFICATION_CACHE_MS, value };
    }
    return this.#verification.value;
  }

  #watchGauges(registers: Registry[]): void {
    const gauge = <L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      fill: (gauge: Gauge<L>, snapshot: WatchSnapshot) => void,
    ): void => {
      const snapshotOf = (): Promise<WatchSnapshot> | undefined => this.#snapshotNow();
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        async collect() {
          const snapshot = await snapshotOf();
          this.reset();
          if (snapshot !== undefined) fill(this, snapshot);
        },
      });
    };
    gauge('knooppunt_ledger_up', '1 when the ledger answered the last check', [], (g, s) =>
      g.set(s.ledgerUp ? 1 : 0),
    );
    gauge(
      'knooppunt_mailbox_waiting',
      'Messages waiting for the participant to pick them up (accepted or delivered)',
      ['participant'],
      (g, s) => s.waiting.forEach((w) => g.set({ participant: w.participant }, w.count)),
    );
    gauge(
      'knooppunt_mailbox_oldest_waiting_seconds',
      'Age of the oldest message waiting for the participant',
      ['participant'],
      (g, s) =>
        s.waiting.forEach((w) => g.set({ participant: w.participant }, ageSeconds(w.oldest, s.at))),
    );
    gauge(
      'knooppunt_answers_overdue',
      'Requests the participant has not answered by their deadline (working days of the catalogue)',
      ['participant'],
      (g, s) => s.overdue.forEach((o) => g.set({ participant: o.participant }, o.count)),
    );
    gauge(
      'knooppunt_answers_overdue_seconds',
      'Time since the earliest missed answer deadline of the participant',
      ['participant'],
      (g, s) =>
        s.overdue.forEach((o) => g.set({ participant: o.participant }, ageSeconds(o.oldest, s.at))),
    );
    gauge(
      'knooppunt_ledger_chain_ok',
      '1 when the last chain verification (knooppunt ledger verify) found the ledger intact',
      [],
      (g, s) => {
        if (s.verification !== undefined) g.set(s.verification.ok ? 1 : 0);
      },
    );
    gauge(
      'knooppunt_ledger_chain_verified_timestamp_seconds',
      'When the ledger was last verified (Unix time)',
      [],
      (g, s) => {
        if (s.verification !== undefined) g.set(Date.parse(s.verification.at) / 1000);
      },
    );
    gauge('knooppunt_outbox_messages', 'AMQP deliveries accepted and not yet relayed', [], (g, s) =>
      g.set(s.outbox.count),
    );
    gauge(
      'knooppunt_relay_lag_seconds',
      'Age of the oldest AMQP delivery not yet relayed (0 when none waits)',
      [],
      (g, s) => g.set(ageSeconds(s.outbox.oldest, s.at)),
    );
    gauge(
      'knooppunt_certificate_expiry_days',
      "Days until an active participant's active certificate expires (negative: expired)",
      ['participant', 'thumbprint'],
      (g, s) =>
        s.certificates.forEach((c) =>
          g.set(
            { participant: c.participant, thumbprint: c.thumbprint },
            Math.floor((Date.parse(c.validTo) - s.at.getTime()) / DAY_MS),
          ),
        ),
    );
    if (this.#sources?.broker !== undefined) {
      gauge('knooppunt_broker_up', '1 when the broker answered the last check', [], (g, s) =>
        g.set(s.broker?.up === true ? 1 : 0),
      );
      gauge('knooppunt_dead_letters', 'Messages in the dead-letter queue', [], (g, s) => {
        if (s.broker?.deadLetters !== undefined) g.set(s.broker.deadLetters);
      });
    }
  }
}

/** Reads what waits; a part that fails reads as down or empty, never as a failed scrape. */
async function readSnapshot(
  sources: WatchSources,
  verified: () => Promise<VerificationRecord | undefined>,
): Promise<WatchSnapshot> {
  const at = sources.clock.now();
  // Every read at once, each for at most READ_TIMEOUT_MS: a slow ledger shows as down, within
  // Prometheus' scrape timeout, rather than as a hub that does not answer.
  const read = <T>(work: Promise<T>, fallback: T): Promise<T> =>
    withTimeout(work, READ_TIMEOUT_MS).catch(() => fallback);
  const [ledgerUp, waiting, overdue, outbox, participants, broker, verification] =
    await Promise.all([
      read(
        sources.ledger.ping().then(() => true),
        false,
      ),
      read(sources.ledger.waitingByRecipient(), []),
      read(sources.ledger.overdueByRecipient(at.toISOString()), []),
      read(sources.ledger.outboxSummary(), { count: 0 }),
      read(sources.participants(), [] as readonly Participant[]),
      sources.broker === undefined ? undefined : read(sources.broker(), { up: false }),
      read(verified(), undefined),
    ]);
  const certificates = participants
    .filter((participant) => participant.status === 'active')
    .flatMap((participant) =>
      participant.certificates
        .filter(
          (certificate) => certificate.status === 'active' && certificate.retiresAt === undefined,
        )
        .map((certificate) => ({
          participant: participant.oin,
          thumbprint: certificate.thumbprint,
          validTo: certificate.validTo,
        })),
    );
  return {
    at,
    ledgerUp,
    waiting,
    overdue,
    outbox,
    certificates,
    ...(broker === undefined ? {} : { broker }),
    ...(verification === undefined ? {} : { verification }),
  };
}
