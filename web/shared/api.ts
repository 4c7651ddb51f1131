/**
 * The web apps' client for the hub's JSON API: same-origin `fetch` with the session cookie;
 * every request that changes something sends the session's CSRF token (`X-CSRF-Token`).
 * Failures become an `ApiError` carrying the problem's `code` and `detail` (RFC 9457), so
 * screens can show the hub's own words, switch on the code, and spot a lost session (401).
 */
import type { Problem } from './api_types.ts';

/** A failed request: the hub's problem details, or a stand-in when there were none. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;

  constructor(status: number, code: string, detail: string) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

/** True when the hub no longer knows the session: the app goes back to its login screen. */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/** The text to show for any failure. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'De hub is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.';
}

/** How to make one request. */
export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly query?: URLSearchParams | Record<string, string | undefined>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Required for every method but GET. */
  readonly csrfToken?: string;
}

/** `?a=1&b=2` from a query, leaving out empty values; `''` when nothing is left. */
export function toSearch(query: RequestOptions['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? query.entries() : Object.entries(query);
  for (const [key, value] of entries) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  try {
    problem = (await response.json()) as Partial<Problem>;
  } catch {
    // Not JSON (a proxy's error page, say): fall back to the status below.
  }
  const detail =
    problem.detail ?? problem.title ?? `Er ging iets mis (HTTP-status ${response.status}).`;
  return new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, detail);
}

/** One request to the hub; answers the parsed JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.csrfToken !== undefined) headers['X-CSRF-Token'] = options.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${path}${toSearch(options.query)}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T; // only asked for as `unknown`
  return (await response.json()) as T;
}

/** A path segment, encoded. */
export const seg = encodeURIComponent;
