/** What goes into the pipeline and what comes out. */
import type { KnooppuntError, ReceiptClaims } from '@knooppunt/standard';
import type { MessageRecord } from '../ledger/types.ts';

/** One submission as a transport hands it over. */
export interface Submission {
  /** The parsed JSON body. */
  readonly body: unknown;
  /** The participant the transport authenticated (mTLS, bearer token, AMQP user_id). */
  readonly identity: string;
  readonly transport: 'rest' | 'amqp' | 'portal';
  /** The portal user whose browser key signed it (transport `portal`). */
  readonly portalUser?: string;
}

/** What the pipeline decided. */
export type PipelineResult =
  | {
      readonly outcome: 'accepted' | 'duplicate';
      readonly receipt: string;
      readonly claims: ReceiptClaims;
      readonly record: MessageRecord;
    }
  | {
      readonly outcome: 'rejected';
      readonly receipt: string;
      readonly claims: ReceiptClaims;
      /** The first failure; its code decides the HTTP status. */
      readonly error: KnooppuntError;
    };

/** The steps whose time an observer may measure, in pipeline order (docs/operations.md). */
export const PIPELINE_STEPS = [
  'parse',
  'authenticate',
  'verify',
  'deduplicate',
  'validate',
  'authorise',
  'attachments',
  'append',
  'reject',
] as const;
/** A step whose time an observer may measure. */
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/** What a submission came to: its module and type when known (`''` otherwise). */
export interface SubmissionOutcome {
  readonly module: string;
  readonly messageType: string;
  readonly transport: Submission['transport'];
  readonly outcome: PipelineResult['outcome'];
  /** The code of a rejection (its first reason's); `''` otherwise. */
  readonly code: string;
}

/** Watches the pipeline (the hub's metrics): the time of each step, and every outcome. */
export interface PipelineObserver {
  /** Runs `work` and records its time: synchronous work stays synchronous, a promise is awaited. */
  timed<T>(step: PipelineStep, work: () => T): T;
  submission(outcome: SubmissionOutcome): void;
}
