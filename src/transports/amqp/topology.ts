/**
 * Declaring the hub's RabbitMQ topology (its names and arguments are the wire contract in
 * @knooppunt/standard, packages/standard/src/wire/amqp.ts): the inbound exchange and queue
 * that take submissions and acknowledgements, the deliveries exchange with one quorum queue per
 * participant, and the dead-letter exchange and queue. `declareTopology` declares it; declaring again with the same
 * arguments is harmless (AMQP 0-9-1 `exchange.declare` / `queue.declare` are idempotent when
 * the arguments are equal; https://www.rabbitmq.com/docs/queues#property-equivalence).
 */
import type { Channel } from 'amqplib';
import { ARGUMENTS, INBOUND_KEYS, NAMES, participantQueue } from '@knooppunt/standard';

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
