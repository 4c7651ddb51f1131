/**
 * The HTTP(S) server under the express application: its limits on connections and request
 * heads come from configuration (`HttpServerConfig`), and what Node's parser refuses before
 * express sees a request — a request line or header that is not HTTP/1.1, a head past
 * `maxHeaderBytes`, bad chunked encoding, a client too slow to send its request — is answered
 * with problem details like every other refusal, instead of Node's bare `400 Bad Request`
 * without a body. An HTTP/1.1 request without `Host` (RFC 9112 §3.2) too.
 *
 * The answer to a refused request is written straight to the socket (there is no request to
 * answer through express) and the connection closed: after a parse error the rest of the
 * bytes cannot be trusted to frame another request.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, RequestListener, ServerOptions, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpServerConfig } from '../../config.ts';
import type { Logger } from '../../ops/logger.ts';
import { HttpProblem, PROBLEM_MEDIA_TYPE, problemBody } from './problem.ts';

/** How often the server checks the header and request timeouts (Node's default is 30 s). */
const TIMEOUT_CHECK_MS = 1000;

/** After answering a refused request, how long the client has to read it before the close. */
const LINGER_MS = 5000;

/** The options of `http.createServer` / `https.createServer` for these limits. */
export function httpServerOptions(limits: HttpServerConfig): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutSeconds * 1000,
    requestTimeout: limits.requestTimeoutSeconds * 1000,
    keepAliveTimeout: limits.keepAliveTimeoutSeconds * 1000,
    maxHeaderSize: limits.maxHeaderBytes,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    // Checked below, so that the answer is problem details rather than Node's empty 400.
    requireHostHeader: false,
  };
}

/** The problem for an error node:http reports on a client's connection; none for a reset. */
export function clientErrorProblem(
  error: NodeJS.ErrnoException,
  limits: HttpServerConfig,
): HttpProblem | undefined {
  const parserCode = typeof error.code === 'string' ? error.code : 'unknown';
  switch (parserCode) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined; // the client is gone: nobody to answer
    case 'HPE_HEADER_OVERFLOW':
      return new HttpProblem(
        'HEADERS_TOO_LARGE',
        `the request line and headers exceed ${limits.maxHeaderBytes} bytes`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpProblem(
        'REQUEST_TIMEOUT',
        `the request did not arrive in time (its headers within ${limits.headersTimeoutSeconds} s, all of it within ${limits.requestTimeoutSeconds} s)`,
      );
    default:
      return new HttpProblem(
        'HTTP_MALFORMED',
        `the request is not valid HTTP/1.1 (${parserCode.replace(/^HPE_/, '').toLowerCase()})`,
      );
  }
}

/** A whole HTTP/1.1 answer carrying `problem`, closing the connection (pure). */
export function rawProblemAnswer(problem: HttpProblem, requestId: string): string {
  const { body, headers } = problemAnswer(problem, requestId);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    ...lines,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** The body and headers of a problem answered outside express (a raw socket or a bare response). */
function problemAnswer(
  problem: HttpProblem,
  requestId: string,
): { body: string; headers: Record<string, string | number> } {
  const body = JSON.stringify(problemBody(problem, { requestId }));
  const headers = {
    'Content-Type': PROBLEM_MEDIA_TYPE,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Request-Id': requestId,
  };
  return { body, headers };
}

/** What the server needs to refuse requests with problem details. */
interface Refusals {
  readonly limits: HttpServerConfig;
  readonly logger: Logger;
}

/** Answers an error node:http reports on a connection (its `clientError` event). */
export function onClientError(refusals: Refusals) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const problem = clientErrorProblem(error, refusals.limits);
    // An answer that has begun and not ended cannot be followed by another; one that has
    // ended (a pipelined request before this one) can.
    const response = (socket as { _httpMessage?: ServerResponse | null })._httpMessage;
    const answering = response?.headersSent === true && !response.writableEnded;
    if (problem === undefined || !socket.writable || answering) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    // The parser's code only: the raw bytes it read may hold anything.
    refusals.logger.info(
      { code: problem.code, parserCode: error.code, requestId },
      'request refused before routing',
    );
    socket.end(rawProblemAnswer(problem, requestId));
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
  };
}

/** `app` behind the checks Node leaves to the server: the Host header (RFC 9112 §3.2). */
export function withRequestChecks(app: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      const problem = new HttpProblem(
        'HTTP_MALFORMED',
        'an HTTP/1.1 request names its Host (RFC 9112 §3.2)',
      );
      const { body, headers } = problemAnswer(problem, randomUUID());
      res.shouldKeepAlive = false;
      res.writeHead(problem.status, headers);
      res.end(body);
      return;
    }
    app(req, res);
  };
}
