/**
 * The hub's RabbitMQ topology as data: the inbound exchange and queue that take submissions
 * and acknowledgements, the deliveries exchange with one quorum queue per participant, and the
 * dead-letter exchange and queue. `declareTopology` declares it; declaring again with the same
 * arguments is harmless (AMQP 0-9-1 `exchange.declare` / `queue.declare` are idempotent when
 * the arguments are equal; https://www.rabbitmq.com/docs/queues#property-equivalence).
 */
import type { Channel } from 'amqplib';

/** Exchange and queue names. */
export const NAMES = Object.freeze({
  /** Direct exchange participants publish to (routing keys `submission` and `ack`). */
  inboundExchange: 'knooppunt.inbound',
  /** Quorum queue the hub consumes submissions and acknowledgements from. */
  inboundQueue: 'knooppunt.inbound',
  /** Direct exchange the hub publishes deliveries and receipts to (routing key: OIN). */
  deliveriesExchange: 'knooppunt.deliveries',
  /** Fanout exchange for messages the hub refuses to process. */
  deadLetterExchange: 'knooppunt.dlx',
  /** Quorum queue that keeps the dead-lettered messages for an operator. */
  deadLetterQueue: 'knooppunt.dead-letters',
});

/** Routing keys on the inbound exchange (and the `type` property of the message). */
export const INBOUND_KEYS = ['submission', 'ack'] as const;

/** The queue of one participant: `knooppunt.participant.<oin>`. */
export function participantQueue(oin: string): string {
  return `knooppunt.participant.${oin}`;
}

/**
 * Quorum queues: replicated, durable, and with a poison-message limit; dead-lettering from a
 * quorum queue is at-most-once by default (https://www.rabbitmq.com/docs/quorum-queues).
 */
const QUORUM = { 'x-queue-type': 'quorum' } as const;

/** Arguments of each declared object, so every hub declares exactly the same. */
export const ARGUMENTS = Object.freeze({
  inboundQueue: { ...QUORUM, 'x-dead-letter-exchange': NAMES.deadLetterExchange },
  deadLetterQueue: { ...QUORUM },
  participantQueue: { ...QUORUM },
});

/** Declares the exchanges, the inbound and dead-letter queues, and their bindings. */
export async function declareTopology(channel: Channel): Promise<void> {
  await channel.assertExchange(NAMES.inboundExchange, 'direct', { durable: true });
  await channel.assertExchange(NAMES.deliveriesExchange, 'direct', { durable: true });
  await channel.assertExchange(NAMES.deadLetterExchange, 'fanout', { durable: true });
  await channel.assertQueue(NAMES.inboundQueue, {
    durable: true,
    arguments: ARGUMENTS.inboundQueue,
  });
  for (const key of INBOUND_KEYS) {
    await channel.bindQueue(NAMES.inboundQueue, NAMES.inboundExchange, key);
  }
  await channel.assertQueue(NAMES.deadLetterQueue, {
    durable: true,
    arguments: ARGUMENTS.deadLetterQueue,
  });
  await channel.bindQueue(NAMES.deadLetterQueue, NAMES.deadLetterExchange, '');
}

/** Declares a participant's queue and binds it to the deliveries exchange by its OIN. */
export async function declareParticipantQueue(channel: Channel, oin: string): Promise<void> {
  const queue = participantQueue(oin);
  await channel.assertQueue(queue, { durable: true, arguments: ARGUMENTS.participantQueue });
  await channel.bindQueue(queue, NAMES.deliveriesExchange, oin);
}
