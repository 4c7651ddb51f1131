/**
 * Building messages the way the hub will check them: the envelope filled in (a fresh message
 * id, which also makes retries idempotent; the conversation; version 2.0; the module when the
 * type has only one; created now), the payload validated against its schema before anything is
 * sent, and the envelope signed with the sender's key.
 */
import { randomUUID } from 'node:crypto';
import {
  createSchemaRegistry,
  MESSAGE_TYPE_SPECS,
  signMessage,
  systemClock,
  UsageError,
} from '@knooppunt/standard';
import type {
  Clock,
  EnvelopeFields,
  MessageTypeName,
  Module,
  Payload,
  SchemaRegistry,
  SignedMessage,
  Signer,
} from '@knooppunt/standard';
import type { MessagePayloads } from './types.generated.ts';

/** The message types a participant can send (the hub's own notice is not one of them). */
export type SendableType = Exclude<keyof MessagePayloads, 'verloopmelding'> & MessageTypeName;

/** What a caller says about a message; the rest is filled in. */
export interface Draft<T extends SendableType = SendableType> {
  readonly type: T;
  readonly recipient: string;
  readonly payload: MessagePayloads[T];
  /** Needed only when the type belongs to more than one module. */
  readonly module?: Module;
  /** @defaultValue a new conversation */
  readonly conversationId?: string;
  /** The message this one answers. */
  readonly inReplyTo?: string;
  /** @defaultValue a random UUID; keep it to send the same message again */
  readonly messageId?: string;
}

/** Builds, validates and signs messages for one sender. */
export class MessageFactory {
  readonly #oin: string;
  readonly #signer: Signer;
  readonly #clock: Clock;
  readonly #schemas: SchemaRegistry;

  constructor(options: {
    readonly oin: string;
    readonly signer: Signer;
    readonly clock?: Clock;
    readonly schemas?: SchemaRegistry;
  }) {
    this.#oin = options.oin;
    this.#signer = options.signer;
    this.#clock = options.clock ?? systemClock;
    this.#schemas = options.schemas ?? createSchemaRegistry();
  }

  /**
   * The signed wire message. Throws a SchemaError (`SCHEMA_INVALID`, with a JSON pointer per
   * violation) for a payload the hub would refuse, and a UsageError for an ambiguous module.
   */
  create<T extends SendableType>(draft: Draft<T>): SignedMessage {
    const spec = MESSAGE_TYPE_SPECS.get(draft.type);
    if (spec === undefined) {
      throw new UsageError('USAGE_INVALID', `unknown message type ${String(draft.type)}`);
    }
    const modules = [...spec.modules];
    const module = draft.module ?? (modules.length === 1 ? modules[0] : undefined);
    if (module === undefined || !spec.modules.has(module)) {
      throw new UsageError(
        'USAGE_INVALID',
        `${draft.type} belongs to ${modules.join(', ')}: say which module`,
      );
    }
    const version = spec.versions.at(-1) as string;
    const payload = this.#schemas.validatePayload(draft.type, version, draft.payload);
    const fields: EnvelopeFields = {
      messageId: draft.messageId ?? randomUUID(),
      conversationId: draft.conversationId ?? randomUUID(),
      ...(draft.inReplyTo === undefined ? {} : { inReplyTo: draft.inReplyTo }),
      module,
      messageType: draft.type,
      version,
      sender: this.#oin,
      recipient: draft.recipient,
      createdAt: this.#clock.now().toISOString(),
    };
    const message = signMessage(fields, payload as Payload, this.#signer);
    this.#schemas.validateEnvelope(message.envelope); // e.g. a recipient that is not an OIN
    return message;
  }
}
