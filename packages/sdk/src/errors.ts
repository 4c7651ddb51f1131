/**
 * The SDK's error for an answer of the hub: RFC 9457 problem details with the hub's stable
 * code (docs/errors.md), the HTTP status and, for rejected messages, every reason. Its `code`
 * is always one of the documented codes: the hub's, or one of the `client` family that the
 * SDK raises itself about an answer (a receipt for another message, no receipt in time, an
 * answer without a code this SDK knows).
 */
import { isErrorCode, KnooppuntError } from '@knooppunt/standard';
import type { ErrorCode, Problem } from '@knooppunt/standard';

export type { Problem };

/**
 * The hub refused or failed a request; `code` says why (docs/errors.md): the problem's code,
 * or `HUB_ANSWER_UNEXPECTED` when the answer carried none this SDK knows (a proxy's error
 * page, say) — `status` and `problem` then show what came.
 */
export class HubError extends KnooppuntError<ErrorCode> {
  override readonly name = 'HubError';
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    const code = isErrorCode(problem.code) ? problem.code : 'HUB_ANSWER_UNEXPECTED';
    super(code, `${code}: ${problem.detail ?? problem.title ?? `HTTP ${status}`}`);
    this.status = status;
    this.problem = problem;
  }

  /** Whether sending the same message again later may succeed (the hub de-duplicates). */
  get retryable(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}
