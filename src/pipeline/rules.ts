/**
 * The authorisation and reply rules of the pipeline as pure functions over what the hub knows
 * (the catalogue row, sender and recipient records, the message answered, the conversation).
 * Each returns every reason that applies, not only the first, so a rejection receipt lists
 * them all. No I/O here: the pipeline loads the facts, these judge them.
 */
import { attachmentReferences, mayAnswer, moduleAccess, roleOf } from '@knooppunt/standard';
import type {
  Envelope,
  MessageTypeName,
  MessageTypeSpec,
  Module,
  Payload,
  Reason,
} from '@knooppunt/standard';
import type { ConversationRecord, MessageSummary } from '../ledger/types.ts';
import type { Participant } from '../participants/types.ts';
import { fixedCostReasons, postcodeReasons } from './postcode_routing.ts';
import { acceptedVersionsOf, acceptsVersion } from '../participants/versions.ts';

/** The facts authorisation judges. */
export interface AuthorisationFacts {
  readonly envelope: Envelope;
  readonly payload: Payload;
  readonly spec: MessageTypeSpec;
  readonly sender: Participant;
  readonly recipient: Participant | undefined;
  /** The message named by `inReplyTo`, when there is one and it exists. */
  readonly original: MessageSummary | undefined;
  readonly conversation: ConversationRecord | undefined;
  /**
   * For a type routed by postcode: the municipality that serves the envelope's `postcode`
   * (postcode_routing.ts); `undefined` when none does or the type is routed by recipient.
   */
  readonly responsible?: Participant | undefined;
}

/** Role and module rules for sender and recipient. */
export function participantReasons(facts: AuthorisationFacts): Reason[] {
  const { envelope, spec, sender, recipient } = facts;
  const module = envelope.module as Module;
  const reasons: Reason[] = [];
  if (!(moduleAccess(sender.kind, module)?.send ?? false) || !sender.modules.includes(module)) {
    reasons.push({
      code: 'MODULE_NOT_ALLOWED',
      detail: `${sender.kind} ${sender.oin} does not send in module ${module}`,
    });
  }
  if (!spec.senderRoles.has(roleOf(sender.kind))) {
    reasons.push({
      code: 'ROLE_NOT_ALLOWED',
      detail: `role ${roleOf(sender.kind)} may not send ${spec.name}`,
    });
  }
  if (recipient === undefined) {
    reasons.push({
      code: 'RECIPIENT_UNKNOWN',
      detail: `no participant with OIN ${envelope.recipient}`,
    });
    return reasons;
  }
  if (recipient.status !== 'active') {
    reasons.push({
      code: 'RECIPIENT_SUSPENDED',
      detail: `recipient ${recipient.oin} is suspended`,
    });
  }
  if (
    !(moduleAccess(recipient.kind, module)?.receive ?? false) ||
    !recipient.modules.includes(module)
  ) {
    reasons.push({
      code: 'RECIPIENT_LACKS_MODULE',
      detail: `recipient ${recipient.oin} does not take part in ${module}`,
    });
  }
  if (!spec.recipientRoles.has(roleOf(recipient.kind))) {
    reasons.push({
      code: 'RECIPIENT_ROLE_NOT_ALLOWED',
      detail: `role ${roleOf(recipient.kind)} may not receive ${spec.name}`,
    });
  }
  if (!acceptsVersion(recipient, envelope.version)) {
    const taken = acceptedVersionsOf(recipient);
    reasons.push({
      code: 'VERSION_NOT_ACCEPTED',
      detail: `recipient ${recipient.oin} takes ${taken.length === 1 ? 'version' : 'versions'} ${taken.join(', ')} of the standard, not ${envelope.version}`,
      pointer: '/envelope/version',
    });
  }
  if (!recipient.publicBody && carriesBsn(facts.payload)) {
    reasons.push({
      code: 'BSN_NOT_ALLOWED',
      detail: `recipient ${recipient.oin} is not a public body and may not receive a BSN`,
      pointer: '/payload/schuldenaar/bsn',
    });
  }
  return reasons;
}

/** Whether the payload carries a BSN (the schemas allow it only on the debtor and partner). */
export function carriesBsn(payload: Payload): boolean {
  return ['schuldenaar', 'partner'].some((person) => {
    const value = payload[person];
    return typeof value === 'object' && value !== null && 'bsn' in value;
  });
}

/** Reply rules: `inReplyTo` presence, the answered message's addressing and type, conversation. */
export function replyReasons(facts: AuthorisationFacts): Reason[] {
  const { envelope, spec, original } = facts;
  if (envelope.inReplyTo === undefined) {
    return spec.inReplyTo === 'required'
      ? [
          {
            code: 'REPLY_REQUIRED',
            detail: `${spec.name} answers another message: inReplyTo is required`,
          },
        ]
      : [];
  }
  if (spec.inReplyTo === 'forbidden') {
    return [
      {
        code: 'REPLY_NOT_ALLOWED',
        detail: `${spec.name} does not answer a message: inReplyTo must be absent`,
        pointer: '/envelope/inReplyTo',
      },
    ];
  }
  if (original === undefined) {
    return [
      {
        code: 'REPLY_TARGET_UNKNOWN',
        detail: `no message ${envelope.inReplyTo} to answer`,
        pointer: '/envelope/inReplyTo',
      },
    ];
  }
  const reasons: Reason[] = [];
  if (original.recipient !== envelope.sender || original.sender !== envelope.recipient) {
    reasons.push({
      code: 'REPLY_NOT_ADDRESSED_TO_SENDER',
      detail: 'an answer goes from the recipient of the message it answers back to its sender',
      pointer: '/envelope/inReplyTo',
    });
  }
  if (!mayAnswer(original.messageType as MessageTypeName, spec.name)) {
    reasons.push({
      code: 'ANSWER_TYPE_NOT_ALLOWED',
      detail: `${spec.name} does not answer ${original.messageType}`,
    });
  }
  if (original.conversationId !== envelope.conversationId) {
    reasons.push({
      code: 'CONVERSATION_MISMATCH',
      detail: 'an answer stays in the conversation of the message it answers',
      pointer: '/envelope/conversationId',
    });
  }
  return reasons;
}

/**
 * Conversation rules: exists when needed, open, and the owner takes part; a type routed by
 * postcode always opens a new one.
 */
export function conversationReasons(facts: AuthorisationFacts): Reason[] {
  const { envelope, spec, conversation } = facts;
  if (conversation === undefined) {
    return spec.conversation === 'opens'
      ? []
      : [
          {
            code: 'CONVERSATION_UNKNOWN',
            detail: `${spec.name} needs an open conversation ${envelope.conversationId}`,
            pointer: '/envelope/conversationId',
          },
        ];
  }
  if (spec.routing === 'postcode') {
    // A signal starts its own exchange: joined to a dossier, its answer would close the dossier.
    return [
      {
        code: 'CONVERSATION_NOT_NEW',
        detail: `${spec.name} opens a new conversation: ${conversation.conversationId} already exists`,
        pointer: '/envelope/conversationId',
      },
    ];
  }
  const reasons: Reason[] = [];
  if (conversation.status !== 'open') {
    reasons.push({
      code: 'CONVERSATION_CLOSED',
      detail: `conversation ${conversation.conversationId} is closed`,
    });
  }
  if (conversation.owner !== envelope.sender && conversation.owner !== envelope.recipient) {
    reasons.push({
      code: 'CONVERSATION_NOT_PARTICIPANT',
      detail: 'neither sender nor recipient owns this conversation',
    });
  }
  return reasons;
}

/**
 * The catalogue's `requiredAttachment`: a message that opens a dossier in a module where the
 * sender's kind must show a document — a bewindvoerder its court decision, another debt
 * helper the client's consent — references one of that `soort`, from standard 2.1 on (2.0
 * carried them inline and left the check to the recipient). Whether the document was
 * uploaded is the attachment step's (attachments.ts).
 */
export function requiredAttachmentReasons(facts: AuthorisationFacts): Reason[] {
  const { envelope, spec, sender, payload } = facts;
  const required = moduleAccess(sender.kind, envelope.module as Module)?.requiredAttachment;
  if (envelope.version === '2.0' || spec.conversation !== 'opens' || required === undefined) {
    return [];
  }
  if (attachmentReferences(payload).some((reference) => reference.soort === required)) return [];
  return [
    {
      code: 'ATTACHMENT_MISSING',
      detail: `a message that opens a dossier from this sender references its ${required} (bijlagen)`,
      pointer: '/payload/bijlagen',
    },
  ];
}

/** Every authorisation reason, in the order of the checks. */
export function authorisationReasons(facts: AuthorisationFacts): Reason[] {
  return [
    ...participantReasons(facts),
    ...postcodeReasons(facts),
    ...fixedCostReasons(facts),
    ...replyReasons(facts),
    ...conversationReasons(facts),
    ...requiredAttachmentReasons(facts),
  ];
}
