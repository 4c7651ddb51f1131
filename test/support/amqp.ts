/**
 * RabbitMQ for tests: whether it (and its management API) answers, a throw-away vhost per
 * suite so runs never see each other's queues, and a participant's own AMQP client — it
 * connects as the participant's broker user with the password the hub wrote to
 * `<dataDir>/pki/participants/<oin>/amqp-password`, publishes with confirms and `user_id`,
 * and collects what arrives on its queue.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { NAMES, participantQueue } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';

/** The broker and management API tests use. */
export const TEST_AMQP_HOST = process.env['KNOOPPUNT_TEST_AMQP_HOST'] ?? '127.0.0.1:5672';
export const TEST_MANAGEMENT_URL = 'http://127.0.0.1:15672';
const ADMIN = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

/** Calls the management API as guest; throws on an unexpected status. */
export async function management(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${TEST_MANAGEMENT_URL}${path}`, {
    method,
    headers: { authorization: ADMIN, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok && response.status !== 404) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}

/** Whether RabbitMQ and its management API answer. */
export async function rabbitAvailable(): Promise<boolean> {
  try {
    const connection = await amqp.connect(`amqp://guest:guest@${TEST_AMQP_HOST}`);
    await connection.close();
    return (await management('GET', '/api/overview')).ok;
  } catch {
    return false;
  }
}

/** A vhost for one suite. */
export interface TestVhost {
  readonly name: string;
  /** `amqp://guest:guest@host/<vhost>`: the hub's AMQP_URL. */
  readonly url: string;
  /** A URL for `user` / `password` on this vhost. */
  urlFor(user: string, password: string): string;
  /** Deletes the vhost with all its queues and exchanges. */
  remove(): Promise<void>;
}

/** `knooppunt-test-<pid>-<random>`: a test vhost and the process that made it. */
const TEST_VHOST = /^knooppunt-test-(\d+)-[0-9a-f]+$/;

/**
 * Creates a fresh vhost where guest may do everything, named `knooppunt-test-<pid>-<random>`
 * so that {@link removeOrphanVhosts} can tell the vhosts of a run that was killed.
 */
export async function createTestVhost(): Promise<TestVhost> {
  const name = `knooppunt-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  await management('PUT', `/api/vhosts/${name}`, {});
  await management('PUT', `/api/permissions/${name}/guest`, {
    configure: '.*',
    write: '.*',
    read: '.*',
  });
  const urlFor = (user: string, password: string): string =>
    `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${TEST_AMQP_HOST}/${name}`;
  return {
    name,
    url: urlFor('guest', 'guest'),
    urlFor,
    remove: async () => void (await management('DELETE', `/api/vhosts/${name}`)),
  };
}

/** Whether a process with this pid runs on this machine. */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the test vhosts whose process no longer runs: a run killed halfway leaves its vhost
 * with its queues behind, and a broker with a few dozen of them made AMQP benchmarks stall.
 * Vhosts of running processes (another suite, another bench) are left alone. Answers the
 * names it deleted.
 */
export async function removeOrphanVhosts(): Promise<string[]> {
  const response = await management('GET', '/api/vhosts?columns=name');
  const vhosts = (await response.json()) as { name: string }[];
  const orphans = vhosts
    .map(({ name }) => name)
    .filter((name) => {
      const pid = TEST_VHOST.exec(name)?.[1];
      return pid !== undefined && !processRuns(Number(pid));
    });
  for (const name of orphans) await management('DELETE', `/api/vhosts/${name}`);
  return orphans;
}

/** The password the hub wrote for a participant's broker user. */
export function amqpPassword(dataDir: string, oin: string): string {
  return readFileSync(join(dataDir, 'pki', 'participants', oin, 'amqp-password'), 'utf8');
}

/** A participant's own connection: publish with confirms, collect its queue. */
export class ParticipantAmqp {
  readonly oin: string;
  readonly received: ConsumeMessage[] = [];
  readonly #model: ChannelModel;
  readonly #channel: ConfirmChannel;
  #waiters: (() => void)[] = [];

  private constructor(oin: string, model: ChannelModel, channel: ConfirmChannel) {
    this.oin = oin;
    this.#model = model;
    this.#channel = channel;
  }

  /** Connects as `oin`; with `consume`, collects (and acks) everything on its queue. */
  static async connect(
    url: string,
    oin: string,
    options: { consume?: boolean } = {},
  ): Promise<ParticipantAmqp> {
    const model = await amqp.connect(url);
    model.on('error', () => undefined);
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined);
    const client = new ParticipantAmqp(oin, model, channel);
    if (options.consume !== false) {
      await channel.consume(participantQueue(oin), (message) => {
        if (message === null) return;
        client.received.push(message);
        channel.ack(message);
        for (const waiter of client.#waiters.splice(0)) waiter();
      });
    }
    return client;
  }

  /** The channel, for tests that provoke broker errors. */
  get channel(): ConfirmChannel {
    return this.#channel;
  }

  /** Publishes to the inbound exchange and waits for the broker's confirm. */
  async publish(
    type: 'submission' | 'ack' | string,
    body: Buffer | unknown,
    properties: { userId?: string | null; messageId?: string } = {},
  ): Promise<void> {
    const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    const userId = properties.userId === undefined ? this.oin : properties.userId;
    await new Promise<void>((resolve, reject) => {
      this.#channel.publish(
        NAMES.inboundExchange,
        type === 'ack' ? 'ack' : 'submission',
        content,
        {
          persistent: true,
          type,
          contentType: 'application/json',
          ...(userId === null ? {} : { userId }),
          ...(properties.messageId === undefined ? {} : { messageId: properties.messageId }),
        },
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      );
    });
  }

  /** Submits a signed message. */
  async submit(message: SignedMessage): Promise<void> {
    await this.publish('submission', message, { messageId: message.envelope.messageId });
  }

  /** Waits until a received message matches `predicate`. */
  async waitFor(
    predicate: (message: ConsumeMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<ConsumeMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.oin}: nothing matching within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The receipt correlated with `messageId` (body parsed). */
  async receipt(messageId: string, timeoutMs?: number): Promise<Record<string, unknown>> {
    const message = await this.waitFor(
      (m) => m.properties.type === 'receipt' && m.properties.correlationId === messageId,
      timeoutMs,
    );
    return JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;
  }

  /** The delivery with message_id `messageId` (body parsed). */
  async delivery(messageId: string, timeoutMs?: number): Promise<Record<string, unknown>> {
    const message = await this.waitFor(
      (m) => m.properties.type === 'message' && m.properties.messageId === messageId,
      timeoutMs,
    );
    return JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;
  }

  async close(): Promise<void> {
    await this.#model.close().catch(() => undefined);
  }
}
