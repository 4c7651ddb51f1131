/**
 * The AMQP transport assembled: one connection (confirm channel, reconnects), the topology
 * declared on every connect together with the queues of all active participants, their broker
 * users provisioned through the management API, the dead-letter queue's bounds set there as a
 * policy, the inbound consumer and the outbound relay.
 * `createHub` builds it when `AMQP_URL` is set, starts it after HTTP listens and stops it
 * before the ledger closes.
 */
import type { Clock } from '@knooppunt/standard';
import type { HubConfig } from '../../config.ts';
import type { AttachmentStore } from '../../ledger/attachments.ts';
import type { LeaseStore, MessageStore } from '../../ledger/port.ts';
import type { MessageUpdate } from '../../ledger/port.ts';
import type { MessageRecord, MessageSummary } from '../../ledger/types.ts';
import type { BrokerState } from '../../ops/metrics.ts';
import type { Logger } from '../../ops/logger.ts';
import type { ParticipantRegistry } from '../../participants/registry.ts';
import type { Participant } from '../../participants/types.ts';
import type { Pipeline } from '../../pipeline/pipeline.ts';
import { NAMES } from '@knooppunt/standard';
import { AmqpConnection } from './connection.ts';
import { applyDeadLetterPolicy, deadLetterTtlMs } from './dead_letter_policy.ts';
import { DeadLetters } from './dead_letters.ts';
import { InboundConsumer } from './inbound.ts';
import { Provisioning, vhostOf } from './provisioning.ts';
import { Relay } from './relay.ts';
import { declareParticipantQueue, declareTopology } from './topology.ts';

/** What the transport needs from the hub. */
export interface AmqpTransportDeps {
  readonly config: HubConfig & { readonly amqpUrl: string };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ledger: MessageStore & LeaseStore;
  readonly registry: ParticipantRegistry;
  readonly pipeline: Pipeline;
  /** Folder of the PKI (`<dataDir>/pki`), where participant passwords are written. */
  readonly pkiDir: string;
  /** Called when a message moved on (delivered by the relay, picked up by an ack). */
  readonly onMoved?: (record: MessageSummary, update: MessageUpdate) => void;
  /** Documents (standard 2.1): uploads taken inbound, delivered before their message. */
  readonly attachments?: Pick<AttachmentStore, 'putUpload' | 'readAttachment'>;
}

/** The running AMQP transport. */
export class AmqpTransport {
  readonly connection: AmqpConnection;
  readonly provisioning: Provisioning;
  readonly relay: Relay;
  /** The dead-letter queue, for operators. */
  readonly deadLetters: DeadLetters;
  readonly #inbound: InboundConsumer;
  readonly #deps: AmqpTransportDeps;
  /** Participant queues declared on the current connection. */
  #declared = new Set<string>();

  constructor(deps: AmqpTransportDeps) {
    this.#deps = deps;
    const { config, logger, clock, ledger, pipeline } = deps;
    this.connection = new AmqpConnection({ url: config.amqpUrl, logger });
    this.provisioning = new Provisioning({
      managementUrl: config.rabbitmqManagementUrl,
      vhost: vhostOf(config.amqpUrl),
      pkiDir: deps.pkiDir,
      resetWithoutFile: config.devBootstrap,
    });
    // Topology first: the consumer needs the inbound queue.
    this.connection.onConnect(async (_model, channel) => {
      this.#declared = new Set();
      await declareTopology(channel);
      for (const participant of await deps.registry.list()) {
        if (participant.status !== 'active') continue;
        await declareParticipantQueue(channel, participant.oin);
        this.#declared.add(participant.oin);
      }
      // Back on the broker: relay what waited, without waiting for the idle poll.
      this.relay.kick();
    });
    this.#inbound = new InboundConsumer({
      connection: this.connection,
      pipeline,
      registry: deps.registry,
      ledger,
      clock,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      prefetch: config.amqpPrefetch,
      retentionDays: config.retentionDays,
      ...(deps.onMoved === undefined ? {} : { onMoved: deps.onMoved }),
      ...(deps.attachments === undefined
        ? {}
        : {
            attachments: deps.attachments,
            attachmentUploadTtlSeconds: config.attachmentUploadTtlSeconds,
          }),
    });
    this.deadLetters = new DeadLetters(
      this.connection,
      (message) => this.#inbound.replay(message),
      { ttlMs: deadLetterTtlMs(config.deadLetterDays), max: config.deadLetterMax },
    );
    this.relay = new Relay({
      connection: this.connection,
      ledger,
      clock,
      logger,
      ensureQueue: (oin) => this.ensureQueue(oin),
      ...(deps.onMoved === undefined ? {} : { onMoved: deps.onMoved }),
      ...(deps.attachments === undefined ? {} : { attachments: deps.attachments }),
    });
  }

  /**
   * Bounds the dead-letter queue (a warning, not a failure, when the management API does not
   * take it), provisions every participant, connects, and starts consuming and relaying.
   */
  async start(): Promise<void> {
    const { config, logger } = this.#deps;
    await applyDeadLetterPolicy(
      this.provisioning,
      { max: config.deadLetterMax, days: config.deadLetterDays },
      logger,
    );
    for (const participant of await this.#deps.registry.list()) {
      await this.provisioning.sync(participant);
    }
    await this.connection.start();
    this.relay.start();
  }

  /** Stops relaying and consuming, then closes the connection. */
  async stop(): Promise<void> {
    await this.relay.stop();
    await this.#inbound.stop();
    await this.connection.stop();
  }

  /** After a registry change: user, permissions and queue match the participant. */
  async participantChanged(participant: Participant): Promise<string | undefined> {
    const password = await this.provisioning.sync(participant);
    if (participant.status === 'active') await this.ensureQueue(participant.oin);
    return password;
  }

  /** The pipeline's `onAccepted`: relay a message for an AMQP recipient now. */
  accepted(record: MessageRecord): void {
    if (record.route === 'amqp') this.relay.kick();
  }

  /** Whether the broker answers, and how many messages wait in the dead-letter queue. */
  async brokerState(): Promise<BrokerState> {
    try {
      await this.connection.check();
      const { messageCount } = await this.connection.withTemporaryChannel((channel) =>
        channel.checkQueue(NAMES.deadLetterQueue),
      );
      return { up: true, deadLetters: messageCount };
    } catch {
      return { up: false };
    }
  }

  /** Declares (once per connection) the queue of a participant. */
  async ensureQueue(oin: string): Promise<void> {
    if (this.#declared.has(oin)) return;
    await this.connection.withChannel((channel) => declareParticipantQueue(channel, oin));
    this.#declared.add(oin);
  }
}
