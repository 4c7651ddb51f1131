/**
 * Turning failures into reasons: a schema error gives one reason per violation (with its JSON
 * pointer), a rejection carries its list, any other KnooppuntError gives one reason.
 */
import { KnooppuntError, SchemaError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import type { Reason } from '../receipts/receipt.ts';

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
  if (error instanceof Rejection) return [...error.reasons];
  if (error instanceof SchemaError && error.violations.length > 0) {
    return error.violations.map((violation) => ({
      code: error.code,
      detail: `${violation.keyword}: ${violation.message}`,
      pointer: violation.instancePath,
    }));
  }
  return [{ code: error.code as ErrorCode, detail: error.message }];
}
