/**
 * The HTTP client every over-the-wire measurement uses, the hub's and the echo baseline's
 * alike: node's own `http` with a keep-alive agent, one socket per concurrent sender, so
 * that the two figures differ only by what the server does with a body.
 */
import { Agent, request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** A response: status and the body as text. */
export interface WireResponse {
  readonly status: number;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
}

/** A keep-alive client for one base URL, with at most `sockets` connections. */
export class WireClient {
  readonly #agent: Agent;
  readonly #url: URL;

  constructor(baseUrl: string, sockets: number) {
    this.#url = new URL(baseUrl);
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** Sends one request; rejects only when the connection fails. */
  send(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>> = {},
    body?: string,
  ): Promise<WireResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          agent: this.#agent,
          host: this.#url.hostname,
          port: this.#url.port,
          method,
          path,
          headers: {
            ...headers,
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the idle connections. */
  close(): void {
    this.#agent.destroy();
  }
}
