/**
 * RFC 9457 problem details: every error the REST transport answers is one JSON object of type
 * `application/problem+json` with `type`, `title`, `status`, `detail`, the stable `code`, the
 * request path as `instance`, the request id, and extension members where a problem has more to
 * say (the reasons and signed receipt of a rejected message, the schema violations, OAuth's
 * `error`). Handlers throw; the error handler of app.ts writes the answer.
 */
import type { Request, Response } from 'express';
import { isHubErrorCode, KnooppuntError } from '@knooppunt/standard';
import type { HubErrorCode, ProblemDetails } from '@knooppunt/standard';
import { retryAfterOf, statusOf, titleOf } from './status_codes.ts';

/** The media type of problem details (RFC 9457 §3). */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Where problem types are documented: `<base><code in lower case with dashes>`. */
export const PROBLEM_TYPE_BASE = 'https://knooppunt.nl/problems/';

/** What HTTP adds to an error: a status other than the code's, extension members, headers. */
export interface ProblemOptions {
  /** Overrides the code's status from status_codes.ts (e.g. 401 for CERT_* when authenticating). */
  readonly status?: number;
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** An error the REST transport answers with as it is. */
export class HttpProblem extends KnooppuntError<HubErrorCode> {
  override readonly name = 'HttpProblem';
  readonly status: number;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: HubErrorCode, detail: string, options: ProblemOptions = {}) {
    super(code, detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? statusOf(code);
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  /** The same problem for an existing KnooppuntError, keeping its code and message. */
  static from(error: KnooppuntError, options: ProblemOptions = {}): HttpProblem {
    const adds = options.status ?? options.extensions ?? options.headers;
    if (error instanceof HttpProblem && adds === undefined) return error;
    // The SDK's own codes (family `client`) never arise in the hub; were one to, it is ours.
    const code = isHubErrorCode(error.code) ? error.code : 'INTERNAL';
    return new HttpProblem(code, error.message, { cause: error, ...options });
  }
}

/** The `type` URI of a code: `https://knooppunt.nl/problems/message-id-conflict`. */
export function problemType(code: HubErrorCode): string {
  return `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Builds the problem body (pure). */
export function problemBody(
  problem: HttpProblem,
  context: { instance?: string; requestId?: string } = {},
): ProblemDetails {
  return {
    ...problem.extensions,
    type: problemType(problem.code),
    title: titleOf(problem.code),
    status: problem.status,
    detail: problem.message,
    code: problem.code,
    ...(context.instance === undefined ? {} : { instance: context.instance }),
    ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
  };
}

/** Writes a problem as the answer to `req`; a transient code's answer says when to retry. */
export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  const requestId = res.locals['requestId'] as string | undefined;
  const retryAfter = retryAfterOf(problem.code);
  if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type(PROBLEM_MEDIA_TYPE)
    .json(problemBody(problem, { instance: req.path, ...(requestId ? { requestId } : {}) }));
}
