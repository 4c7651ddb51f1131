/**
 * Rejections (pure): turning failures into reasons — a schema error gives one reason per
 * violation (with its JSON pointer), a rejection carries its list, any other KnooppuntError
 * gives one reason — and the ledger event that records a rejected submission.
 */
import { KnooppuntError, MAX_REASONS, SchemaError } from '@knooppunt/standard';
import type { Envelope, Reason } from '@knooppunt/standard';
import type { NewLedgerEvent } from '../ledger/types.ts';
import type { RejectedIds } from '../lifecycle/receipt_claims.ts';
import type { Submission } from './types.ts';

/** A pipeline step's verdict with one or more reasons; `code` is the first reason's. */
export class Rejection extends KnooppuntError {
  override readonly name = 'Rejection';
  readonly reasons: readonly Reason[];

  constructor(reasons: readonly Reason[]) {
    const first = reasons[0] as Reason;
    super(first.code, reasons.map((reason) => reason.detail).join('; '));
    this.reasons = reasons;
  }
}

/** The reasons of any error a step may throw. */
export function reasonsOf(error: KnooppuntError): Reason[] {
  if (error instanceof Rejection) return error.reasons.slice(0, MAX_REASONS);
  if (error instanceof SchemaError && error.violations.length > 0) {
    return error.violations.slice(0, MAX_REASONS).map((violation) => ({
      code: error.code,
      detail: `${violation.keyword}: ${violation.message}`,
      pointer: violation.instancePath,
    }));
  }
  return [{ code: error.code, detail: error.message }];
}

/**
 * How many reasons there were in all: more than `reasonsOf` gives when the input broke many
 * rules (a hundred thousand invalid claim lines); answers, receipts and the ledger carry the
 * first `MAX_REASONS` and this count, so none grows with the input.
 */
export function reasonCountOf(error: KnooppuntError): number {
  if (error instanceof Rejection) return error.reasons.length;
  if (error instanceof SchemaError && error.violations.length > 0) return error.violationCount;
  return 1;
}

/** What the ledger records of a rejected submission: metadata and reasons, never the payload. */
export interface RejectedSubmission {
  /** A fresh id: a rejection is a subject of its own (`rejection:<id>`). */
  readonly rejectionId: string;
  readonly ids: RejectedIds;
  /** The envelope's message type, when the hub verified the envelope and it names one. */
  readonly messageType?: unknown;
  readonly transport: Submission['transport'];
  readonly portalUser?: string;
  readonly receivedAt: string;
  readonly reasons: readonly Reason[];
  /** How many reasons in all, when more than `reasons` holds. */
  readonly reasonCount?: number;
}

/** The `rejected` event of a submission. */
export function rejectedEvent(rejected: RejectedSubmission): NewLedgerEvent {
  const { ids, messageType } = rejected;
  return {
    subject: `rejection:${rejected.rejectionId}`,
    type: 'rejected',
    at: rejected.receivedAt,
    actor: ids.sender,
    data: {
      ...ids,
      ...(typeof messageType === 'string' ? { messageType } : {}),
      transport: rejected.transport,
      ...(rejected.portalUser === undefined ? {} : { portalUser: rejected.portalUser }),
      reasons: rejected.reasons.map((reason) => ({ ...reason })),
      ...(rejected.reasonCount === undefined ? {} : { reasonCount: rejected.reasonCount }),
    },
  };
}

/** The ids a rejection may name: the submitter always; the rest only of a verified envelope. */
export function rejectedIds(identity: string, verified: Envelope | undefined): RejectedIds {
  return {
    sender: identity,
    ...(verified === undefined
      ? {}
      : {
          messageId: verified.messageId,
          payloadDigest: verified.payloadDigest,
          recipient: verified.recipient,
        }),
  };
}
