/**
 * A small client of the hub's REST API for tests: it authenticates like a vendor's system
 * (a client assertion signed with the participant's key, exchanged for a bearer token that it
 * caches; or its certificate over mutual TLS), and checks every answer it receives against
 * the hub's OpenAPI document (openapi_check.ts), so a test that passes also proves the
 * document true. Built on node:http(s) rather than fetch so that it can present a client
 * certificate and trust the development CA.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { devSignerFor } from '../../src/devnet/dev_network.ts';
import { systemClock } from '@knooppunt/standard';
import type {
  AckResult,
  AckResults,
  Clock,
  ConversationView,
  FetchedMessage,
  MailboxPage,
  MessageStatusView,
  ProblemDetails,
  Signer,
  SubmissionResult,
} from '@knooppunt/standard';
import type { TokenResponse } from '../../src/transports/rest/tokens.ts';
import type { SchemaListingItem } from '../../src/transports/rest/routes/directory.ts';
import type { DirectoryEntry } from '../../src/participants/types.ts';
import { OpenApiChecker } from './openapi_check.ts';

/** An answer: status, headers and the body (parsed JSON for JSON media types, else text). */
export interface RestResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** How `raw` authenticates: the cached bearer token, nothing, or this bearer token. */
export type AuthMode = 'token' | 'none' | (string & {});

/** Options of a client. */
export interface RestClientOptions {
  /** The participant's OIN. */
  readonly oin: string;
  /** Its key and registered certificate. */
  readonly signer: Signer;
  /** The checker; by default built from the hub's `/openapi.json` on first use. */
  readonly openapi?: OpenApiChecker;
  /** CA certificate(s), PEM, to trust for HTTPS (the development CA). */
  readonly ca?: string;
  /** Present the signer's certificate over mutual TLS; requests then send no bearer token. */
  readonly mtls?: boolean;
  /** The audience of client assertions. @defaultValue `<baseUrl>/v1/token` */
  readonly audience?: string;
  /** The client's clock (assertion times, token renewal); pass the hub's ManualClock. */
  readonly clock?: Clock;
}

/** Claims and header fields a test may override in a client assertion. */
export interface AssertionOverrides {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string;
  readonly iat?: number;
  readonly exp?: number;
  readonly jti?: string;
  readonly header?: Readonly<Record<string, unknown>>;
}

/**
 * A client assertion (RFC 7523 §2.2) signed with jsonwebtoken: header `{alg, typ: JWT,
 * x5t#S256}`, claims `iss = sub = oin`, `aud`, `iat`, `exp` (60 s later), a random `jti`.
 */
export function clientAssertion(
  signer: Signer,
  oin: string,
  audience: string,
  overrides: AssertionOverrides = {},
): string {
  const iat = overrides.iat ?? Math.floor(Date.now() / 1000);
  const claims = {
    iss: overrides.iss ?? oin,
    sub: overrides.sub ?? oin,
    aud: overrides.aud ?? audience,
    iat,
    exp: overrides.exp ?? iat + 60,
    jti: overrides.jti ?? randomUUID(),
  };
  return jwt.sign(claims, signer.privateKey, {
    algorithm: signer.algorithm,
    header: {
      alg: signer.algorithm,
      typ: 'JWT',
      'x5t#S256': signer.thumbprint,
      ...overrides.header,
    } as jwt.JwtHeader,
  });
}

/** The signer of a development participant: `<dataDir>/pki/participants/<oin>/{key,cert}.pem`. */
export function devSigner(dataDir: string, oin: string): Signer {
  return devSignerFor(join(dataDir, 'pki'), oin);
}

/** A problem answer's body (for tests that expect one). */
export function problemOf(response: RestResponse<unknown>): ProblemDetails {
  return response.body as ProblemDetails;
}

/** The test client of one participant. */
export class RestClient {
  readonly baseUrl: string;
  readonly oin: string;
  readonly signer: Signer;
  readonly #options: RestClientOptions;
  readonly #clock: Clock;
  #checker: Promise<OpenApiChecker> | undefined;
  #token: { value: string; renewAt: number } | undefined;

  constructor(baseUrl: string, options: RestClientOptions) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.oin = options.oin;
    this.signer = options.signer;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    if (options.openapi !== undefined) this.#checker = Promise.resolve(options.openapi);
  }

  /** The audience this client signs assertions for. */
  get audience(): string {
    return this.#options.audience ?? `${this.baseUrl}/v1/token`;
  }

  /** Asks for a token with a fresh (or altered) client assertion; does not cache it. */
  requestToken(
    overrides: AssertionOverrides = {},
    form: Readonly<Record<string, string>> = {},
  ): Promise<RestResponse<TokenResponse>> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: clientAssertion(this.signer, this.oin, this.audience, {
        iat: Math.floor(this.#clock.now().getTime() / 1000),
        ...overrides,
      }),
      ...form,
    }).toString();
    return this.raw('POST', '/v1/token', {
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      auth: 'none',
    });
  }

  /** A valid access token, from the cache while it lives. */
  async token(): Promise<string> {
    const now = this.#clock.now().getTime();
    if (this.#token !== undefined && this.#token.renewAt > now) return this.#token.value;
    const response = await this.requestToken();
    if (response.status !== 200) {
      throw new Error(`token for ${this.oin}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    const { access_token: value, expires_in: seconds } = response.body;
    this.#token = { value, renewAt: now + Math.max(0, seconds - 30) * 1000 };
    return value;
  }

  /** Forgets the cached token. */
  forgetToken(): void {
    this.#token = undefined;
  }

  submit(message: unknown): Promise<RestResponse<SubmissionResult>> {
    return this.raw('POST', '/v1/messages', { body: message });
  }

  mailbox(
    query: Readonly<Record<string, string | number>> = {},
  ): Promise<RestResponse<MailboxPage>> {
    const search = new URLSearchParams(
      Object.entries(query).map(([name, value]) => [name, String(value)]),
    ).toString();
    return this.raw('GET', `/v1/mailbox${search === '' ? '' : `?${search}`}`);
  }

  fetchMessage(id: string): Promise<RestResponse<FetchedMessage>> {
    return this.raw('GET', `/v1/messages/${encodeURIComponent(id)}`);
  }

  ack(id: string): Promise<RestResponse<AckResult>> {
    return this.raw('POST', `/v1/messages/${encodeURIComponent(id)}/ack`);
  }

  /** `POST /v1/mailbox/ack`; `body` other than `{messageIds}` to send something else. */
  ackAll(
    ids: readonly string[],
    body: unknown = { messageIds: ids },
  ): Promise<RestResponse<AckResults>> {
    return this.raw('POST', '/v1/mailbox/ack', { body });
  }

  status(id: string): Promise<RestResponse<MessageStatusView>> {
    return this.raw('GET', `/v1/messages/${encodeURIComponent(id)}/status`);
  }

  conversation(id: string): Promise<RestResponse<ConversationView>> {
    return this.raw('GET', `/v1/conversations/${encodeURIComponent(id)}`);
  }

  participants(module?: string): Promise<RestResponse<{ items: DirectoryEntry[] }>> {
    const search = module === undefined ? '' : `?module=${encodeURIComponent(module)}`;
    return this.raw('GET', `/v1/participants${search}`);
  }

  schemas(): Promise<RestResponse<{ items: SchemaListingItem[] }>> {
    return this.raw('GET', '/v1/schemas');
  }

  /** Any request. A non-string body is sent as JSON; `auth` defaults to the bearer token. */
  async raw<T = Record<string, unknown>>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Readonly<Record<string, string>>; auth?: AuthMode } = {},
  ): Promise<RestResponse<T>> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    let payload: Buffer | undefined;
    if (typeof init.body === 'string' || Buffer.isBuffer(init.body)) {
      payload = Buffer.from(init.body);
    } else if (init.body !== undefined) {
      payload = Buffer.from(JSON.stringify(init.body));
      headers['Content-Type'] ??= 'application/json';
    }
    const auth = init.auth ?? (this.#options.mtls === true ? 'none' : 'token');
    if (auth !== 'none' && headers['Authorization'] === undefined) {
      headers['Authorization'] = `Bearer ${auth === 'token' ? await this.token() : auth}`;
    }
    const answer = await this.#send(method, path, headers, payload);
    const checker = await this.checker();
    // The path as it went out: the URL parser removes `.` and `..` segments (`/v1/messages/.`
    // asks for `/v1/messages/`), and the document is checked against what the hub saw.
    checker.check({ method, path: new URL(path, `${this.baseUrl}/`).pathname, ...answer });
    const isJson = /[/+]json\b/.test(answer.contentType ?? '');
    return {
      status: answer.status,
      headers: answer.headers,
      body: (isJson && answer.text !== '' ? JSON.parse(answer.text) : answer.text) as T,
    };
  }

  /** The OpenAPI checker: the one given, or one over the hub's `/openapi.json` (fetched once). */
  checker(): Promise<OpenApiChecker> {
    this.#checker ??= this.#send('GET', '/openapi.json', {}, undefined).then(
      (answer) => new OpenApiChecker(JSON.parse(answer.text) as Record<string, unknown>),
    );
    return this.#checker;
  }

  #send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
  ): Promise<{ status: number; headers: Headers; contentType: string | undefined; text: string }> {
    const url = new URL(path, `${this.baseUrl}/`);
    const tls =
      url.protocol === 'https:'
        ? {
            ...(this.#options.ca === undefined ? {} : { ca: this.#options.ca }),
            // The development server certificate names no host; the chain is still checked.
            checkServerIdentity: () => undefined,
            ...(this.#options.mtls === true
              ? {
                  cert: this.signer.certificate.toString(),
                  key: this.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }),
                }
              : {}),
          }
        : undefined;
    const request = tls === undefined ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
          agent: false,
          ...tls,
        },
        (incoming: IncomingMessage) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: toHeaders(incoming),
              contentType: incoming.headers['content-type'],
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

function toHeaders(incoming: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item);
  }
  return headers;
}
