/** The AMQP transport on RabbitMQ: topology, provisioning, inbound consumer, outbound relay. */
export { AmqpTransport } from './amqp_transport.ts';
export type { AmqpTransportDeps } from './amqp_transport.ts';
export { asyncApiDocument } from './asyncapi.ts';
export { AmqpConnection, backoffMs } from './connection.ts';
export { Provisioning, participantPermissions, passwordPath, vhostOf } from './provisioning.ts';
export { declareTopology } from './topology.ts';
export { ARGUMENTS, NAMES, participantQueue } from '@knooppunt/standard';
export type { AmqpReceipt } from '@knooppunt/standard';
