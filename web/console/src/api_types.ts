/**
 * The operator API as the console reads it (`/v1/operator/…`, documented in the hub's
 * `/openapi.json`, tag `operators`). Metadata only: no payload field is ever part of an answer.
 * Every request carries the session cookie (same origin); a request that changes something also
 * sends the session's `csrfToken` in `X-CSRF-Token`. Errors are RFC 9457 problem details
 * (`application/problem+json`: `{ type, title, status, detail, code }`).
 */

import type {
  EventView,
  MessageStatus,
  MessageSummary,
  OpenAnswer,
} from '../../shared/api_types.ts';

/** Shared with the portal (`web/shared/api_types.ts`). */
export type {
  ConversationDetail,
  EventView,
  MessagePage,
  MessageStatus,
  MessageSummary,
  OpenAnswer,
  Problem,
} from '../../shared/api_types.ts';

export type Role = 'viewer' | 'admin';

/** `POST /v1/operator/session` {name, password} → 201; `GET` → 200; `DELETE` → 204. */
export interface SessionView {
  readonly name: string;
  readonly role: Role;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly endsAt: string;
}

/** `GET /v1/operator/overview?from=&to=` (ISO 8601; default: the last 24 hours). */
export interface Overview {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  /** Counts by module, type and status of the messages received in the period. */
  readonly counts: readonly {
    readonly module: string;
    readonly messageType: string;
    readonly status: MessageStatus;
    readonly count: number;
  }[];
  /** Messages received per bucket (60 equal buckets over the period), oldest first. */
  readonly throughput: readonly { readonly at: string; readonly count: number }[];
  readonly rejected: number;
  readonly health: {
    readonly ledger: { readonly up: boolean; readonly kind: string };
    /** Absent when the hub runs without AMQP. */
    readonly broker?: { readonly up: boolean; readonly deadLetters?: number };
    readonly relay: { readonly outbox: number; readonly oldest?: string };
  };
}

/**
 * `GET /v1/operator/flow`: server-sent events (text/event-stream). Each event is
 * `event: ledger` with `data:` one FlowEvent as JSON and `id:` its eventId; a new connection
 * starts with the events of the last minute. Comment lines (`: keep-alive`) every 15 s.
 */
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
  /** For rejections: the codes. */
  readonly codes?: readonly string[];
}

/** `GET /v1/operator/messages/{id}`: one message and its timeline (its ledger events). */
export interface MessageDetail {
  readonly message: MessageSummary;
  readonly events: readonly EventView[];
}

/** `GET /v1/operator/deadlines`: per creditor (recipient that must answer), most overdue first. */
export interface Deadlines {
  readonly now: string;
  readonly creditors: readonly {
    readonly oin: string;
    readonly name?: string;
    readonly overdue: number;
    readonly open: number;
    readonly oldestDueAt: string;
    readonly maxWorkingDaysOverdue: number;
    /** Keeps cases waiting: has answers overdue by 5 working days or more, or 10+ overdue. */
    readonly standsOut: boolean;
  }[];
  /** Every open answer, earliest deadline first (at most 500). */
  readonly open: readonly OpenAnswer[];
}

/** The figures of one group of early signals: a municipality, a kind of fixed cost, or all. */
export interface ReachCount {
  readonly signals: number;
  /** Signals the municipality answered with an outcome. */
  readonly answered: number;
  readonly uitkomsten: Readonly<
    Record<'bereikt' | 'niet-bereikt' | 'al-in-hulp' | 'afgewezen', number>
  >;
  readonly reached: number;
  /** reached / signals, from 0 to 1. */
  readonly shareReached: number;
}

/** `GET /v1/operator/vroegsignalering?from=&to=` (default: last 90 days). */
export interface Reach {
  readonly from: string;
  readonly to: string;
  readonly total: ReachCount;
  readonly municipalities: readonly (ReachCount & {
    readonly oin: string;
    readonly name: string;
  })[];
  readonly vasteLasten: readonly (ReachCount & { readonly vasteLast: string })[];
}

/** `GET /v1/operator/rejections?from=&to=` (default: last 7 days). */
export interface Rejections {
  readonly from: string;
  readonly to: string;
  readonly total: number;
  readonly codes: readonly { readonly code: string; readonly count: number }[];
  readonly participants: readonly {
    readonly oin: string;
    readonly name?: string;
    readonly count: number;
    readonly codes: readonly { readonly code: string; readonly count: number }[];
  }[];
  /** The latest 50. */
  readonly recent: readonly {
    readonly rejectionId: string;
    readonly at: string;
    readonly sender: string;
    readonly codes: readonly string[];
    readonly messageType?: string;
    readonly transport: string;
  }[];
}

/** A message in the AMQP dead-letter queue: its properties only, never its body. */
export interface DeadLetter {
  /** Stable id: the AMQP message-id property, or a digest of the body. */
  readonly id: string;
  readonly messageId?: string;
  /** The AMQP user_id (the sender's OIN), when set. */
  readonly sender?: string;
  /** The AMQP type property (submission, ack). */
  readonly type?: string;
  /** Why it was dead-lettered (x-death reason: rejected, delivery_limit, expired). */
  readonly reason: string;
  /** The queue it came from. */
  readonly queue?: string;
  readonly deadLetteredAt?: string;
  /** When the broker drops it (dead-lettered at + the queue's TTL). */
  readonly expiresAt?: string;
  readonly bytes: number;
}

/** `GET /v1/operator/queues`. */
export interface Queues {
  readonly deadLetters: {
    /** False when the hub runs without AMQP or the broker does not answer. */
    readonly available: boolean;
    readonly count: number;
    /** Most dead letters the broker keeps; the oldest go first. */
    readonly max: number;
    /** Days a dead letter is kept (fractions possible). */
    readonly days: number;
    /** The first 100. */
    readonly items: readonly DeadLetter[];
  };
  readonly outbox: {
    readonly count: number;
    readonly oldest?: string;
    /** The oldest 100 unrelayed messages. */
    readonly items: readonly MessageSummary[];
  };
}
// Admin: `POST /v1/operator/queues/dead-letters/{id}/replay` → 200 {id, action: 'replayed'};
//        `DELETE /v1/operator/queues/dead-letters/{id}` → 200 {id, action: 'discarded'};
//        404 DEAD_LETTER_NOT_FOUND when it is no longer there.

export interface CertificateView {
  readonly thumbprint: string;
  readonly status: 'active' | 'revoked';
  readonly subject?: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly daysToExpiry: number;
  readonly addedAt: string;
  /** Rotation: the old certificate stays valid until then (the overlap period). */
  readonly retiresAt?: string;
  readonly revokedAt?: string;
  /** `portal`: a portal user's browser key, which signs only in the portal. */
  readonly use?: 'portal';
}

export interface ParticipantView {
  readonly oin: string;
  readonly name: string;
  readonly kind: string;
  readonly modules: readonly string[];
  readonly transport: 'rest' | 'amqp';
  /** The versions of the standard it takes delivery of (a record from before 2.1: 2.0). */
  readonly acceptedVersions: readonly string[];
  /** Vroegsignalering: the postal areas a municipality serves (`3500-3585`). */
  readonly postcodegebieden?: readonly string[];
  /** Vroegsignalering: the kinds of fixed cost a creditor signals arrears of. */
  readonly vasteLasten?: readonly string[];
  readonly status: 'active' | 'suspended';
  readonly publicBody: boolean;
  readonly preferent: boolean;
  readonly certificates: readonly CertificateView[];
  readonly createdAt: string;
  readonly updatedAt: string;
  /**
   * The stored entry against its chained history: `differs` — edited in the database, the hub
   * refuses to act on it (PARTICIPANT_UNVERIFIED) until an admin restores it.
   */
  readonly history: 'ok' | 'behind' | 'differs';
  readonly historyDetail?: string;
  /** The entry's fields that differ (none: it has no history). */
  readonly historyFields?: readonly string[];
}

/** `GET /v1/operator/participants`. */
export interface Participants {
  readonly items: readonly ParticipantView[];
}
// Admin (each answers the changed ParticipantView, 200; onboarding 201):
//   POST /v1/operator/participants {oin, name, kind, transport, certificatePem?}
//   POST /v1/operator/participants/{oin}/suspend
//   POST /v1/operator/participants/{oin}/activate
//   POST /v1/operator/participants/{oin}/certificates {certificatePem, overlapDays (0–90)}
//     adds the new certificate; the active old ones retire after overlapDays.
//   kind is one of PARTICIPANT_KINDS.

/** `GET /v1/operator/alerts`. */
export interface Alerts {
  readonly at: string;
  readonly items: readonly {
    readonly kind:
      | 'certificate-expiring'
      | 'backlog'
      | 'oldest-unfetched'
      | 'answers-overdue'
      | 'dead-letters'
      | 'ledger-chain'
      | 'ledger-unverified'
      | 'broker-down';
    readonly severity: 'warning' | 'critical';
    /** The participant (OIN) it is about, when one. */
    readonly participant?: string;
    /** Dutch, for the operator. */
    readonly text: string;
  }[];
}

/** `GET /v1/operator/ledger`. */
export interface LedgerStatus {
  readonly kind: string;
  readonly lastVerification?: {
    readonly at: string;
    readonly ok: boolean;
    readonly events: number;
    readonly seals: number;
    readonly problems: number;
    readonly operator?: string;
  };
  readonly lastSeal?: { readonly batch: number; readonly sealedAt: string; readonly root: string };
}

/** `GET /v1/operator/audit?cursor=&limit=`: admin actions and operator changes, newest first. */
export interface AuditPage {
  readonly items: readonly {
    readonly eventId: string;
    readonly at: string;
    /** The operator's name (or `cli` for the command line). */
    readonly operator: string;
    /** e.g. participant-suspended, participant-activated, participant-added,
     * certificate-rotated, dead-letter-replayed, dead-letter-discarded, operator-added, … */
    readonly action: string;
    readonly subject: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
  readonly nextCursor?: string;
}

/** The kinds of participant the hub registers. */
export const PARTICIPANT_KINDS = [
  'schuldhulpverlener-fase-1',
  'schuldhulpverlener-fase-2',
  'overige-schuldhulpverlener',
  'kredietbank',
  'bewindvoerder',
  'schuldeiser',
  'waarborgfonds',
] as const;
