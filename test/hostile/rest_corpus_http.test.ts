/**
 * The hostile-input corpus over REST, below express (issue 12): what Node's HTTP parser and
 * server refuse before a route sees the request — a request line or header that is not
 * HTTP/1.1, a head larger than KNOOPPUNT_HTTP_MAX_HEADER_BYTES, broken chunked encoding,
 * contradicting lengths, no Host, other protocols on the port, and clients too slow to send
 * their head or body. Each is answered, over a raw socket, with problem details of its own code
 * (HTTP_MALFORMED 400, HEADERS_TOO_LARGE 431, REQUEST_TIMEOUT 408; never Node's bare 400
 * without a body, never a stack), the connection closed, nothing stored, and the next good
 * request served. An idle keep-alive connection is closed after KNOOPPUNT_HTTP_KEEP_ALIVE_
 * TIMEOUT_SECONDS.
 *
 * The hub here has short limits (head 1 s, request 2 s, keep-alive 1 s, head 4 KiB) so that the
 * timeouts answer within seconds; the waits bound the cases, and the times are printed, not
 * asserted.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { RestCorpus } from './rest_corpus_world.ts';

/** What came back on a raw socket: status line, headers and body, and whether it closed. */
interface RawAnswer {
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly closed: boolean;
  readonly ms: number;
}

const LIMITS = {
  KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS: '1',
  KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS: '2',
  KNOOPPUNT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
  KNOOPPUNT_HTTP_MAX_HEADER_BYTES: '4096',
};

/** The members of a refusal: problem details, nothing else (no stack, no request echo). */
const PROBLEM_MEMBERS = ['code', 'detail', 'requestId', 'status', 'title', 'type'];

const HOST = 'Host: 127.0.0.1\r\n';
/** A TLS 1.2 ClientHello's first bytes, as a client that speaks TLS to the HTTP port sends. */
const TLS_HELLO = Buffer.from('16030100a8010000a40303', 'hex');

/** Requests the parser refuses: name, bytes, status, code. */
const MALFORMED: readonly (readonly [string, string | Buffer, number, string])[] = [
  ['a request line of garbage', '\x01\x02\x03 garbage\r\n\r\n', 400, 'HTTP_MALFORMED'],
  [
    'a method with a forbidden character',
    `G(T /v1/health HTTP/1.1\r\n${HOST}\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  ['an unknown HTTP version', `GET /v1/health HTTP/7.3\r\n${HOST}\r\n`, 400, 'HTTP_MALFORMED'],
  [
    'a space inside the request target',
    `GET /v1/he alth HTTP/1.1\r\n${HOST}\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a header line without a colon',
    `GET /v1/health HTTP/1.1\r\n${HOST}X-Broken\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a header name with a space',
    `GET /v1/health HTTP/1.1\r\n${HOST}X Bad: 1\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a control character in a header value',
    `GET /v1/health HTTP/1.1\r\n${HOST}X-A: a\x00b\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a Content-Length that is no number',
    `POST /v1/messages HTTP/1.1\r\n${HOST}Content-Length: 1e3\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'two different Content-Lengths',
    `POST /v1/messages HTTP/1.1\r\n${HOST}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'Content-Length beside chunked',
    `POST /v1/messages HTTP/1.1\r\n${HOST}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a chunk size that is no hex number',
    `POST /v1/messages HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  [
    'a chunk longer than its size',
    `POST /v1/token HTTP/1.1\r\n${HOST}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n2\r\ngrant_type=x\r\n0\r\n\r\n`,
    400,
    'HTTP_MALFORMED',
  ],
  ['an HTTP/1.1 request without Host', 'GET /v1/health HTTP/1.1\r\n\r\n', 400, 'HTTP_MALFORMED'],
  ['a TLS ClientHello on the HTTP port', TLS_HELLO, 400, 'HTTP_MALFORMED'],
  [
    'one header of 8 KiB (the head may have 4 KiB)',
    `GET /v1/health HTTP/1.1\r\n${HOST}X-Big: ${'a'.repeat(8192)}\r\n\r\n`,
    431,
    'HEADERS_TOO_LARGE',
  ],
  [
    'two hundred small headers past 4 KiB',
    `GET /v1/health HTTP/1.1\r\n${HOST}${Array.from({ length: 200 }, (_, i) => `X-H${i}: ${'b'.repeat(20)}\r\n`).join('')}\r\n`,
    431,
    'HEADERS_TOO_LARGE',
  ],
  [
    'a request target of 8 KiB',
    `GET /v1/health?q=${'c'.repeat(8192)} HTTP/1.1\r\n${HOST}\r\n`,
    431,
    'HEADERS_TOO_LARGE',
  ],
];

describe('hostile REST below express: what the HTTP parser refuses, as problem details', function () {
  this.timeout(30_000);
  let corpus: RestCorpus;
  let token = '';
  const sockets: Socket[] = [];
  const times: string[] = [];

  before(async () => {
    corpus = await RestCorpus.start({ env: LIMITS });
    token = await corpus.as('gemeente').token();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  after(async () => {
    if (times.length > 0) console.log(`      refusal times: ${times.join(', ')}`);
    await corpus?.stop();
  });

  /** A raw connection to the hub that has written `bytes`. */
  async function opened(bytes: string | Buffer): Promise<Socket> {
    const { hostname, port } = new URL(corpus.testHub.baseUrl);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => undefined); // a reset after the answer is an end too
    socket.write(bytes);
    return socket;
  }

  /** What the socket receives until the hub closes it, or `ms` pass. */
  function answerOf(socket: Socket, ms: number): Promise<RawAnswer> {
    const started = Date.now();
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const done = (closed: boolean): void => {
        clearTimeout(timer);
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        const head = split < 0 ? raw : raw.slice(0, split);
        const [statusLine = '', ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(
          lines.map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
        );
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1];
        resolve({
          status: status === undefined ? undefined : Number(status),
          headers,
          text: split < 0 ? '' : raw.slice(split + 4),
          closed,
          ms: Date.now() - started,
        });
      };
      const timer = setTimeout(() => done(false), ms);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.once('close', () => done(true));
    });
  }

  /** The refusal is problem details with `code`, and nothing more. */
  function expectProblem(answer: RawAnswer, status: number, code: string): void {
    expect([answer.status, answer.closed], answer.text).to.deep.equal([status, true]);
    expect(answer.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(Number(answer.headers['content-length'])).to.equal(Buffer.byteLength(answer.text));
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).to.deep.equal(PROBLEM_MEMBERS);
    expect([body['status'], body['code']]).to.deep.equal([status, code]);
    expect(body['requestId']).to.equal(answer.headers['x-request-id']);
    expect(answer.text).to.not.match(/\bat .+:\d+:\d+|node:internal|HPE_/);
  }

  /** Nothing stored by `run`, and a good submission accepted after it. */
  async function storesNothing(run: () => Promise<void>): Promise<void> {
    const before = await corpus.stored();
    await run();
    expect(await corpus.stored()).to.equal(before);
    await corpus.stillServes();
  }

  for (const [name, bytes, status, code] of MALFORMED) {
    it(`answers ${name} with ${status} ${code} and closes`, async () => {
      await storesNothing(async () => {
        expectProblem(await answerOf(await opened(bytes), 5000), status, code);
      });
    });
  }

  it('answers a bearer request whose other headers overflow with 431, not with its token checked', async () => {
    await storesNothing(async () => {
      const padding = `X-Pad: ${'p'.repeat(5000)}\r\n`;
      const socket = await opened(
        `POST /v1/messages HTTP/1.1\r\n${HOST}Authorization: Bearer ${token}\r\n${padding}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expectProblem(await answerOf(socket, 5000), 431, 'HEADERS_TOO_LARGE');
    });
  });

  it('answers a client that sends half its headers and waits with 408 REQUEST_TIMEOUT', async () => {
    await storesNothing(async () => {
      const socket = await opened(`POST /v1/messages HTTP/1.1\r\n${HOST}Content-Ty`);
      const answer = await answerOf(socket, 8000);
      times.push(`half a head ${answer.ms} ms`);
      expectProblem(answer, 408, 'REQUEST_TIMEOUT');
    });
  });

  it('answers a client that sends half its body and waits with 408 REQUEST_TIMEOUT', async () => {
    await storesNothing(async () => {
      const message = corpus.message();
      const text = JSON.stringify(message);
      const socket = await opened(
        `POST /v1/messages HTTP/1.1\r\n${HOST}Authorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${text.length}\r\n\r\n${text.slice(0, text.length / 2)}`,
      );
      const answer = await answerOf(socket, 8000);
      times.push(`half a body ${answer.ms} ms`);
      expectProblem(answer, 408, 'REQUEST_TIMEOUT');
      expect(await corpus.testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(
        undefined,
      );
    });
  });

  it('lets a long poll wait past the request timeout: the timeout is for receiving the request', async () => {
    const started = Date.now();
    const poll = await corpus.send('GET', '/v1/mailbox?wait=3', {}, 'waterbedrijf');
    times.push(`a 3 s long poll answered after ${Date.now() - started} ms`);
    expect(poll.status).to.equal(200);
  });

  it('answers a good request on a keep-alive connection, then closes the connection when it idles', async () => {
    const socket = await opened(`GET /v1/health HTTP/1.1\r\n${HOST}Connection: keep-alive\r\n\r\n`);
    const answer = await answerOf(socket, 8000);
    times.push(`idle keep-alive closed after ${answer.ms} ms`);
    expect([answer.status, answer.closed]).to.deep.equal([200, true]);
    expect(answer.headers['keep-alive']).to.equal('timeout=1');
  });

  it('still answers a client error on a connection that served a good request first', async () => {
    await storesNothing(async () => {
      const socket = await opened(
        `GET /v1/health HTTP/1.1\r\n${HOST}\r\nGET /v1/health HTTP/1.1\r\n${HOST}X Bad: 1\r\n\r\n`,
      );
      const answer = await answerOf(socket, 5000);
      expect(answer.status).to.equal(200);
      const second = answer.text.slice(answer.text.indexOf('HTTP/1.1 '));
      expect(second).to.match(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(second).to.include('"code":"HTTP_MALFORMED"');
      expect(answer.closed).to.equal(true);
    });
  });
});
