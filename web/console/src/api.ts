/**
 * The console's client for the hub's operator API (`/v1/operator/…`, see api_types.ts).
 * Same-origin `fetch` with the session cookie; every request that changes something sends the
 * session's CSRF token. Failures become an `ApiError` carrying the problem's `code` and
 * `detail`, so screens can show the hub's own words and the app can spot a lost session.
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
  Problem,
  Queues,
  Rejections,
  SessionView,
} from './api_types.ts';

/** A failed request: the hub's problem details, or a stand-in when there were none. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;

  constructor(status: number, code: string, detail: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** True when the hub no longer knows the session: the console goes back to the login screen. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The text to show for any failure. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'De hub is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.';
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly query?: URLSearchParams | Record<string, string | undefined>;
  readonly body?: unknown;
  /** Required for every method but GET. */
  readonly csrfToken?: string;
}

function toSearch(query: RequestOptions['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? query.entries() : Object.entries(query);
  for (const [key, value] of entries) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status below.
  }
  const detail =
    problem.detail ?? problem.title ?? `Er ging iets mis (HTTP-status ${response.status}).`;
  return new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, detail);
}

/** One request to the hub; answers the parsed JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.csrfToken !== undefined) headers['X-CSRF-Token'] = options.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${path}${toSearch(options.query)}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T; // only asked for as `unknown`
  return (await response.json()) as T;
}

const OPERATOR = '/v1/operator';
const seg = encodeURIComponent;

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
