/**
 * The demo's parties: one bot per development participant, on the SDK — a message factory,
 * a connection to the hub (REST or AMQP) and a way to take delivery of what it expects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AmqpClient, MessageFactory, RestClient } from '@knooppunt/sdk';
import type { HubConnection } from '@knooppunt/sdk';
import type { FetchedMessage } from '@knooppunt/standard';
import { DEV_NETWORK, devSignerFor } from '../devnet/dev_network.ts';
import type { ThrowawayHub } from '../hub/throwaway_hub.ts';
import { passwordPath } from '../transports/amqp/provisioning.ts';

/** A party of the demo: its factory, its connection and how it takes delivery. */
export interface Bot {
  readonly oin: string;
  readonly factory: MessageFactory;
  readonly connection: HubConnection;
  /** The hub's directory over REST (a municipality by postcode), whatever the connection. */
  readonly directory: RestClient;
  /** Takes `count` messages of `type`: received and acknowledged. */
  readonly take: (type: string, count: number) => Promise<FetchedMessage[]>;
}

/** How long a bot waits for a message it expects before the demo gives up. */
const TAKE_TIMEOUT_MS = 30_000;

/** Over REST: poll the mailbox for `count` messages of `type`, fetch and acknowledge each. */
function restTaker(client: RestClient): Bot['take'] {
  return async (type, count) => {
    const deadline = Date.now() + TAKE_TIMEOUT_MS;
    const taken: FetchedMessage[] = [];
    while (taken.length < count) {
      const page = await client.inbox({ messageType: type, limit: count - taken.length });
      for (const item of page.items) {
        taken.push(await client.fetch(item.messageId));
        await client.ack(item.messageId);
      }
      if (taken.length < count) {
        if (Date.now() > deadline) throw new Error(`${client.oin}: no ${type} arrived`);
        await sleep(20);
      }
    }
    return taken;
  };
}

/**
 * Over AMQP: take deliveries from the queue, keeping other types for later takes. Deliveries
 * of other runs (an interrupted demo leaves them on the shared broker) are acknowledged and
 * passed over.
 */
function amqpTaker(client: AmqpClient, ours: (message: FetchedMessage) => boolean): Bot['take'] {
  const deliveries = client.receive();
  const later: FetchedMessage[] = [];
  return async (type, count) => {
    const taken = later.filter((m) => m.envelope.messageType === type).slice(0, count);
    for (const message of taken) later.splice(later.indexOf(message), 1);
    while (taken.length < count) {
      const timer = setTimeout(() => void client.close(), TAKE_TIMEOUT_MS);
      const next = await deliveries.next().finally(() => clearTimeout(timer));
      if (next.done === true) throw new Error(`${client.oin}: no ${type} arrived`);
      if (!ours(next.value)) await client.ack(next.value.envelope.messageId);
      else if (next.value.envelope.messageType === type) taken.push(next.value);
      else later.push(next.value);
    }
    for (const message of taken) await client.ack(message.envelope.messageId);
    return taken;
  };
}

/** The broker URL for a participant's own user (same host and vhost). */
function amqpUrlFor(brokerUrl: string, oin: string, password: string): string {
  const url = new URL(brokerUrl);
  url.username = oin;
  url.password = password;
  return url.toString();
}

/** The bots of the development network, and what closes their connections. */
export interface Cast {
  readonly bots: ReadonlyMap<string, Bot>;
  close(): Promise<void>;
}

/**
 * A bot for every development participant of `throwaway` but `without` (a person plays it at
 * the portal), over REST, or over AMQP at `amqpUrl` (each with its own broker user); `ours`
 * tells this run's deliveries from others'.
 */
export async function castBots(
  throwaway: ThrowawayHub,
  amqpUrl: string | undefined,
  ours: (message: FetchedMessage) => boolean,
  without?: string,
): Promise<Cast> {
  const { hub, url: hubUrl, dataDir } = throwaway;
  const pkiDir = join(dataDir, 'pki');
  const bots = new Map<string, Bot>();
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers) await closer().catch(() => undefined);
  };
  try {
    for (const { oin, handle } of DEV_NETWORK) {
      if (handle === without) continue;
      const signer = devSignerFor(pkiDir, oin);
      const factory = new MessageFactory({ oin, signer, schemas: hub.schemas });
      if (amqpUrl === undefined) {
        const rest = new RestClient({ hubUrl, oin, signer });
        bots.set(handle, {
          oin,
          factory,
          connection: rest,
          directory: rest,
          take: restTaker(rest),
        });
        continue;
      }
      const password = readFileSync(passwordPath(pkiDir, oin), 'utf8');
      const amqp = await AmqpClient.connect({
        url: amqpUrlFor(amqpUrl, oin, password),
        oin,
        hubCertificate: hub.hubSigner.certificate,
      });
      closers.push(() => amqp.close());
      bots.set(handle, {
        oin,
        factory,
        connection: amqp,
        directory: new RestClient({ hubUrl, oin, signer }),
        take: amqpTaker(amqp, ours),
      });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { bots, close };
}
