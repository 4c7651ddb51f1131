/**
 * The portal's client for the hub's portal API (`/v1/portal/…`, see api_types.ts), on the
 * shared fetch wrapper (`web/shared/api.ts`: the session cookie, the CSRF header on changes,
 * failures as `ApiError` with the problem's `code`).
 */
import type { ConversationDetail, MessagePage } from '../../shared/api_types.ts';
import { isSessionLost, request, seg } from '../../shared/api.ts';
import type {
  AnswerFilter,
  JsonSchema,
  PortalDeadlines,
  PortalMessage,
  PortalOverview,
  PortalSession,
  SchemaInfo,
} from './api_types.ts';

const PORTAL = '/v1/portal';

/** The current session, or null when there is none (401). */
export async function getSession(): Promise<PortalSession | null> {
  try {
    return await request<PortalSession>(`${PORTAL}/session`);
  } catch (error) {
    if (isSessionLost(error)) return null;
    throw error;
  }
}

export function login(name: string, password: string, code: string): Promise<PortalSession> {
  // No session yet, so no CSRF token to send; the hub exempts this one request.
  return request<PortalSession>(`${PORTAL}/session`, {
    method: 'POST',
    body: { name, password, code },
  });
}

export async function logout(csrfToken: string): Promise<void> {
  await request<unknown>(`${PORTAL}/session`, { method: 'DELETE', csrfToken });
}

export function getOverview(): Promise<PortalOverview> {
  return request<PortalOverview>(`${PORTAL}/overview`);
}

/** The inbox's filters, as the query string of `GET /v1/portal/messages` takes them. */
export interface InboxQuery {
  readonly module?: string;
  readonly messageType?: string;
  readonly status?: string;
  readonly unread?: 'true' | 'false';
  readonly answer?: AnswerFilter;
  readonly cursor?: string;
}

export function getMessages(query: InboxQuery): Promise<MessagePage> {
  return request<MessagePage>(`${PORTAL}/messages`, { query: { ...query } });
}

/** Opens a message; one addressed to the participant is picked up by opening it. */
export function getMessage(id: string): Promise<PortalMessage> {
  return request<PortalMessage>(`${PORTAL}/messages/${seg(id)}`);
}

export function getConversation(id: string): Promise<ConversationDetail> {
  return request<ConversationDetail>(`${PORTAL}/conversations/${seg(id)}`);
}

export function getDeadlines(): Promise<PortalDeadlines> {
  return request<PortalDeadlines>(`${PORTAL}/deadlines`);
}

export function getSchemas(): Promise<{ items: readonly SchemaInfo[] }> {
  return request<{ items: readonly SchemaInfo[] }>(`${PORTAL}/schemas`);
}

/** A message schema with its definitions bundled in (every `$ref` local). */
export function getSchema(messageType: string, version: string): Promise<JsonSchema> {
  return request<JsonSchema>(`${PORTAL}/schemas/${seg(messageType)}/${seg(version)}`);
}
