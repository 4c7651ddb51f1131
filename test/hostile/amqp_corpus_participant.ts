/**
 * A participant's own AMQP client for the hostile corpus (amqp_corpus_world.ts): it consumes
 * its queue, publishes with confirms and every property under the caller's control, provokes
 * refusals of the broker on channels of their own, and publishes headers nested deeper than
 * amqplib can encode on this thread's stack.
 */
import { Worker } from 'node:worker_threads';
import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { NAMES, participantQueue } from '@knooppunt/standard';
import type { AmqpReceipt } from '@knooppunt/standard';

/** The properties a case may set on a publish; `null` leaves a default property out. */
export interface Publish {
  readonly exchange?: string;
  readonly routingKey?: string;
  readonly type?: string | null;
  readonly contentType?: string | null;
  readonly contentEncoding?: string;
  readonly messageId?: string | null;
  readonly userId?: string | null;
  readonly appId?: string;
  readonly replyTo?: string;
  readonly correlationId?: string;
  readonly headers?: Record<string, unknown>;
  readonly priority?: number;
  readonly expiration?: string;
}

/** A refusal of the broker: its reply code and text (e.g. 403 ACCESS_REFUSED). */
export interface BrokerRefusal {
  readonly code: number;
  readonly text: string;
}

/** A participant's own connection: a consumer of its queue and a confirm channel. */
export class Participant {
  readonly received: ConsumeMessage[] = [];
  #waiters: (() => void)[] = [];

  private constructor(
    readonly oin: string,
    readonly model: ChannelModel,
    readonly channel: ConfirmChannel,
  ) {}

  /** Connects to `url` (its user and password) as `oin`; with `consume`, collects its queue. */
  static async connect(url: string, oin: string, consume: boolean): Promise<Participant> {
    const model = await amqp.connect(url);
    model.on('error', () => undefined);
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    const participant = new Participant(oin, model, channel);
    if (consume) {
      const reader = await model.createChannel();
      await reader.consume(participantQueue(oin), (message) => {
        if (message === null) return;
        participant.received.push(message);
        reader.ack(message);
        for (const waiter of participant.#waiters.splice(0)) waiter();
      });
    }
    return participant;
  }

  /** Publishes with confirms; every property as `publish` says. */
  async publish(body: Buffer | string | unknown, publish: Publish = {}): Promise<void> {
    const content = Buffer.isBuffer(body)
      ? body
      : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const type = publish.type === undefined ? 'submission' : publish.type;
    const options: Options.Publish = {
      persistent: true,
      ...pick(publish, [
        'contentEncoding',
        'appId',
        'replyTo',
        'correlationId',
        'headers',
        'priority',
        'expiration',
      ]),
      ...(type === null ? {} : { type }),
      ...(publish.contentType === null
        ? {}
        : { contentType: publish.contentType ?? 'application/json' }),
      ...(publish.userId === null ? {} : { userId: publish.userId ?? this.oin }),
      ...(publish.messageId == null ? {} : { messageId: publish.messageId }),
    };
    await new Promise<void>((resolve, reject) =>
      this.channel.publish(
        publish.exchange ?? NAMES.inboundExchange,
        publish.routingKey ?? (type === 'ack' ? 'ack' : 'submission'),
        content,
        options,
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      ),
    );
  }

  /** Waits (up to 10 s) for a message on the queue matching `predicate`. */
  async waitFor(predicate: (message: ConsumeMessage) => boolean): Promise<ConsumeMessage> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.oin}: nothing arrived within 10 s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first receipt that arrived after the first `after` messages, parsed. */
  async receiptAfter(after: number): Promise<{ message: ConsumeMessage; body: AmqpReceipt }> {
    const message = await this.waitFor(
      (m) => m.properties.type === 'receipt' && this.received.indexOf(m) >= after,
    );
    return { message, body: JSON.parse(message.content.toString('utf8')) as AmqpReceipt };
  }

  /**
   * Runs `provoke` on a fresh channel of this connection and returns the broker's refusal:
   * the channel error it closes the channel with, or the error the call rejected with.
   */
  async refusal(provoke: (channel: ConfirmChannel) => Promise<unknown>): Promise<BrokerRefusal> {
    const channel = await this.model.createConfirmChannel();
    const closed = new Promise<BrokerRefusal>((resolve) =>
      channel.once('error', (error: { code?: number; message: string }) =>
        resolve(refusalOf(error)),
      ),
    );
    const outcome = await provoke(channel).then(
      () => undefined,
      (error: unknown) => error as { code?: number; message: string },
    );
    const timeout = new Promise<BrokerRefusal>((resolve) =>
      setTimeout(
        () => resolve({ code: 0, text: `not refused: ${String(outcome?.message)}` }),
        5000,
      ),
    );
    return Promise.race([closed, timeout]);
  }

  async close(): Promise<void> {
    await this.model.close().catch(() => undefined);
  }
}

/** `403 ACCESS_REFUSED` out of an amqplib error. */
export function refusalOf(error: { code?: number; message: string }): BrokerRefusal {
  const text = /(\d{3}) \(([A-Z-]+)\)/.exec(error.message)?.[2]?.replace(/-/g, '_') ?? '';
  return { code: error.code ?? Number(/(\d{3})/.exec(error.message)?.[1] ?? 0), text };
}

/** Publishes on `channel` and waits for the broker's confirm (or its refusal). */
export function publishOn(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  body: unknown,
  options: Options.Publish = {},
): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    channel.publish(
      exchange,
      routingKey,
      Buffer.from(JSON.stringify(body)),
      { contentType: 'application/json', ...options },
      (error: unknown) => (error ? reject(error as Error) : resolve()),
    ),
  );
}

/** The worker of `publishNested` (CommonJS, evaluated). */
const NESTED_PUBLISHER = `
const { workerData: w, parentPort } = require('node:worker_threads');
const amqp = require('amqplib');
(async () => {
  let value = w.kind === 'tables' ? { v: 1 } : [1];
  for (let i = 0; i < w.depth; i += 1) value = w.kind === 'tables' ? { a: value } : [value];
  const model = await amqp.connect(w.url);
  try {
    const channel = await model.createConfirmChannel();
    const properties = { persistent: true, type: w.type, contentType: 'application/json',
      userId: w.userId, messageId: w.messageId, headers: w.kind === 'tables' ? value : { a: value } };
    await new Promise((resolve, reject) => channel.publish(w.exchange, w.type, Buffer.from(w.body),
      properties, (error) => (error ? reject(error) : resolve())));
  } finally {
    await model.close();
  }
  parentPort.postMessage('published');
})().catch((error) => parentPort.postMessage(String(error && error.message)));
`;

/**
 * Publishes `body` as `userId` (connecting to `url`) with headers nested `depth` tables or
 * arrays deep. amqplib's encoder recurses as deep as the value, past this thread's stack at a
 * few thousand levels: a worker thread with a large stack builds, encodes and publishes them.
 */
export async function publishNested(
  url: string,
  userId: string,
  message: {
    kind: 'tables' | 'arrays';
    depth: number;
    body: string;
    type: string;
    messageId: string;
  },
): Promise<void> {
  const worker = new Worker(NESTED_PUBLISHER, {
    eval: true,
    workerData: { ...message, url, userId, exchange: NAMES.inboundExchange },
    resourceLimits: { stackSizeMb: 64 },
  });
  try {
    const outcome = await new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (outcome !== 'published') throw new Error(`the nested publish failed: ${String(outcome)}`);
  } finally {
    await worker.terminate();
  }
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) picked[key] = from[key];
  return picked;
}
