/**
 * The SDK's token request when an answer is lost on the way back (a proxy's 504 after the hub
 * answered): the hub has claimed the assertion's jti, so the retry must carry a new assertion —
 * the same one again would be refused as a replay (ASSERTION_INVALID).
 */
import { request as httpRequest, createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { RestClient } from '@knooppunt/sdk';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('SDK: a token request whose answer was lost is retried with a new assertion', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let proxy: Server;
  let proxyUrl: string;
  const assertions: string[] = [];

  before(async () => {
    // The hub's address, known once the hub runs (it is started with the proxy's as its own).
    const upstream: { url?: URL } = {};
    let lost = 0;
    // Forwards everything; the first token request's answer reaches the hub's client as a 504.
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const isToken = req.url === '/v1/token';
        if (isToken) {
          assertions.push(new URLSearchParams(body.toString()).get('client_assertion') ?? '');
        }
        const to = upstream.url as URL;
        const forward = httpRequest(
          {
            host: to.hostname,
            port: to.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (part: Buffer) => parts.push(part));
            answer.on('end', () => {
              if (isToken && lost === 0) {
                lost += 1;
                res.writeHead(504).end();
                return;
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
            });
          },
        );
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    // The hub's public address is the proxy's: assertions are made out to it.
    hub = await startTestHub({ env: { KNOOPPUNT_PUBLIC_URL: proxyUrl } });
    upstream.url = new URL(hub.baseUrl);
  });
  after(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await hub?.stop();
  });

  it('gets a token on the second attempt, with another assertion than the first', async () => {
    const oin = devOin('gemeente');
    const client = new RestClient({
      hubUrl: proxyUrl,
      oin,
      signer: hub.signer('gemeente'),
      retryDelayMs: 10,
    });
    expect(await client.token()).to.be.a('string');
    expect(assertions).to.have.length(2);
    expect(assertions[1]).to.not.equal(assertions[0]);
  });
});
