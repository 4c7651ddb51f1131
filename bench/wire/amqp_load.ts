/**
 * The AMQP phases of `npm run bench`. Through the hub: each sender opens its own connection as
 * every participant it speaks for and keeps `window` conversations in flight — a saldoverzoek
 * published to `knooppunt.inbound` with publisher confirms, its signed receipt awaited on the
 * sender's queue, then the creditor's answer the same way (the hub takes an answer only to a
 * message it holds). The recipients consume their queues (receipts and deliveries) and ack
 * each message to the broker. Raw: the same bodies published by the same number of
 * connections with the same window, with confirms, straight to a quorum queue per recipient
 * and consumed and acked there — the broker's own cost of one publish and one consume, against
 * the hub's consume and two publishes (receipt, delivery) per message.
 */
import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { NAMES, participantQueue } from '@knooppunt/standard';
import type { Shot } from './cast.ts';

/** A receipt or a consumed raw message: when it came and what it said. */
interface Arrival {
  readonly at: number;
  readonly accepted: boolean;
  readonly body: string;
}

/** How long one message may wait for its receipt (or its consume) before the phase fails. */
const ARRIVAL_TIMEOUT_MS = 60_000;
/** Unacknowledged deliveries per consumer. */
const PREFETCH = 512;

/** Promises of arrivals by id: who waits for what. */
export class Arrivals {
  readonly #waiting = new Map<string, (arrival: Arrival) => void>();

  /** A promise of `id`'s arrival; rejects after `ARRIVAL_TIMEOUT_MS`. */
  expect(id: string): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`nothing arrived for ${id} within ${ARRIVAL_TIMEOUT_MS / 1000} s`));
      }, ARRIVAL_TIMEOUT_MS);
      this.#waiting.set(id, (arrival) => {
        clearTimeout(timer);
        resolve(arrival);
      });
    });
  }

  /** Settles `id`'s promise (nothing when nobody waits: a repeat, or a warm-up's straggler). */
  arrived(id: string, arrival: Arrival): void {
    const settle = this.#waiting.get(id);
    this.#waiting.delete(id);
    settle?.(arrival);
  }
}

/** Whether a receipt's body says accepted (the hub writes `"status":"accepted"` first). */
export function receiptAccepted(body: string): boolean {
  return (JSON.parse(body) as { status?: unknown }).status === 'accepted';
}

/** The participants' queues consumed: receipts settle their senders, deliveries are noted. */
export interface Inbox {
  /** When each message id first arrived on its recipient's queue (performance.now()). */
  readonly deliveredAt: Map<string, number>;
  readonly receipts: Arrivals;
  close(): Promise<void>;
}

/** Consumes every participant's queue, one connection each, acking each message. */
export async function openInbox(
  oins: readonly string[],
  urlFor: (oin: string) => string,
): Promise<Inbox> {
  const deliveredAt = new Map<string, number>();
  const receipts = new Arrivals();
  const models = await Promise.all(
    oins.map(async (oin) => {
      const model = await amqp.connect(urlFor(oin));
      const channel = await model.createChannel();
      await channel.prefetch(PREFETCH);
      await channel.consume(participantQueue(oin), (message: ConsumeMessage | null) => {
        if (message === null) return;
        const at = performance.now();
        const { type, correlationId, messageId } = message.properties as {
          type?: unknown;
          correlationId?: unknown;
          messageId?: unknown;
        };
        if (type === 'receipt' && typeof correlationId === 'string') {
          const body = message.content.toString('utf8');
          receipts.arrived(correlationId, { at, accepted: receiptAccepted(body), body });
        } else if (type === 'message' && typeof messageId === 'string') {
          if (!deliveredAt.has(messageId)) deliveredAt.set(messageId, at);
        }
        channel.ack(message);
      });
      return model;
    }),
  );
  return {
    deliveredAt,
    receipts,
    close: async () => void (await Promise.allSettled(models.map((model) => model.close()))),
  };
}

/** A message ready to publish: its shot and the body as bytes (encoded before the timing). */
export interface AmqpShot extends Shot {
  readonly content: Buffer;
}

/** Encodes the bodies of `pairs` once. */
export function encodePairs(
  pairs: readonly (readonly [Shot, Shot])[],
): (readonly [AmqpShot, AmqpShot])[] {
  const encode = (shot: Shot): AmqpShot => ({ ...shot, content: Buffer.from(shot.body) });
  return pairs.map(([request, answer]) => [encode(request), encode(answer)] as const);
}

/** Deals conversations out to `count` senders, round robin: sender k gets pairs k, k + count, … */
export function dealConversations<T>(pairs: readonly T[], count: number): T[][] {
  const lanes = Array.from({ length: count }, () => [] as T[]);
  pairs.forEach((pair, i) => lanes[i % count]?.push(pair));
  return lanes;
}

/** The participants a sender speaks for: every sender of its messages, in order. */
export function sendersOf(lane: readonly (readonly Shot[])[]): string[] {
  return [...new Set(lane.flatMap((pair) => pair.map((shot) => shot.sender)))];
}

/** Publishes with confirms; resolves when the broker confirmed. */
function publish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  properties: amqp.Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    channel.publish(exchange, routingKey, content, properties, (error: unknown) =>
      error ? reject(error as Error) : resolve(),
    );
  });
}

/** What a phase through the hub gave. */
export interface HubPhaseResult {
  /** Messages published. */
  readonly sent: number;
  /** Receipts of acceptance, and each one's time from publish to receipt, ms (unsorted). */
  readonly accepted: number;
  readonly receiptMs: readonly number[];
  /** When each accepted message was published (performance.now()). */
  readonly submittedAt: ReadonlyMap<string, number>;
  /** From the first publish to the last receipt, ms. */
  readonly elapsedMs: number;
  readonly rejected: number;
  readonly firstRejection: string | undefined;
  /** Some sender ran out of prepared conversations before the time was up. */
  readonly exhausted: boolean;
}

/** Options of one phase through the hub. */
export interface HubPhaseOptions {
  /** One list of conversations per sender. */
  readonly lanes: readonly (readonly (readonly [AmqpShot, AmqpShot])[])[];
  /** Conversations each sender keeps in flight. */
  readonly window: number;
  readonly durationMs: number;
  /** The URL (user and password) of a participant's connection. */
  readonly urlFor: (oin: string) => string;
  readonly inbox: Inbox;
}

/** Runs one closed-loop phase through the hub. */
export async function runHubPhase(options: HubPhaseOptions): Promise<HubPhaseResult> {
  const { lanes, window, durationMs, urlFor, inbox } = options;
  const models: ChannelModel[] = [];
  // Every sender's own connections, opened before the timing.
  const channels = await Promise.all(
    lanes.map(async (lane) => {
      const byOin = new Map<string, ConfirmChannel>();
      for (const oin of sendersOf(lane)) {
        const model = await amqp.connect(urlFor(oin));
        models.push(model);
        byOin.set(oin, await model.createConfirmChannel());
      }
      return byOin;
    }),
  );
  const receiptMs: number[] = [];
  const submittedAt = new Map<string, number>();
  let sent = 0;
  let rejected = 0;
  let firstRejection: string | undefined;
  let exhausted = false;
  const start = performance.now();
  const deadline = start + durationMs;
  /** Publishes `shot` as its sender; whether the hub accepted it. */
  const submit = async (byOin: Map<string, ConfirmChannel>, shot: AmqpShot): Promise<boolean> => {
    const receipt = inbox.receipts.expect(shot.id);
    const began = performance.now();
    await publish(
      byOin.get(shot.sender) as ConfirmChannel,
      NAMES.inboundExchange,
      'submission',
      shot.content,
      {
        persistent: true,
        type: 'submission',
        contentType: 'application/json',
        userId: shot.sender,
        messageId: shot.id,
      },
    );
    sent += 1;
    const arrival = await receipt;
    if (!arrival.accepted) {
      rejected += 1;
      firstRejection ??= arrival.body.slice(0, 800);
      return false;
    }
    receiptMs.push(arrival.at - began);
    submittedAt.set(shot.id, began);
    return true;
  };
  await Promise.all(
    lanes.map(async (lane, k) => {
      const byOin = channels[k] as Map<string, ConfirmChannel>;
      let next = 0;
      await Promise.all(
        Array.from({ length: window }, async () => {
          while (performance.now() < deadline) {
            const pair = lane[next++];
            if (pair === undefined) {
              exhausted = true;
              return;
            }
            const [request, answer] = pair;
            if ((await submit(byOin, request)) && performance.now() < deadline) {
              await submit(byOin, answer);
            }
          }
        }),
      );
    }),
  );
  const elapsedMs = performance.now() - start;
  await Promise.allSettled(models.map((model) => model.close()));
  return {
    sent,
    accepted: receiptMs.length,
    receiptMs,
    submittedAt,
    elapsedMs,
    rejected,
    firstRejection,
    exhausted,
  };
}

/**
 * Waits until every id in `ids` was delivered; gives up when `quietMs` pass without one more
 * (a slow ledger is not a lost message). Returns how many never came.
 */
export async function awaitDelivered(
  inbox: Inbox,
  ids: Iterable<string>,
  quietMs: number,
): Promise<number> {
  let missing = [...ids];
  let deadline = performance.now() + quietMs;
  for (;;) {
    const before = missing.length;
    missing = missing.filter((id) => !inbox.deliveredAt.has(id));
    if (missing.length < before) deadline = performance.now() + quietMs;
    if (missing.length === 0 || performance.now() > deadline) return missing.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the raw phase gave: messages consumed, each one's publish → consume time. */
export interface RawPhaseResult {
  readonly consumed: number;
  readonly consumedMs: readonly number[];
  readonly elapsedMs: number;
}

/** The raw phase's queue for a recipient. */
export function rawQueue(oin: string): string {
  return `bench.raw.${oin}`;
}

/** Options of the raw phase. */
export interface RawPhaseOptions {
  /** `amqp://guest:guest@…/<vhost>`: the broker the hub uses, as an administrator. */
  readonly url: string;
  /** One list of messages per publisher (started again when used up). */
  readonly lanes: readonly (readonly AmqpShot[])[];
  readonly window: number;
  readonly durationMs: number;
}

/** Raw amqplib on the same broker: publish with confirms → consume from quorum queues. */
export async function runRawPhase(options: RawPhaseOptions): Promise<RawPhaseResult> {
  const { url, lanes, window, durationMs } = options;
  const recipients = [...new Set(lanes.flat().map((shot) => shot.recipient))];
  const consumedArrivals = new Arrivals();
  const models: ChannelModel[] = [];
  const connect = async (): Promise<ChannelModel> => {
    const model = await amqp.connect(url);
    models.push(model);
    return model;
  };
  try {
    // A consumer connection per recipient, as the hub's recipients have.
    for (const oin of recipients) {
      const channel = await (await connect()).createChannel();
      await channel.assertQueue(rawQueue(oin), {
        durable: true,
        arguments: { 'x-queue-type': 'quorum' },
      });
      await channel.prefetch(PREFETCH);
      await channel.consume(rawQueue(oin), (message: ConsumeMessage | null) => {
        if (message === null) return;
        const id = message.properties.messageId as string;
        consumedArrivals.arrived(id, { at: performance.now(), accepted: true, body: '' });
        channel.ack(message);
      });
    }
    const publishers = await Promise.all(
      lanes.map(async () => (await connect()).createConfirmChannel()),
    );
    const consumedMs: number[] = [];
    const start = performance.now();
    const deadline = start + durationMs;
    await Promise.all(
      lanes.map(async (lane, k) => {
        const channel = publishers[k] as ConfirmChannel;
        let next = 0;
        await Promise.all(
          Array.from({ length: window }, async () => {
            while (lane.length > 0 && performance.now() < deadline) {
              const n = next++;
              const shot = lane[n % lane.length] as AmqpShot;
              const id = `${k}-${n}`;
              const consumed = consumedArrivals.expect(id);
              const began = performance.now();
              await publish(channel, '', rawQueue(shot.recipient), shot.content, {
                persistent: true,
                contentType: 'application/json',
                messageId: id,
              });
              consumedMs.push((await consumed).at - began);
            }
          }),
        );
      }),
    );
    return { consumed: consumedMs.length, consumedMs, elapsedMs: performance.now() - start };
  } finally {
    await Promise.allSettled(models.map((model) => model.close()));
  }
}
