/**
 * The HTTP server's limits and refusals without a socket: the configuration's defaults and
 * bounds, the server options they become, each parser error's problem, and the raw answer.
 * (Over real sockets: test/hostile/rest_corpus_http.test.ts.)
 */
import { expect } from 'chai';
import { UsageError } from '@knooppunt/standard';
import { loadConfig } from '../../../../src/config.ts';
import {
  clientErrorProblem,
  httpServerOptions,
  rawProblemAnswer,
} from '../../../../src/transports/rest/http_server.ts';

const parserError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error('Parse Error'), { code });

describe('the HTTP server under express', () => {
  const limits = loadConfig({}).http;

  it('limits heads to 20 s and 16 KiB, requests to 120 s, idle keep-alive to 5 s, 100 headers', () => {
    expect(limits).to.deep.equal({
      headersTimeoutSeconds: 20,
      requestTimeoutSeconds: 120,
      keepAliveTimeoutSeconds: 5,
      maxHeaderBytes: 16_384,
      maxHeadersCount: 100,
    });
    expect(httpServerOptions(limits)).to.include({
      headersTimeout: 20_000,
      requestTimeout: 120_000,
      keepAliveTimeout: 5000,
      maxHeaderSize: 16_384,
      requireHostHeader: false,
    });
  });

  it('reads the limits from KNOOPPUNT_HTTP_*, and refuses a request time shorter than the head time', () => {
    const http = loadConfig({
      KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS: '200',
      KNOOPPUNT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '65',
      KNOOPPUNT_HTTP_MAX_HEADER_BYTES: '8192',
      KNOOPPUNT_HTTP_MAX_HEADERS_COUNT: '50',
    }).http;
    // The request time follows a longer head time unless it is set.
    expect(http).to.include({ headersTimeoutSeconds: 200, requestTimeoutSeconds: 200 });
    expect(http).to.include({ keepAliveTimeoutSeconds: 65, maxHeaderBytes: 8192 });
    expect(() =>
      loadConfig({
        KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS: '30',
        KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS: '10',
      }),
    )
      .to.throw(UsageError, 'KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS')
      .with.property('code', 'USAGE_INVALID');
    expect(() => loadConfig({ KNOOPPUNT_HTTP_MAX_HEADER_BYTES: '100' })).to.throw(UsageError);
  });

  it('gives each parser error its problem, and none for a client that is gone', () => {
    const cases: [string, string | undefined, number | undefined][] = [
      ['HPE_HEADER_OVERFLOW', 'HEADERS_TOO_LARGE', 431],
      ['ERR_HTTP_REQUEST_TIMEOUT', 'REQUEST_TIMEOUT', 408],
      ['HPE_INVALID_METHOD', 'HTTP_MALFORMED', 400],
      ['HPE_INVALID_CHUNK_SIZE', 'HTTP_MALFORMED', 400],
      ['HPE_UNEXPECTED_CONTENT_LENGTH', 'HTTP_MALFORMED', 400],
      ['ECONNRESET', undefined, undefined],
    ];
    for (const [code, expected, status] of cases) {
      const problem = clientErrorProblem(parserError(code), limits);
      expect([problem?.code, problem?.status], code).to.deep.equal([expected, status]);
    }
    expect(clientErrorProblem(parserError('HPE_INVALID_METHOD'), limits)?.message).to.equal(
      'the request is not valid HTTP/1.1 (invalid_method)',
    );
  });

  it('writes a refusal as a whole HTTP/1.1 answer of problem details that closes the connection', () => {
    const problem = clientErrorProblem(parserError('HPE_HEADER_OVERFLOW'), limits);
    if (problem === undefined) throw new Error('no problem');
    const text = rawProblemAnswer(problem, 'id-1');
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head.split('\r\n')).to.deep.equal([
      'HTTP/1.1 431 Request Header Fields Too Large',
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'X-Request-Id: id-1',
      'Connection: close',
    ]);
    expect(JSON.parse(body)).to.deep.equal({
      type: 'https://knooppunt.nl/problems/headers-too-large',
      title: 'The request headers are too large',
      status: 431,
      detail: 'the request line and headers exceed 16384 bytes',
      code: 'HEADERS_TOO_LARGE',
      requestId: 'id-1',
    });
  });
});
