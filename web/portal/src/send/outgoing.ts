/**
 * Making and sending one message from the portal: the envelope (a fresh id, the hub's clock,
 * the participant as sender), signed with this browser's enrolled key, submitted to the
 * outbox. Also which types the participant may send: in answer to a message (the catalogue's
 * `answeredBy`, its role among the senders) or to open or continue a case.
 */
import type { SchemaInfo } from '../api_types.ts';
import { getParticipant, submitSigned } from './send_api.ts';
import type { PortalParticipant, Sent } from './send_api.ts';
import { signMessage } from './signing.ts';
import type { BrowserKey } from './signing.ts';

/**
 * The version the portal sends of each type: the one the hub's listing marks `sentByDefault`,
 * decided by the standard's catalogue (`defaultVersion`) as the SDK and the CSV answers decide
 * it: the type's oldest — 2.0 where the type has it, the version every participant takes while
 * the hub offers it, so no recipient refuses it with VERSION_NOT_ACCEPTED. A type new in 2.1
 * has only 2.1.
 */
export function defaultVersions(items: readonly SchemaInfo[]): SchemaInfo[] {
  return items.filter((item) => item.sentByDefault);
}

/** The types `role` may send in answer to a message of `answered`. */
export function answerTypes(
  listing: readonly SchemaInfo[],
  answered: string,
  role: string,
): SchemaInfo[] {
  // In the catalogue's order: the usual answer first (the claim lines before refusing).
  const allowed = listing.find((item) => item.messageType === answered)?.answeredBy ?? [];
  return defaultVersions(listing)
    .filter((item) => allowed.includes(item.messageType) && item.senderRoles.includes(role))
    .sort((a, b) => allowed.indexOf(a.messageType) - allowed.indexOf(b.messageType));
}

/** The types `participant` may send without answering a message. */
export function openingTypes(
  listing: readonly SchemaInfo[],
  participant: PortalParticipant,
): SchemaInfo[] {
  return defaultVersions(listing).filter(
    (item) =>
      !item.sentByHub &&
      item.inReplyTo !== 'required' &&
      item.senderRoles.includes(participant.role) &&
      item.modules.some((module) => participant.modules.includes(module)),
  );
}

/** The catalogue role of a participant kind (for choosing recipients). */
export function roleOfKind(kind: string): string {
  if (kind.startsWith('schuldhulpverlener') || kind === 'overige-schuldhulpverlener') {
    return 'schuldhulpverlener';
  }
  return kind;
}

/** What one outgoing message says; the rest of the envelope is filled in here. */
export interface Outgoing {
  readonly type: SchemaInfo;
  readonly module: string;
  readonly recipient: string;
  readonly conversationId: string;
  readonly inReplyTo?: string;
  readonly payload: Record<string, unknown>;
}

/** Signs and submits `outgoing` with the enrolled key; throws `Refusal` when refused. */
export async function send(
  outgoing: Outgoing,
  key: BrowserKey,
  thumbprint: string,
  csrfToken: string,
): Promise<Sent> {
  // The hub checks createdAt against its own clock: date the message by that clock.
  const before = Date.now();
  const participant = await getParticipant();
  const offset = Date.parse(participant.now) - (before + Date.now()) / 2;
  const createdAt = new Date(Date.now() + offset);
  createdAt.setMilliseconds(0);
  const message = await signMessage(
    {
      messageId: crypto.randomUUID(),
      conversationId: outgoing.conversationId,
      ...(outgoing.inReplyTo === undefined ? {} : { inReplyTo: outgoing.inReplyTo }),
      module: outgoing.module,
      messageType: outgoing.type.messageType,
      version: outgoing.type.version,
      sender: participant.oin,
      recipient: outgoing.recipient,
      createdAt: createdAt.toISOString(),
    },
    outgoing.payload,
    key,
    thumbprint,
  );
  return submitSigned(message, csrfToken);
}
