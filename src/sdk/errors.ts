/**
 * The SDK's error for an answer of the hub: RFC 9457 problem details with the hub's stable
 * code (docs/errors.md), the HTTP status and, for rejected messages, every reason.
 */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  /** The stable code, e.g. `RECIPIENT_LACKS_MODULE`. */
  readonly code?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly reasons?: readonly {
    readonly code: string;
    readonly detail?: string;
    readonly pointer?: string;
  }[];
  /** A rejection's signed receipt, when the hub gave one. */
  readonly receipt?: string;
}

/** The hub refused or failed a request; `code` says why (docs/errors.md). */
export class HubError extends Error {
  override readonly name = 'HubError';
  /** The hub's stable code, or `HTTP_<status>` when the answer was not problem details. */
  readonly code: string;
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${problem.code ?? `HTTP_${status}`}: ${problem.detail ?? problem.title ?? 'no detail'}`);
    this.status = status;
    this.code = problem.code ?? `HTTP_${status}`;
    this.problem = problem;
  }

  /** Whether sending the same message again later may succeed (the hub de-duplicates). */
  get retryable(): boolean {
    return this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}
