/**
 * What operators see of the ledger's records: metadata only. A message's view has no payload,
 * no signature, no receipt and no digest; an event's view keeps its data, which the ledger
 * holds to metadata already (ids, types, codes, times). Every operator answer is built here.
 */
import type { LedgerEvent, MessageRecord } from '../../ledger/types.ts';
import type { Participant } from '../../participants/types.ts';
import type { EntryHistory } from '../../participants/registry.ts';
import { acceptedVersionsOf } from '../../participants/versions.ts';

/** A message as operators see it. */
export interface MessageSummary {
  readonly messageId: string;
  readonly conversationId: string;
  readonly inReplyTo?: string;
  readonly sender: string;
  readonly recipient: string;
  readonly module: string;
  readonly messageType: string;
  readonly version: string;
  readonly status: MessageRecord['status'];
  readonly transport: MessageRecord['transport'];
  readonly portalUser?: string;
  readonly route: MessageRecord['route'];
  readonly receivedAt: string;
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  readonly answerDueAt?: string;
  readonly answeredAt?: string;
  readonly payloadDropped: boolean;
}

/** A ledger event as operators see it. */
export interface EventView {
  readonly eventId: string;
  readonly subject: string;
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** One event of the live flow. */
export interface FlowEvent {
  readonly eventId: string;
  readonly type: string;
  readonly at: string;
  readonly subject: string;
  readonly actor?: string;
  readonly messageId?: string;
  readonly conversationId?: string;
  readonly module?: string;
  readonly messageType?: string;
  readonly sender?: string;
  readonly recipient?: string;
  readonly codes?: readonly string[];
}

/** Drops the fields that are undefined (the JSON answer leaves them out). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function messageSummary(record: MessageRecord): MessageSummary {
  return defined({
    messageId: record.messageId,
    conversationId: record.conversationId,
    inReplyTo: record.envelope.inReplyTo,
    sender: record.sender,
    recipient: record.recipient,
    module: record.module,
    messageType: record.messageType,
    version: record.envelope.version,
    status: record.status,
    transport: record.transport,
    portalUser: record.portalUser,
    route: record.route,
    receivedAt: record.receivedAt,
    deliveredAt: record.deliveredAt,
    pickedUpAt: record.pickedUpAt,
    expiredAt: record.expiredAt,
    answerDueAt: record.answerDueAt,
    answeredAt: record.answeredAt,
    payloadDropped: record.payload === null,
  });
}

export function eventView(event: LedgerEvent): EventView {
  return defined({
    eventId: event.eventId,
    subject: event.subject,
    type: event.type,
    at: event.at,
    actor: event.actor,
    data: event.data,
  });
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The live flow's view of an event: its ids, types and codes. */
export function flowEvent(event: LedgerEvent): FlowEvent {
  const { data } = event;
  const reasons = Array.isArray(data['reasons']) ? (data['reasons'] as unknown[]) : undefined;
  const isMessage = !event.subject.includes(':');
  return defined({
    eventId: event.eventId,
    type: event.type,
    at: event.at,
    subject: event.subject,
    actor: event.actor,
    messageId: isMessage ? event.subject : text(data['messageId']),
    conversationId: text(data['conversationId']),
    module: text(data['module']),
    messageType: text(data['messageType']),
    sender: text(data['sender']),
    recipient: text(data['recipient']),
    codes: reasons?.map((reason) => String((reason as { code?: unknown }).code)),
  });
}

/** A participant as operators see it: certificates with days to expiry, no PEM. */
export function participantView(
  participant: Participant,
  now: Date,
  history: EntryHistory = { state: 'ok' },
) {
  return {
    oin: participant.oin,
    name: participant.name,
    kind: participant.kind,
    modules: participant.modules,
    transport: participant.transport,
    // Resolved: a record from before 2.1 shows the 2.0 it takes (participants/versions.ts).
    acceptedVersions: acceptedVersionsOf(participant),
    ...(participant.postcodegebieden === undefined
      ? {}
      : { postcodegebieden: participant.postcodegebieden }),
    ...(participant.vasteLasten === undefined ? {} : { vasteLasten: participant.vasteLasten }),
    status: participant.status,
    publicBody: participant.publicBody,
    preferent: participant.preferent,
    certificates: participant.certificates.map((certificate) => ({
      thumbprint: certificate.thumbprint,
      status: certificate.status,
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      daysToExpiry: Math.floor((Date.parse(certificate.validTo) - now.getTime()) / 86_400_000),
      addedAt: certificate.addedAt,
      ...(certificate.retiresAt === undefined ? {} : { retiresAt: certificate.retiresAt }),
      ...(certificate.revokedAt === undefined ? {} : { revokedAt: certificate.revokedAt }),
      ...(certificate.use === undefined ? {} : { use: certificate.use }),
    })),
    createdAt: participant.createdAt,
    updatedAt: participant.updatedAt,
    // The stored entry against its chained history (participants/history.ts).
    history: history.state,
    ...(history.state === 'differs'
      ? { historyDetail: history.detail, historyFields: history.fields }
      : {}),
  };
}
