/**
 * One resilient connection to RabbitMQ for the hub: connects, opens a confirm channel for
 * publishing, runs each registered `setup` (topology, consumers) on every (re)connect, and
 * reconnects with capped exponential backoff when the broker closes the connection or goes
 * away. Publishing waits for the broker's confirm (publisher confirms,
 * https://www.rabbitmq.com/docs/confirms#publisher-confirms): a message counts as handed over
 * only when the broker has taken responsibility for it.
 */
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel, Options } from 'amqplib';
import { TransportError } from '@knooppunt/standard';
import type { Logger } from '../../ops/logger.ts';
import { guardHeaders } from './header_guard.ts';

/** What runs on every fresh connection (declare topology, start consumers). */
export type ConnectionSetup = (model: ChannelModel, publisher: ConfirmChannel) => Promise<void>;

/** Options of the connection. */
export interface AmqpConnectionOptions {
  readonly url: string;
  readonly logger: Logger;
  /** First reconnect delay. @defaultValue 200 ms */
  readonly minBackoffMs?: number;
  /** Longest reconnect delay. @defaultValue 10 s */
  readonly maxBackoffMs?: number;
}

/** The backoff before reconnect attempt `attempt` (0-based): doubling, capped, with jitter. */
export function backoffMs(attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(base / 2 + Math.random() * (base / 2));
}

/** A connection that comes back. */
export class AmqpConnection {
  readonly #options: AmqpConnectionOptions;
  readonly #setups: ConnectionSetup[] = [];
  #model: ChannelModel | undefined;
  #publisher: ConfirmChannel | undefined;
  #stopped = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | undefined;
  #waiters: (() => void)[] = [];

  constructor(options: AmqpConnectionOptions) {
    this.#options = options;
  }

  /** Registers a setup step, run on every (re)connect in registration order. */
  onConnect(setup: ConnectionSetup): void {
    this.#setups.push(setup);
  }

  /** Connects once (throws when the broker is unreachable at start). */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** True while connected. */
  get connected(): boolean {
    return this.#publisher !== undefined;
  }

  /** Resolves when connected (now or after the next reconnect). */
  async ready(): Promise<void> {
    if (this.connected) return;
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Publishes and resolves on the broker's confirm; rejects on a nack or a lost connection. */
  async publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: Options.Publish,
  ): Promise<void> {
    const channel = this.#publisher;
    if (channel === undefined) {
      throw new TransportError('BROKER_UNAVAILABLE', 'not connected to RabbitMQ');
    }
    await new Promise<void>((resolve, reject) => {
      channel.publish(exchange, routingKey, content, options, (error: unknown) => {
        if (error === null || error === undefined) resolve();
        else reject(new TransportError('BROKER_UNAVAILABLE', 'the broker did not confirm'));
      });
    });
  }

  /** Runs `work` on the publishing channel (declarations after start). */
  async withChannel<T>(work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    const channel = this.#publisher;
    if (channel === undefined) {
      throw new TransportError('BROKER_UNAVAILABLE', 'not connected to RabbitMQ');
    }
    return work(channel);
  }

  /**
   * Runs `work` on a channel of its own, closed afterwards: for a passive check that the broker
   * answers by closing the channel (a missing queue is 404), which must not take the
   * publishing channel with it.
   */
  async withTemporaryChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    const model = this.#model;
    if (model === undefined)
      throw new TransportError('BROKER_UNAVAILABLE', 'not connected to RabbitMQ');
    const channel = await model.createChannel();
    channel.on('error', () => undefined); // a 404 closes it; the caller gets the rejection
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /** Throws unless connected (the readiness check). */
  async check(): Promise<void> {
    if (!this.connected) throw new Error('not connected to RabbitMQ');
  }

  /** Closes the connection and stops reconnecting. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const model = this.#model;
    this.#model = undefined;
    this.#publisher = undefined;
    await model?.close().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const model = await amqp.connect(this.#options.url);
    try {
      // Before any delivery: headers too deep for amqplib's decoder must not reach it.
      guardHeaders(model.connection);
      model.on('error', (error: unknown) =>
        this.#options.logger.warn({ err: error }, 'AMQP connection error'),
      );
      model.on('close', () => this.#lost(model));
      const publisher = await model.createConfirmChannel();
      publisher.on('error', (error: unknown) =>
        this.#options.logger.warn({ err: error }, 'AMQP channel error'),
      );
      // A channel error closes only the channel: treat it as a lost connection, start over.
      publisher.on('close', () => void model.close().catch(() => undefined));
      for (const setup of this.#setups) await setup(model, publisher);
      this.#model = model;
      this.#publisher = publisher;
      this.#attempt = 0;
      this.#options.logger.info('connected to RabbitMQ');
      for (const waiter of this.#waiters.splice(0)) waiter();
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
  }

  #lost(model: ChannelModel): void {
    if (this.#model === model) {
      this.#model = undefined;
      this.#publisher = undefined;
    }
    if (this.#stopped) return;
    this.#options.logger.warn('lost the RabbitMQ connection; reconnecting');
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped || this.#timer !== undefined) return;
    const delay = backoffMs(
      this.#attempt,
      this.#options.minBackoffMs ?? 200,
      this.#options.maxBackoffMs ?? 10_000,
    );
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#stopped || this.connected) return;
      this.#connect().catch((error: unknown) => {
        this.#options.logger.warn({ err: error, attempt: this.#attempt }, 'reconnect failed');
        this.#schedule();
      });
    }, delay);
    this.#timer.unref();
  }
}
