/**
 * The hostile-input corpus over REST, connections (issue 12), bounded: clients that send half
 * their headers or half their body and wait, a Content-Length of a terabyte, a body cut off
 * mid-way, and long polls held open — the hub answers everyone else meanwhile, answers what
 * it can with its own problem details, stores nothing, and serves the next good request.
 *
 * The hub's HTTP server timeouts (headers within 20 s, a whole request within 120 s by
 * default; KNOOPPUNT_HTTP_*) are longer than these cases wait, so they bound themselves and
 * close the slow sockets; rest_corpus_http.test.ts runs a hub with short timeouts and checks
 * its 408 answers.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { RestCorpus } from './rest_corpus_world.ts';

/** What came back on a raw socket within the wait. */
interface RawAnswer {
  readonly status: number | undefined;
  readonly contentType: string | undefined;
  readonly text: string;
  readonly closed: boolean;
}

describe('hostile REST connections: slow, held open, lying lengths (bounded)', function () {
  this.timeout(30_000);
  let corpus: RestCorpus;
  let token = '';
  /** The message events one good submission records. */
  let perMessage = 0;
  const sockets: Socket[] = [];

  before(async () => {
    corpus = await RestCorpus.start();
    token = await corpus.as('gemeente').token();
    const before = await corpus.stored();
    await corpus.stillServes();
    perMessage = (await corpus.stored()) - before;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.destroy();
  });
  after(async () => corpus?.stop());

  /** A raw connection to the hub that has written `text`. */
  async function opened(text: string | Buffer): Promise<Socket> {
    const { hostname, port } = new URL(corpus.testHub.baseUrl);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.on('error', () => undefined); // the hub may reset it; that is an answer too
    socket.write(text);
    return socket;
  }

  /** What the socket receives within `ms` (or until the hub closes it). */
  function answerOf(socket: Socket, ms: number): Promise<RawAnswer> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const done = (closed: boolean): void => {
        clearTimeout(timer);
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', body = ''] = raw.split('\r\n\r\n');
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
        resolve({
          status: status === undefined ? undefined : Number(status),
          contentType: /\r\ncontent-type: *([^\r]*)/i.exec(head)?.[1],
          text: body,
          closed,
        });
      };
      const timer = setTimeout(() => done(false), ms);
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.once('close', () => done(true));
    });
  }

  const head = (extra: string): string =>
    `POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n${extra}`;

  /** Five good submissions side by side, each accepted within a second. */
  async function othersServed(): Promise<void> {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => corpus.as('gemeente').submit(corpus.message())),
    );
    expect(answers.map((answer) => answer.status)).to.deep.equal([201, 201, 201, 201, 201]);
    expect(Date.now() - started).to.be.lessThan(1000);
  }

  it('serves others while twenty connections send half their headers, and keeps nothing of them', async () => {
    const slow = await Promise.all(
      Array.from({ length: 20 }, () =>
        opened('POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty'),
      ),
    );
    await othersServed();
    const served = await corpus.stored();
    const answers = await Promise.all(slow.map((socket) => answerOf(socket, 200)));
    // Still waiting (the 20 s header timeout): nothing answered, nothing stored.
    expect(answers.every((answer) => answer.status === undefined)).to.equal(true);
    for (const socket of slow) socket.destroy();
    await corpus.stillServes(); // after the slow ones are gone, too
    expect(await corpus.stored()).to.equal(served + perMessage);
  });

  it('serves others while twenty connections send half their body, and stores nothing of them', async () => {
    const before = await corpus.stored();
    const text = JSON.stringify(corpus.message());
    const slow = await Promise.all(
      Array.from({ length: 20 }, () =>
        opened(
          `${head(`Content-Length: ${text.length}\r\n\r\n`)}${text.slice(0, text.length / 2)}`,
        ),
      ),
    );
    await othersServed();
    const answers = await Promise.all(slow.map((socket) => answerOf(socket, 200)));
    expect(answers.every((answer) => answer.status === undefined)).to.equal(true);
    for (const socket of slow) socket.destroy(); // the clients give up mid-body
    await corpus.stillServes();
    expect(await corpus.stored()).to.equal(before + 6 * perMessage);
  });

  for (const [path, type, auth] of [
    ['/v1/messages', 'application/json', true],
    ['/v1/token', 'application/x-www-form-urlencoded', false],
    ['/v1/portal/session', 'application/json', false],
  ] as const) {
    it(`answers a Content-Length of a terabyte at ${path} with 413 BODY_TOO_LARGE at once, and closes`, async () => {
      const before = await corpus.stored();
      const bearer = auth ? `Authorization: Bearer ${token}\r\n` : '';
      const socket = await opened(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${bearer}Content-Type: ${type}\r\nContent-Length: 1099511627776\r\n\r\n{"a":`,
      );
      const answer = await answerOf(socket, 5000);
      expect([answer.status, answer.closed]).to.deep.equal([413, true]);
      corpus.testHub.openapi.check({
        method: 'POST',
        path,
        status: 413,
        contentType: answer.contentType,
        text: answer.text,
      });
      expect((JSON.parse(answer.text) as { code: string }).code).to.equal('BODY_TOO_LARGE');
      expect(await corpus.stored()).to.equal(before);
      await corpus.stillServes();
    });
  }

  it('answers a body that ends before its Content-Length only when the client gives up: nothing stored', async () => {
    const before = await corpus.stored();
    const message = corpus.message();
    const text = JSON.stringify(message);
    const socket = await opened(`${head(`Content-Length: ${text.length + 100}\r\n\r\n`)}${text}`);
    expect((await answerOf(socket, 300)).status).to.equal(undefined);
    socket.end(); // half-close: the hub sees the request aborted
    await answerOf(socket, 1000);
    expect(await corpus.testHub.hub.ledger.getMessage(message.envelope.messageId)).to.equal(
      undefined,
    );
    expect(await corpus.stored()).to.equal(before);
    await corpus.stillServes();
  });

  it('holds long polls no longer than asked, and answers others meanwhile', async () => {
    const started = Date.now();
    const polls = Array.from({ length: 10 }, () =>
      corpus.send('GET', '/v1/mailbox?wait=2', {}, 'waterbedrijf'),
    );
    await othersServed();
    const answers = await Promise.all(polls);
    expect(answers.map((answer) => answer.status)).to.deep.equal(new Array(10).fill(200));
    expect(Date.now() - started).to.be.within(1900, 6000);
    const tooLong = await corpus.send('GET', '/v1/mailbox?wait=31', {}, 'waterbedrijf');
    expect([tooLong.status, (tooLong.body as { code?: string }).code]).to.deep.equal([
      400,
      'USAGE_INVALID',
    ]);
  });
});
