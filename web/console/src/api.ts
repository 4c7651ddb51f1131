/**
 * The console's client for the hub's operator API (`/v1/operator/…`, see api_types.ts), on the
 * shared fetch wrapper (`web/shared/api.ts`: the session cookie, the CSRF header on changes,
 * failures as `ApiError` with the problem's `code` and `detail`).
 */
import type {
  Alerts,
  AuditPage,
  ConversationDetail,
  Deadlines,
  LedgerStatus,
  MessageDetail,
  MessagePage,
  Overview,
  ParticipantView,
  Participants,
  Queues,
  Reach,
  Rejections,
  SessionView,
} from './api_types.ts';
import { isSessionLost, request, seg } from '../../shared/api.ts';

export { ApiError, errorText, isSessionLost } from '../../shared/api.ts';

const OPERATOR = '/v1/operator';

/** The current session, or null when there is none (401). */
export async function getSession(): Promise<SessionView | null> {
  try {
    return await request<SessionView>(`${OPERATOR}/session`);
  } catch (error) {
    if (isSessionLost(error)) return null;
    throw error;
  }
}

export function login(name: string, password: string): Promise<SessionView> {
  // No session yet, so no CSRF token to send; the hub exempts this one request.
  return request<SessionView>(`${OPERATOR}/session`, {
    method: 'POST',
    body: { name, password },
  });
}

export async function logout(csrfToken: string): Promise<void> {
  await request<unknown>(`${OPERATOR}/session`, { method: 'DELETE', csrfToken });
}

export function getOverview(from: string, to: string): Promise<Overview> {
  return request<Overview>(`${OPERATOR}/overview`, { query: { from, to } });
}

export function searchMessages(query: URLSearchParams): Promise<MessagePage> {
  return request<MessagePage>(`${OPERATOR}/messages`, { query });
}

export function getMessage(id: string): Promise<MessageDetail> {
  return request<MessageDetail>(`${OPERATOR}/messages/${seg(id)}`);
}

export function getConversation(id: string): Promise<ConversationDetail> {
  return request<ConversationDetail>(`${OPERATOR}/conversations/${seg(id)}`);
}

export function getDeadlines(): Promise<Deadlines> {
  return request<Deadlines>(`${OPERATOR}/deadlines`);
}

/** The reach of early signals received in the period (vroegsignalering). */
export function getReach(from: string, to: string): Promise<Reach> {
  return request<Reach>(`${OPERATOR}/vroegsignalering`, { query: { from, to } });
}

export function getRejections(from: string, to: string): Promise<Rejections> {
  return request<Rejections>(`${OPERATOR}/rejections`, { query: { from, to } });
}

export function getQueues(): Promise<Queues> {
  return request<Queues>(`${OPERATOR}/queues`);
}

/** What the hub answers after a dead-letter action. */
export interface DeadLetterAction {
  readonly id: string;
  readonly action: 'replayed' | 'discarded';
}

export function replayDeadLetter(id: string, csrfToken: string): Promise<DeadLetterAction> {
  return request<DeadLetterAction>(`${OPERATOR}/queues/dead-letters/${seg(id)}/replay`, {
    method: 'POST',
    csrfToken,
  });
}

export function discardDeadLetter(id: string, csrfToken: string): Promise<DeadLetterAction> {
  return request<DeadLetterAction>(`${OPERATOR}/queues/dead-letters/${seg(id)}`, {
    method: 'DELETE',
    csrfToken,
  });
}

export function getParticipants(): Promise<Participants> {
  return request<Participants>(`${OPERATOR}/participants`);
}

/** A new participant, as the onboarding form sends it. */
export interface NewParticipant {
  readonly oin: string;
  readonly name: string;
  readonly kind: string;
  readonly transport: 'rest' | 'amqp';
  readonly certificatePem?: string;
}

export function addParticipant(input: NewParticipant, csrfToken: string): Promise<ParticipantView> {
  return request<ParticipantView>(`${OPERATOR}/participants`, {
    method: 'POST',
    body: input,
    csrfToken,
  });
}

export function setParticipantActive(
  oin: string,
  active: boolean,
  csrfToken: string,
): Promise<ParticipantView> {
  const action = active ? 'activate' : 'suspend';
  return request<ParticipantView>(`${OPERATOR}/participants/${seg(oin)}/${action}`, {
    method: 'POST',
    csrfToken,
  });
}

/** An admin writes a participant's entry back as its history says (`POST …/restore`). */
export function restoreParticipant(oin: string, csrfToken: string): Promise<ParticipantView> {
  return request<ParticipantView>(`${OPERATOR}/participants/${seg(oin)}/restore`, {
    method: 'POST',
    csrfToken,
  });
}

export function rotateCertificate(
  oin: string,
  certificatePem: string,
  overlapDays: number,
  csrfToken: string,
): Promise<ParticipantView> {
  return request<ParticipantView>(`${OPERATOR}/participants/${seg(oin)}/certificates`, {
    method: 'POST',
    body: { certificatePem, overlapDays },
    csrfToken,
  });
}

export function getAlerts(): Promise<Alerts> {
  return request<Alerts>(`${OPERATOR}/alerts`);
}

export function getLedger(): Promise<LedgerStatus> {
  return request<LedgerStatus>(`${OPERATOR}/ledger`);
}

export function getAudit(cursor: string | undefined): Promise<AuditPage> {
  return request<AuditPage>(`${OPERATOR}/audit`, { query: { cursor } });
}

/** The live flow's server-sent events. */
export const FLOW_URL = `${OPERATOR}/flow`;
