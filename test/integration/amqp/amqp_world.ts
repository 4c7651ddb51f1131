/**
 * A test hub with the AMQP transport on a throw-away vhost and the MongoDB ledger, plus
 * participants' own AMQP clients. `preferAmqp` switches a development participant's delivery
 * to its queue, as `knooppunt participants add --transport amqp` would.
 */
import type { Clock } from '@knooppunt/standard';
import { DEV_NETWORK } from '../../../src/devnet/dev_network.ts';
import type { MessageStatus } from '../../../src/ledger/types.ts';
import { createTestVhost, management, ParticipantAmqp, amqpPassword } from '../../support/amqp.ts';
import type { TestVhost } from '../../support/amqp.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

/** The hub, its vhost and the clients opened through it. */
export interface AmqpWorld {
  readonly testHub: TestHub;
  readonly vhost: TestVhost;
  /** Connects as a development participant (handle or OIN). */
  connect(handle: string, options?: { consume?: boolean }): Promise<ParticipantAmqp>;
  /** Delivery of `handle`'s messages goes to its AMQP queue from now on. */
  preferAmqp(handle: string): Promise<void>;
  /** Waits (up to 10 s) until the ledger shows message `id` in `status`. */
  waitForStatus(id: string, status: MessageStatus): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the world; `env` adds to the hub's environment, `clock` is the hub's. */
export async function startAmqpWorld(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<AmqpWorld> {
  const vhost = await createTestVhost();
  const testHub = await startTestHub({
    ledger: 'mongodb',
    env: { AMQP_URL: vhost.url, ...env },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const clients: ParticipantAmqp[] = [];
  return {
    testHub,
    vhost,
    async connect(handle, options = {}) {
      const oin = devOin(handle);
      const client = await ParticipantAmqp.connect(
        vhost.urlFor(oin, amqpPassword(testHub.dataDir, oin)),
        oin,
        options,
      );
      clients.push(client);
      return client;
    },
    async preferAmqp(handle) {
      const { hub } = testHub;
      await hub.registry.setTransport(devOin(handle), 'amqp');
    },
    async waitForStatus(id, status) {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        if ((await testHub.hub.ledger.getMessage(id))?.status === status) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`message ${id} did not become ${status}`);
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close()));
      await testHub.stop();
      await vhost.remove();
      for (const participant of DEV_NETWORK) {
        await management('DELETE', `/api/users/${participant.oin}`);
      }
    },
  };
}
