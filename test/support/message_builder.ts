/**
 * Signed messages for tests that go through a transport: the envelope filled in with sensible
 * defaults (fresh ids, version 2.0, created now) and signed with the sender's key, in the wire
 * form `{envelope, payload, signature}` that `POST /v1/messages` takes.
 */
import { randomUUID } from 'node:crypto';
import { signMessage } from '@knooppunt/standard';
import type { EnvelopeFields, Module, Payload, SignedMessage, Signer } from '@knooppunt/standard';

/** What a test says about a message; the rest is defaulted. */
export interface MessageSpec {
  readonly signer: Signer;
  readonly sender: string;
  readonly recipient: string;
  readonly module: Module;
  readonly messageType: string;
  readonly payload: Payload;
  /** @defaultValue a random UUID */
  readonly messageId?: string;
  /** @defaultValue a random UUID (a new conversation) */
  readonly conversationId?: string;
  readonly inReplyTo?: string;
  /** @defaultValue `2.0` */
  readonly version?: string;
  /** @defaultValue now */
  readonly createdAt?: Date;
}

/** Builds and signs a message. */
export function buildMessage(spec: MessageSpec): SignedMessage {
  const fields: EnvelopeFields = {
    messageId: spec.messageId ?? randomUUID(),
    conversationId: spec.conversationId ?? randomUUID(),
    ...(spec.inReplyTo === undefined ? {} : { inReplyTo: spec.inReplyTo }),
    module: spec.module,
    messageType: spec.messageType,
    version: spec.version ?? '2.0',
    sender: spec.sender,
    recipient: spec.recipient,
    createdAt: (spec.createdAt ?? new Date()).toISOString(),
  };
  return signMessage(fields, spec.payload, spec.signer);
}
