/** What the REST transport needs from the hub; injected by `createHub`. */
import type { MailboxSignals } from './mailbox_signals.ts';
import type { X509Certificate } from 'node:crypto';
import type { Clock, SchemaRegistry, Signer, TrustStore } from '@knooppunt/standard';
import type { HubConfig } from '../../config.ts';
import type {
  ClaimStore,
  ConversationStore,
  Ledger,
  MessageStore,
  MessageUpdate,
  SearchStore,
  WatchStore,
} from '../../ledger/port.ts';
import type { AttachmentStore } from '../../ledger/attachments.ts';
import type { MessageSummary } from '../../ledger/types.ts';
import type { OperatorAccounts } from '../../operators/accounts.ts';
import type { OperatorSessions } from '../../operators/sessions.ts';
import type { Logger } from '../../ops/logger.ts';
import type { ConsoleReads } from '../../ops/console/read_model.ts';
import type { PortalAccounts, PortalKeys, PortalSessions } from '../../portal/index.ts';
import type { ParticipantRegistry } from '../../participants/registry.ts';
import type { Participant } from '../../participants/types.ts';
import type { DeadLetters } from '../amqp/dead_letters.ts';
import type { Pipeline } from '../../pipeline/pipeline.ts';

/** The dead-letter queue as operators work on it. */
export type DeadLetterQueue = Pick<DeadLetters, 'list' | 'replay' | 'discard'>;

/** What the console's API needs besides the rest. */
export interface ConsoleDeps {
  readonly reads: ConsoleReads;
  /** Whether the hub runs AMQP (the overview shows the broker then). */
  readonly broker: boolean;
  /** Absent without AMQP. */
  readonly deadLetters?: DeadLetterQueue;
  /** After an operator changed a participant: its broker user and queue follow. */
  readonly participantChanged?: (participant: Participant) => Promise<unknown>;
}

/** The hub's services as the REST transport uses them. */
export interface RestDeps {
  readonly config: HubConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ledger: MessageStore &
    ConversationStore &
    SearchStore &
    Pick<WatchStore, 'openAnswers'> &
    Pick<ClaimStore, 'claimOnce'> &
    Pick<Ledger, 'ping'> & {
      readonly attachments: Pick<AttachmentStore, 'putUpload' | 'readAttachment'>;
    };
  readonly registry: ParticipantRegistry;
  readonly pipeline: Pipeline;
  readonly schemas: SchemaRegistry;
  readonly trust: TrustStore;
  /** The hub's own key and certificate: signs bearer tokens (and receipts, in the pipeline). */
  readonly hubSigner: Signer;
  readonly hubOin: string;
  readonly hubCertificate: X509Certificate;
  /** Wakes long-polling mailbox requests when a message for their participant is accepted. */
  readonly mailboxSignals: MailboxSignals;
  /** Extra readiness checks (the broker, when AMQP is on). */
  readonly readinessChecks: readonly { name: string; check: () => Promise<void> }[];
  /** Called when a message moved on (fetched: delivered; acknowledged: picked up). */
  readonly onMoved?: (record: MessageSummary, update: MessageUpdate) => void;
  /** Operators' accounts and sessions (the console's API); absent, its routes are not served. */
  readonly operators?: { readonly accounts: OperatorAccounts; readonly sessions: OperatorSessions };
  /** Whether the operator session cookie is `Secure`. @defaultValue true */
  readonly secureCookies?: boolean;
  /** True once the hub is stopping: readiness answers 503 `stopping`. */
  readonly stopping?: () => boolean;
  /** The participant portal's users and sessions; absent, `/v1/portal/…` is not served. */
  readonly portal?: {
    readonly accounts: PortalAccounts;
    readonly sessions: PortalSessions;
    /** The users' browser keys (enrolment, approval, the check before a portal submission). */
    readonly keys: PortalKeys;
  };
  /** The console's API (`/v1/operator/…` beyond the session); absent, it is not served. */
  readonly console?: ConsoleDeps;
  /** The console's built files, served at `/console/`. */
  readonly consoleDir?: string;
  /** The metrics `GET /metrics` serves. */
  readonly metrics?: { exposition(): Promise<{ contentType: string; text: string }> };
}
