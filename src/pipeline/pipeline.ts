/**
 * The pipeline: one ordered list of steps that every submission passes, whatever its transport.
 *
 *   parse → authenticate → verify envelope → sender is the transport identity → de-duplicate →
 *   validate schemas → authorise (role, module, recipient, reply rules, conversation) →
 *   append to ledger → route → signed receipt
 *
 * De-duplication comes before validation and authorisation (DESIGN.md lists it after): an
 * identical resubmission must get its original receipt even when the conversation has moved on
 * since. A rejection is recorded in the ledger without payload, with every reason, and gets a
 * signed receipt too.
 */
import { randomUUID } from 'node:crypto';
import { addWorkingDays, endOfDutchDay } from '../catalogue/working_days.ts';
import { resolveMessageType } from '../catalogue/catalogue.ts';
import type { MessageTypeSpec } from '../catalogue/types.ts';
import type { Clock } from '../clock.ts';
import { jsonEqual } from '../envelope/json_equal.ts';
import { parseSignedMessage } from '../envelope/parse.ts';
import type { EnvelopeVerifier } from '../envelope/verify.ts';
import type { SignedMessage } from '../envelope/message.ts';
import { AuthorisationError, KnooppuntError, LedgerError } from '../errors.ts';
import { acceptanceClaims, receivedEvent } from '../ledger/received_event.ts';
import type { Ledger } from '../ledger/port.ts';
import { partitionOf } from '../ledger/types.ts';
import type { ConversationRecord, MessageRecord } from '../ledger/types.ts';
import type { ParticipantRegistry } from '../participants/registry.ts';
import type { Participant } from '../participants/types.ts';
import type { ReceiptClaims, ReceiptSigner } from '../receipts/receipt.ts';
import type { SchemaRegistry } from '../schemas/types.ts';
import { Rejection, reasonsOf } from './rejection.ts';
import { authorisationReasons } from './rules.ts';
import type { PipelineResult, Submission } from './types.ts';

/** What the pipeline works with; all injected. */
export interface PipelineDeps {
  readonly ledger: Ledger;
  readonly registry: ParticipantRegistry;
  readonly verifier: EnvelopeVerifier;
  readonly schemas: SchemaRegistry;
  readonly receipts: ReceiptSigner;
  readonly clock: Clock;
  /** Working days before an unfetched message expires. @defaultValue 5 */
  readonly expiryWorkingDays?: number;
  /** Called after a message is stored, to hand it to the router (AMQP relay, metrics). */
  readonly onAccepted?: (record: MessageRecord) => void;
}

/** Runs submissions through the steps. */
export class Pipeline {
  readonly #deps: PipelineDeps;

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
  }

  /** Processes one submission; never throws for a bad message (it returns a rejection). */
  async submit(submission: Submission): Promise<PipelineResult> {
    const receivedAt = this.#deps.clock.now();
    let message: SignedMessage | undefined;
    /** Set once signature and sender checked out: only then may a receipt repeat envelope fields. */
    let verified = false;
    try {
      message = parseSignedMessage(submission.body);
      const sender = await this.#deps.registry.requireActive(submission.identity);
      await this.#deps.verifier.verify(message);
      if (message.envelope.sender !== sender.oin) {
        throw new AuthorisationError(
          'SENDER_MISMATCH',
          `the envelope sender ${message.envelope.sender} is not the authenticated participant ${sender.oin}`,
        );
      }
      verified = true;
      const duplicate = await this.#duplicateOf(message);
      if (duplicate !== undefined) return duplicate;
      this.#deps.schemas.validateMessage(message);
      const spec = resolveMessageType(
        message.envelope.module,
        message.envelope.messageType,
        message.envelope.version,
      );
      const { conversation, recipient } = await this.#authorise(message, spec, sender);
      return await this.#append(message, spec, submission, receivedAt, { conversation, recipient });
    } catch (error) {
      if (!(error instanceof KnooppuntError)) throw error;
      return this.#reject(error, verified ? message : undefined, submission, receivedAt);
    }
  }

  /**
   * A signed rejection for input that never reached the steps (a transport could not read it:
   * too large, not JSON); recorded in the ledger like any rejection.
   */
  async rejectRaw(
    error: KnooppuntError,
    identity: string,
    transport: Submission['transport'],
  ): Promise<PipelineResult> {
    const submission: Submission = { body: undefined, identity, transport };
    return this.#reject(error, undefined, submission, this.#deps.clock.now());
  }

  /** Same id and digest: the original receipt. Same id, other digest: a conflict. */
  async #duplicateOf(message: SignedMessage): Promise<PipelineResult | undefined> {
    const { ledger } = this.#deps;
    const existing = await ledger.getMessage(message.envelope.messageId);
    if (existing === undefined) return undefined;
    const duplicate = this.#asDuplicate(existing, message);
    if ((await ledger.listEvents(existing.messageId)).length === 0) {
      // The first writer crashed between the message and its `received` event (MongoDB has no
      // transactions): storing it again makes the ledger write that event as it would have.
      await ledger.insertMessage(
        existing,
        receivedEvent(existing.envelope, existing.receivedAt, existing.transport),
      );
    }
    await this.#finishAfterCrash(existing);
    return duplicate;
  }

  /**
   * A retry may follow a crash between storing a message and its follow-up writes (marking
   * the answered request, closing the conversation); without transactions those are redone
   * here, each only when missing.
   */
  async #finishAfterCrash(existing: MessageRecord): Promise<void> {
    if (existing.transport === 'hub') return;
    const spec = resolveMessageType(
      existing.module,
      existing.messageType,
      existing.envelope.version,
    );
    const inReplyTo = existing.envelope.inReplyTo;
    const answered =
      inReplyTo === undefined ||
      (await this.#deps.ledger.listEvents(inReplyTo)).some(
        (event) => event.type === 'answered' && event.data['answerId'] === existing.messageId,
      );
    const closed =
      spec.conversation !== 'closes' ||
      (await this.#deps.ledger.getConversation(existing.conversationId))?.status === 'closed';
    await this.#afterAppend(existing, spec, { markAnswered: !answered, close: !closed });
  }

  #asDuplicate(existing: MessageRecord, message: SignedMessage): PipelineResult {
    // Same id: the same message only when everything but the creation time is the same.
    const { createdAt: _before, ...stored } = existing.envelope;
    const { createdAt: _now, ...resent } = message.envelope;
    if (!jsonEqual(stored, resent)) {
      throw new LedgerError(
        'MESSAGE_ID_CONFLICT',
        'a message with this id was accepted before with another envelope or payload',
      );
    }
    return {
      outcome: 'duplicate',
      receipt: existing.receipt,
      claims: claimsOf(existing.receipt),
      record: existing,
    };
  }

  /** Loads the facts and judges them; opens the conversation when this message may. */
  async #authorise(
    message: SignedMessage,
    spec: MessageTypeSpec,
    sender: Participant,
  ): Promise<{ conversation: ConversationRecord | undefined; recipient: Participant }> {
    const { envelope } = message;
    const [recipient, original, conversation] = await Promise.all([
      this.#deps.registry.get(envelope.recipient),
      envelope.inReplyTo === undefined
        ? undefined
        : this.#deps.ledger.getMessage(envelope.inReplyTo),
      this.#deps.ledger.getConversation(envelope.conversationId),
    ]);
    const reasons = authorisationReasons({
      envelope,
      payload: message.payload,
      spec,
      sender,
      recipient,
      original,
      conversation,
    });
    if (reasons.length > 0 || recipient === undefined) throw new Rejection(reasons);
    return { conversation, recipient };
  }

  async #append(
    message: SignedMessage,
    spec: MessageTypeSpec,
    submission: Submission,
    receivedAtDate: Date,
    facts: { conversation: ConversationRecord | undefined; recipient: Participant },
  ): Promise<PipelineResult> {
    const { envelope } = message;
    const { conversation, recipient } = facts;
    const { ledger } = this.#deps;
    const receivedAt = receivedAtDate.toISOString();
    const received = receivedEvent(envelope, receivedAt, submission.transport);
    const claims = acceptanceClaims(this.#deps.receipts.hubOin, envelope, received);
    const receipt = this.#deps.receipts.sign(claims);
    const deadline = spec.answerDeadlineWorkingDays;
    const record: MessageRecord = {
      messageId: envelope.messageId,
      envelope,
      signature: message.signature,
      payload: message.payload,
      sender: envelope.sender,
      recipient: envelope.recipient,
      conversationId: envelope.conversationId,
      module: envelope.module,
      messageType: envelope.messageType,
      receivedAt,
      status: 'accepted',
      transport: submission.transport,
      route: recipient.transport,
      partition: partitionOf(envelope.recipient),
      receipt,
      expiresAt: endOfDutchDay(
        addWorkingDays(receivedAtDate, this.#deps.expiryWorkingDays ?? 5),
      ).toISOString(),
      ...(deadline === undefined
        ? {}
        : { answerDueAt: endOfDutchDay(addWorkingDays(receivedAtDate, deadline)).toISOString() }),
    };
    const opens =
      conversation === undefined
        ? {
            conversation: {
              conversationId: envelope.conversationId,
              owner: envelope.sender,
              status: 'open' as const,
              openedAt: receivedAt,
              openedBy: envelope.messageId,
            },
            event: {
              subject: `conversation:${envelope.conversationId}`,
              type: 'conversation-opened' as const,
              at: receivedAt,
              actor: envelope.sender,
              data: { owner: envelope.sender, messageId: envelope.messageId },
            },
          }
        : undefined;
    const outcome = await ledger.insertMessage(record, received, opens);
    if (!outcome.inserted) return this.#asDuplicate(outcome.existing, message);
    await this.#afterAppend(record, spec);
    this.#deps.onAccepted?.(record);
    return { outcome: 'accepted', receipt, claims, record };
  }

  /** Marks the answered message and closes the conversation when the type says so. */
  async #afterAppend(
    record: MessageRecord,
    spec: MessageTypeSpec,
    todo: { markAnswered: boolean; close: boolean } = { markAnswered: true, close: true },
  ): Promise<void> {
    const { ledger } = this.#deps;
    const inReplyTo = record.envelope.inReplyTo;
    if (inReplyTo !== undefined && todo.markAnswered) {
      await ledger.updateMessage(inReplyTo, {
        fromStatus: ['accepted', 'delivered', 'picked-up', 'expired'],
        set: { answeredAt: record.receivedAt },
        event: {
          subject: inReplyTo,
          type: 'answered',
          at: record.receivedAt,
          actor: record.sender,
          data: { answerId: record.messageId, answerType: record.messageType },
        },
      });
    }
    if (
      todo.close &&
      spec.conversation === 'closes' &&
      (await ledger.closeConversation(record.conversationId, record.receivedAt))
    ) {
      await ledger.appendEvent({
        subject: `conversation:${record.conversationId}`,
        type: 'conversation-closed',
        at: record.receivedAt,
        actor: record.sender,
        data: { messageId: record.messageId, messageType: record.messageType },
      });
    }
  }

  /** Records the rejection (metadata and reasons, never the payload) and signs its receipt. */
  async #reject(
    error: KnooppuntError,
    message: SignedMessage | undefined,
    submission: Submission,
    receivedAtDate: Date,
  ): Promise<PipelineResult> {
    const receivedAt = receivedAtDate.toISOString();
    const reasons = reasonsOf(error);
    const envelope = message?.envelope;
    // `message` is only given once its signature and sender were verified: the hub never signs
    // a statement about envelope fields it could not attribute. The sender it names is the
    // authenticated submitter.
    const ids = {
      sender: submission.identity,
      ...(envelope === undefined
        ? {}
        : {
            messageId: envelope.messageId,
            payloadDigest: envelope.payloadDigest,
            recipient: envelope.recipient,
          }),
    };
    const event = await this.#deps.ledger.appendEvent({
      subject: `rejection:${randomUUID()}`,
      type: 'rejected',
      at: receivedAt,
      actor: submission.identity,
      data: {
        ...ids,
        ...(typeof envelope?.messageType === 'string' ? { messageType: envelope.messageType } : {}),
        transport: submission.transport,
        reasons: reasons.map((reason) => ({ ...reason })),
      },
    });
    const claims: ReceiptClaims = {
      hub: this.#deps.receipts.hubOin,
      status: 'rejected',
      ...ids,
      receivedAt,
      ledgerPosition: event.eventId,
      ledgerHash: event.hash,
      reasons,
    };
    return { outcome: 'rejected', receipt: this.#deps.receipts.sign(claims), claims, error };
  }
}

function claimsOf(receipt: string): ReceiptClaims {
  const claims = receipt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as ReceiptClaims;
}
