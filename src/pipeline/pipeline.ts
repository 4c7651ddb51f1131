/**
 * The pipeline: one ordered list of steps that every submission passes, whatever its transport.
 *
 *   parse → authenticate → sender is the transport identity → verify envelope → de-duplicate →
 *   validate schemas → authorise (role, module, recipient, reply rules, conversation) →
 *   append to ledger → route → signed receipt
 *
 * De-duplication comes before validation and authorisation (DESIGN.md lists it after): an
 * identical resubmission must get its original receipt even when the conversation has moved on
 * since. A rejection is recorded in the ledger without payload, with every reason, and gets a
 * signed receipt too. A transient failure of the hub's own (a ledger that is full or does not
 * answer) is no rejection: it is thrown, for the transport to answer or requeue.
 *
 * Two calls to the ledger per accepted message (issue 14): one that reads what de-duplication
 * and authorisation need together, and one that stores the message with what it sets off
 * (the request it answers marked, the conversation it closes closed).
 */
import { randomUUID } from 'node:crypto';
import {
  AuthorisationError,
  CertificateError,
  decodeJwsClaims,
  isTransientCode,
  jsonEqual,
  KnooppuntError,
  LedgerError,
  attachmentReferences,
  parseSignedMessage,
  resolveMessageType,
} from '@knooppunt/standard';
import type {
  AttachmentReference,
  Clock,
  Envelope,
  EnvelopeVerifier,
  MessageTypeSpec,
  ReceiptClaims,
  ReceiptSigner,
  SchemaRegistry,
  SignedMessage,
} from '@knooppunt/standard';
import { writeFollowUps } from '../ledger/follow_ups.ts';
import type { ConversationStore, FollowUps, MessageStore } from '../ledger/port.ts';
import type { ConversationRecord, MessageRecord, MessageSummary } from '../ledger/types.ts';
import {
  acceptanceClaims,
  acceptedRecord,
  answer,
  conversationClosedEvent,
  conversationOpening,
  hubMetadata,
  receivedEvent,
  rejectionClaims,
} from '../lifecycle/index.ts';
import type { ParticipantRegistry } from '../participants/registry.ts';
import type { Participant } from '../participants/types.ts';
import { bindReferencedAttachments, withAttachmentDigests } from './attachments.ts';
import type { AttachmentBinding } from './attachments.ts';
import { Rejection, reasonCountOf, reasonsOf, rejectedEvent, rejectedIds } from './rejection.ts';
import { authorisationReasons } from './rules.ts';
import type { PipelineObserver, PipelineResult, Submission, SubmissionOutcome } from './types.ts';

/** What the pipeline works with; all injected. */
export interface PipelineDeps {
  readonly ledger: MessageStore & ConversationStore;
  readonly registry: ParticipantRegistry;
  readonly verifier: EnvelopeVerifier;
  readonly schemas: SchemaRegistry;
  readonly receipts: ReceiptSigner;
  readonly clock: Clock;
  /** Working days before an unfetched message expires. @defaultValue 5 */
  readonly expiryWorkingDays?: number;
  /** Development and test hubs: seconds before it expires instead (KNOOPPUNT_EXPIRY_SECONDS). */
  readonly expirySeconds?: number;
  /**
   * Where senders' attachment uploads are (standard 2.1): checked against a message's
   * references and bound to it before it is stored. Absent, a message with references is
   * refused (`ATTACHMENT_MISSING`). @defaultValue none
   */
  readonly attachments?: AttachmentBinding;
  /** Called after a message is stored, to hand it to the router (AMQP relay, metrics). */
  readonly onAccepted?: (record: MessageRecord) => void;
  /** Times the steps and counts the outcomes (the hub's metrics). @defaultValue none */
  readonly observer?: PipelineObserver;
}

/** Runs `work` as it is when nobody observes. */
const untimed: PipelineObserver['timed'] = (_step, work) => work();

/** Runs submissions through the steps. */
export class Pipeline {
  readonly #deps: PipelineDeps;
  /** Times a step when there is an observer; runs it as it is otherwise. */
  readonly #time: PipelineObserver['timed'];

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
    const { observer } = deps;
    this.#time = observer === undefined ? untimed : (step, work) => observer.timed(step, work);
  }

  /** Processes one submission; never throws for a bad message (it returns a rejection). */
  async submit(submission: Submission): Promise<PipelineResult> {
    const seen: Seen = {};
    const result = await this.#steps(submission, seen);
    this.#deps.observer?.submission(outcomeOf(result, submission, seen));
    return result;
  }

  /** The steps; `seen` learns the envelope once verified and its type once resolved. */
  async #steps(submission: Submission, seen: Seen): Promise<PipelineResult> {
    const time = this.#time;
    const receivedAt = this.#deps.clock.now();
    try {
      const message = time('parse', () => parseSignedMessage(submission.body));
      const sender = await time('authenticate', () =>
        this.#deps.registry.requireActive(submission.identity),
      );
      // The sender first (a string comparison): only the envelope's own sender gets as far as
      // the signature and the payload's digest, so nobody can make the hub canonicalise a
      // payload it attached to an envelope someone else signed.
      assertSender(message.envelope, sender);
      // What the ledger holds of this message, the one it answers and its conversation, asked
      // together (one round trip to the ledger, its thread or its server) while the signature
      // is checked on the thread pool: a read only, and nothing of it is used unless the
      // signature holds.
      const held = this.#storedFacts(message.envelope);
      held.catch(() => undefined); // a failed read is thrown below, if it is reached
      const verified = await time('verify', () => this.#deps.verifier.verify(message));
      assertSignedThroughItsChannel(verified.certificate.info.thumbprint, sender, submission);
      // Only now may a receipt repeat envelope fields.
      seen.envelope = message.envelope;
      const duplicate = await time('deduplicate', async () =>
        this.#duplicateOf(message, (await held).existing),
      );
      if (duplicate !== undefined) return duplicate;
      time('validate', () => this.#deps.schemas.validateMessage(message));
      const spec = resolveMessageType(
        message.envelope.module,
        message.envelope.messageType,
        message.envelope.version,
      );
      // A module and type of the catalogue: only these become metric labels.
      seen.resolved = true;
      const facts = await time('authorise', async () =>
        this.#authorise(message, spec, sender, await held),
      );
      const references = attachmentReferences(message.payload);
      // Binding and storing go together: unless the message is stored now, its copies go
      // again (a partial binding, a refusal, a duplicate or conflict, a failing ledger).
      let stored = false;
      try {
        await time('attachments', () =>
          bindReferencedAttachments(
            this.#deps.attachments,
            {
              messageId: message.envelope.messageId,
              sender: sender.oin,
              at: receivedAt.toISOString(),
            },
            references,
          ),
        );
        const result = await time('append', () =>
          this.#append(message, spec, submission, receivedAt, facts),
        );
        stored = result.outcome === 'accepted';
        return result;
      } finally {
        if (!stored && references.length > 0) {
          await this.#dropUnstored(message.envelope.messageId, references);
        }
      }
    } catch (error) {
      // A ledger or broker that cannot now is the hub's failure, not the message's: no
      // rejection; the transport answers 503 (REST) or holds the delivery (AMQP), and a retry
      // succeeds.
      if (!(error instanceof KnooppuntError) || isTransientCode(error.code)) throw error;
      return time('reject', () => this.#reject(error, seen.envelope, submission, receivedAt));
    }
  }

  /**
   * A signed rejection for input that never reached the steps (a transport could not read it:
   * too large, not JSON) or that is not a message (a refused acknowledgement); recorded in the
   * ledger like any rejection. `about` is the message id the refused input named, when it is
   * one the authenticated participant gave for a message not its own to sign (an
   * acknowledgement's `messageId`): the receipt names it, so the participant can match it.
   */
  async rejectRaw(
    error: KnooppuntError,
    origin: Omit<Submission, 'body'>,
    about?: string,
  ): Promise<Rejected> {
    const submission: Submission = { ...origin, body: undefined };
    return this.#reject(error, undefined, submission, this.#deps.clock.now(), about);
  }

  /** The stored message under this envelope's id, the one it answers and its conversation. */
  async #storedFacts(envelope: Envelope): Promise<StoredFacts> {
    const { ledger } = this.#deps;
    const [existing, original, conversation] = await Promise.all([
      ledger.getMessage(envelope.messageId),
      envelope.inReplyTo === undefined ? undefined : ledger.getMessageSummary(envelope.inReplyTo),
      ledger.getConversation(envelope.conversationId),
    ]);
    return { existing, original, conversation };
  }

  /** Same id and digest: the original receipt. Same id, other digest: a conflict. */
  async #duplicateOf(
    message: SignedMessage,
    existing: MessageRecord | undefined,
  ): Promise<PipelineResult | undefined> {
    const { ledger } = this.#deps;
    if (existing === undefined) return undefined;
    const duplicate = this.#asDuplicate(existing, message);
    if ((await ledger.listEvents(existing.messageId)).length === 0) {
      // The first writer crashed between the message and its `received` event (MongoDB has no
      // transactions): storing it again makes the ledger write that event as it would have.
      await ledger.insertMessage(
        existing,
        withAttachmentDigests(
          receivedEvent(
            existing.envelope,
            existing.receivedAt,
            existing.transport,
            existing.portalUser,
            existing.metadata,
          ),
          attachmentReferences(existing.payload),
        ),
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

  /**
   * Drops the copies bound for a message that was not stored now, except those the message
   * stored under its id references (an earlier or concurrent submission of the same message
   * shares them). When the ledger cannot say what is stored, they stay: a retry binds again
   * (which does nothing) and stores. A failure here never hides the submission's own outcome.
   */
  async #dropUnstored(
    messageId: string,
    references: readonly AttachmentReference[],
  ): Promise<void> {
    const store = this.#deps.attachments;
    if (store === undefined) return;
    try {
      const stored = await this.#deps.ledger.getMessage(messageId);
      const kept = new Set(
        stored?.payload === null || stored?.payload === undefined
          ? []
          : attachmentReferences(stored.payload).map((reference) => reference.sha256),
      );
      const orphans = references.map((reference) => reference.sha256).filter((d) => !kept.has(d));
      if (orphans.length > 0) await store.dropAttachments(messageId, orphans);
    } catch {
      // The ledger failing: the copies stay for a retry (see above).
    }
  }

  #asDuplicate(existing: MessageRecord, message: SignedMessage): PipelineResult {
    if (!sameSubmission(existing.envelope, message.envelope)) {
      throw new LedgerError(
        'MESSAGE_ID_CONFLICT',
        'a message with this id was accepted before with another envelope or payload',
      );
    }
    const claims = decodeJwsClaims(existing.receipt);
    if (typeof claims !== 'object' || claims === null) {
      throw new LedgerError(
        'LEDGER_TAMPERED',
        `the stored receipt of message ${existing.messageId} cannot be read`,
      );
    }
    // The hub signed it: its claims are the hub's own.
    return {
      outcome: 'duplicate',
      receipt: existing.receipt,
      claims: claims as ReceiptClaims,
      record: existing,
    };
  }

  /**
   * Loads the registry's facts and judges them with the ledger's; opens the conversation when
   * this message may.
   */
  async #authorise(
    message: SignedMessage,
    spec: MessageTypeSpec,
    sender: Participant,
    { original, conversation }: StoredFacts,
  ): Promise<{ conversation: ConversationRecord | undefined; recipient: Participant }> {
    const { envelope } = message;
    const [recipient, responsible] = await Promise.all([
      this.#deps.registry.get(envelope.recipient),
      // Routing by postcode (postcode_routing.ts): who serves the envelope's postal area.
      spec.routing === 'postcode' && envelope.postcode !== undefined
        ? this.#deps.registry.servingPostcode(envelope.postcode)
        : undefined,
    ]);
    const reasons = authorisationReasons({
      envelope,
      payload: message.payload,
      spec,
      sender,
      recipient,
      original,
      conversation,
      responsible,
    });
    if (reasons.length > 0 || recipient === undefined) throw new Rejection(reasons);
    return { conversation, recipient };
  }

  /** Stores the message (opening its conversation when it is the first), then its follow-ups. */
  async #append(
    message: SignedMessage,
    spec: MessageTypeSpec,
    { transport, portalUser }: Submission,
    receivedAt: Date,
    facts: { conversation: ConversationRecord | undefined; recipient: Participant },
  ): Promise<PipelineResult> {
    const { envelope } = message;
    const { ledger, receipts } = this.#deps;
    const metadata = hubMetadata(spec, message.payload);
    const received = withAttachmentDigests(
      receivedEvent(envelope, receivedAt.toISOString(), transport, portalUser, metadata),
      attachmentReferences(message.payload),
    );
    const claims = acceptanceClaims(receipts.hubOin, envelope, received);
    // Signed here, not on libuv's pool: 26 µs of this thread, where a job handed to the pool
    // waited behind the signature checks and the ledger's fsyncs (docs/performance.md).
    const receipt = receipts.sign(claims);
    const record = acceptedRecord({
      message,
      receivedAt,
      transport,
      ...(portalUser === undefined ? {} : { portalUser }),
      route: facts.recipient.transport,
      receipt,
      ...(metadata === undefined ? {} : { metadata }),
      ...(this.#deps.expiryWorkingDays === undefined
        ? {}
        : { expiryWorkingDays: this.#deps.expiryWorkingDays }),
      ...(this.#deps.expirySeconds === undefined
        ? {}
        : { expirySeconds: this.#deps.expirySeconds }),
      ...(spec.answerDeadlineWorkingDays === undefined
        ? {}
        : { answerDeadlineWorkingDays: spec.answerDeadlineWorkingDays }),
    });
    const opens =
      facts.conversation === undefined
        ? conversationOpening(envelope, record.receivedAt)
        : undefined;
    const outcome = await ledger.insertMessage(record, received, opens, followUps(record, spec));
    if (!outcome.inserted) return this.#asDuplicate(outcome.existing, message);
    this.#deps.onAccepted?.(record);
    return { outcome: 'accepted', receipt, claims, record };
  }

  /** Writes the follow-ups a crash left undone, one after the other. */
  async #afterAppend(
    record: MessageRecord,
    spec: MessageTypeSpec,
    todo: FollowUpsToDo,
  ): Promise<void> {
    await writeFollowUps(this.#deps.ledger, followUps(record, spec, todo));
  }

  /** Records the rejection (metadata and reasons, never the payload) and signs its receipt. */
  async #reject(
    error: KnooppuntError,
    verified: Envelope | undefined,
    submission: Submission,
    receivedAt: Date,
    about?: string,
  ): Promise<Rejected> {
    const reasons = reasonsOf(error);
    const count = reasonCountOf(error);
    const reasonCount = count > reasons.length ? { reasonCount: count } : {};
    // The sender a rejection names is the authenticated submitter; the envelope's fields only
    // once its signature and sender were verified.
    const ids = {
      ...rejectedIds(submission.identity, verified),
      ...(about === undefined ? {} : { messageId: about }),
    };
    const event = await this.#deps.ledger.appendEvent(
      rejectedEvent({
        rejectionId: randomUUID(),
        ids,
        messageType: verified?.messageType,
        transport: submission.transport,
        ...(submission.portalUser === undefined ? {} : { portalUser: submission.portalUser }),
        receivedAt: receivedAt.toISOString(),
        reasons,
        ...reasonCount,
      }),
    );
    const claims = {
      ...rejectionClaims(this.#deps.receipts.hubOin, ids, event, reasons),
      ...reasonCount,
    };
    return { outcome: 'rejected', receipt: this.#deps.receipts.sign(claims), claims, error };
  }
}

/** What the ledger holds that a submission is checked against. */
interface StoredFacts {
  /** A message stored under the submission's id (a resubmission, or a conflict). */
  readonly existing: MessageRecord | undefined;
  /** The message it answers. */
  readonly original: MessageSummary | undefined;
  readonly conversation: ConversationRecord | undefined;
}

/** Which follow-ups are still to write. */
interface FollowUpsToDo {
  readonly markAnswered: boolean;
  readonly close: boolean;
}

/** What storing `record` sets off: the request it answers marked, its conversation closed. */
function followUps(
  record: MessageRecord,
  spec: MessageTypeSpec,
  todo: FollowUpsToDo = { markAnswered: true, close: true },
): FollowUps {
  const inReplyTo = record.envelope.inReplyTo;
  return {
    ...(inReplyTo !== undefined && todo.markAnswered
      ? { update: { messageId: inReplyTo, change: answer(inReplyTo, record) } }
      : {}),
    ...(todo.close && spec.conversation === 'closes'
      ? {
          close: {
            conversationId: record.conversationId,
            at: record.receivedAt,
            event: conversationClosedEvent(record),
          },
        }
      : {}),
  };
}

/** A refused submission's result. */
type Rejected = Extract<PipelineResult, { outcome: 'rejected' }>;

/** What the steps learned of a submission. */
interface Seen {
  /** The envelope, once its signature and sender checked out. */
  envelope?: Envelope;
  /** Whether its module, type and version are the catalogue's. */
  resolved?: boolean;
}

/**
 * What a submission came to, as the observer counts it: module and type only when the catalogue
 * knows them, so that no sender can make a metric label of any string it signs.
 */
function outcomeOf(result: PipelineResult, submission: Submission, seen: Seen): SubmissionOutcome {
  const envelope =
    result.outcome !== 'rejected'
      ? result.record.envelope
      : seen.resolved === true
        ? seen.envelope
        : undefined;
  return {
    module: envelope?.module ?? '',
    messageType: envelope?.messageType ?? '',
    transport: submission.transport,
    outcome: result.outcome,
    code: result.outcome === 'rejected' ? result.error.code : '',
  };
}

/**
 * A portal user's browser key signs only what the portal's outbox takes (docs/portal.md): the
 * same envelope sent over the API or AMQP is refused, so a script that got hold of the key's
 * signatures cannot use them outside the portal.
 */
function assertSignedThroughItsChannel(
  thumbprint: string,
  sender: Participant,
  submission: Submission,
): void {
  const certificate = sender.certificates.find((known) => known.thumbprint === thumbprint);
  if (certificate?.use === 'portal' && submission.transport !== 'portal') {
    throw new CertificateError(
      'CERT_KEY_USAGE',
      `certificate ${thumbprint} is a portal key's: what it signs is taken only by the portal`,
    );
  }
}

/** The envelope's sender must be the participant the transport authenticated. */
function assertSender(envelope: Envelope, sender: Participant): void {
  if (envelope.sender !== sender.oin) {
    throw new AuthorisationError(
      'SENDER_MISMATCH',
      `the envelope sender ${envelope.sender} is not the authenticated participant ${sender.oin}`,
    );
  }
}

/**
 * Whether a resubmission under a stored message's id is the same message: everything but the
 * creation time (a retry is signed again, a little later) must be equal, the payload digest
 * included.
 */
export function sameSubmission(stored: Envelope, resent: Envelope): boolean {
  const { createdAt: _before, ...before } = stored;
  const { createdAt: _now, ...now } = resent;
  return jsonEqual(before, now);
}
