/**
 * The portal API as the portal reads it (`/v1/portal/…`, documented in the hub's
 * `/openapi.json`, tag `portal`). Every route acts for the logged-in user's participant only.
 */
import type { MessageSummary, OpenAnswer } from '../../shared/api_types.ts';

export type {
  ConversationDetail,
  MessagePage,
  MessageSummary,
  OpenAnswer,
} from '../../shared/api_types.ts';

export type PortalRole = 'medewerker' | 'beheerder';

/** `POST /v1/portal/session` {name, password, code} → 201; `GET` → 200; `DELETE` → 204. */
export interface PortalSession {
  readonly name: string;
  /** The participant's OIN. */
  readonly participant: string;
  readonly role: PortalRole;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly endsAt: string;
}

/** `GET /v1/portal/overview`: the counts of the navigation and the inbox filters. */
export interface PortalOverview {
  readonly now: string;
  readonly unread: {
    readonly total: number;
    readonly byModule: readonly { readonly module: string; readonly count: number }[];
    readonly byMessageType: readonly { readonly messageType: string; readonly count: number }[];
  };
  readonly answers: { readonly owed: number; readonly open: number; readonly overdue: number };
  readonly capped: boolean;
}

/** The inbox's answer filter: all owed answers, those on time, those late. */
export type AnswerFilter = 'owed' | 'open' | 'overdue';

/** `GET /v1/portal/messages/{id}`: the message, its envelope and its payload. */
export interface PortalMessage {
  readonly message: MessageSummary;
  readonly envelope: Readonly<Record<string, unknown>>;
  /** null once dropped after the retention period. */
  readonly payload: Readonly<Record<string, unknown>> | null;
}

/** `GET /v1/portal/deadlines`: the answers the participant owes, earliest deadline first. */
export interface PortalDeadlines {
  readonly now: string;
  readonly items: readonly OpenAnswer[];
}

/** One entry of `GET /v1/portal/schemas`: a message schema and its catalogue traits. */
export interface SchemaInfo {
  readonly messageType: string;
  readonly version: string;
  readonly $id: string;
  readonly title: string;
  readonly description: string;
  readonly modules: readonly string[];
  readonly senderRoles: readonly string[];
  readonly recipientRoles: readonly string[];
  readonly answeredBy: readonly string[];
  readonly answerDeadlineWorkingDays: number | null;
  readonly conversation: string;
  /** Whether the envelope must, may or must not name the message it answers. */
  readonly inReplyTo: 'required' | 'optional' | 'forbidden';
  readonly sentByHub: boolean;
  /** The version to send of the type when the recipient's versions are not known. */
  readonly sentByDefault: boolean;
}

/** A JSON Schema (2020-12) as the portal gets it: self-contained, references local. */
export type JsonSchema = Readonly<Record<string, unknown>>;
