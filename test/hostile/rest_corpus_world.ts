/**
 * The hostile-input corpus over REST (issue 12): a test hub on a controlled clock, one cached
 * client per participant (every answer checked against the served OpenAPI document), and the
 * one check every case makes — the exact status and problem `code` (so never a 5xx, never
 * INTERNAL), no message stored, moved or answered (the ledger's message events did not change,
 * nor does the id the case used exist), and the hub still accepting a good submission
 * afterwards. A case is one row: `[name, status, code, run]`.
 */
import { expect } from 'chai';
import { constants, createHmac, sign } from 'node:crypto';
import { ENVELOPE_JWS_TYPE, ManualClock } from '@knooppunt/standard';
import type { Payload, SignedMessage, Signer } from '@knooppunt/standard';
import { examplePayload } from '../support/examples.ts';
import { portalUser } from '../support/portal_client.ts';
import type { PortalClient } from '../support/portal_client.ts';
import { clientAssertion } from '../support/rest_client.ts';
import type { AssertionOverrides, RestClient } from '../support/rest_client.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub, TestHubOptions } from '../support/test_hub.ts';
import { saldoverzoek } from '../integration/rest/rest_world.ts';
import type { MessageOverrides } from '../integration/rest/rest_world.ts';

/** An answer as the corpus checks it: status and body (a problem, parsed). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** What a case sent: the answer, and the message id it used when it used one. */
export interface Sent {
  readonly response: Answer;
  readonly messageId?: string;
}

/** One case: its name, the status and code it must get, and how it is sent. */
export type Case = readonly [
  name: string,
  status: number,
  code: string,
  run: (corpus: RestCorpus) => Promise<Sent | Answer>,
];

/** The events that mean a message was stored, moved on or answered. */
const MESSAGE_EVENTS = [
  'received',
  'delivered',
  'picked-up',
  'answered',
  'conversation-opened',
  'conversation-closed',
] as const;

/** Request options of `RestClient.raw`. */
export type RawInit = Parameters<RestClient['raw']>[2];

/** The JSON content type, the most common header of the corpus. */
export const JSON_TYPE: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' };
/** The form content type of token requests. */
export const FORM_TYPE: Readonly<Record<string, string>> = {
  'Content-Type': 'application/x-www-form-urlencoded',
};
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A running corpus hub. */
export class RestCorpus {
  readonly #clients = new Map<string, RestClient>();

  private constructor(
    readonly testHub: TestHub,
    readonly clock: ManualClock,
  ) {}

  /** Starts a hub at 2027-05-03T10:00Z (plus `options`). */
  static async start(options: TestHubOptions = {}): Promise<RestCorpus> {
    const clock = new ManualClock(new Date('2027-05-03T10:00:00.000Z'));
    return new RestCorpus(await startTestHub({ clock, ...options }), clock);
  }

  stop(): Promise<void> {
    return this.testHub.stop();
  }

  /** The cached client of a development participant (its token is cached with it). */
  as(handle: string): RestClient {
    let client = this.#clients.get(handle);
    if (client === undefined) {
      client = this.testHub.client(handle);
      this.#clients.set(handle, client);
    }
    return client;
  }

  /** A portal user of `handle` (a beheerder), logged in at the hub's clock. */
  portal(handle: string, name = `${handle}.beheer`): Promise<PortalClient> {
    return portalUser(this.testHub, handle, name, 'beheerder', this.clock);
  }

  /** A fresh, valid saldoverzoek created at the hub's time. */
  message(from = 'gemeente', to = 'energie', overrides: MessageOverrides = {}): SignedMessage {
    return saldoverzoek(this.testHub, from, to, { createdAt: this.clock.now(), ...overrides });
  }

  /**
   * A saldoverzoek from gemeente signed over envelope fields as given (`changes` replace or add
   * fields, any string at all, `__proto__` and `constructor` too): the signature and digest
   * hold, so the hub judges the fields. Signed here with node:crypto, not jsonwebtoken, which
   * cannot sign a claim named `constructor`.
   */
  signedWith(changes: Readonly<Record<string, string>>, signer?: Signer): SignedMessage {
    const base = this.message();
    const envelope = JSON.parse(
      JSON.stringify({ ...base.envelope, ...changes }),
    ) as SignedMessage['envelope'];
    const key = signer ?? this.testHub.signer('gemeente');
    const header = { alg: key.algorithm, typ: ENVELOPE_JWS_TYPE, 'x5t#S256': key.thumbprint };
    return { envelope, payload: base.payload, signature: compactJws(header, envelope, key) };
  }

  /** A message from gemeente to energie whose payload is `change(payload)`, signed. */
  withPayload(change: (payload: Record<string, unknown>) => Payload): SignedMessage {
    const payload = change(structuredClone(examplePayload('saldoverzoek', 'inventarisatie')));
    return this.message('gemeente', 'energie', { payload });
  }

  /** POSTs `body` (text or bytes, sent as they are) to /v1/messages as gemeente. */
  async post(
    body: string | Buffer,
    messageId?: string,
    headers: Readonly<Record<string, string>> = JSON_TYPE,
  ): Promise<Sent> {
    const response = await this.as('gemeente').raw('POST', '/v1/messages', { body, headers });
    return { response, ...(messageId === undefined ? {} : { messageId }) };
  }

  /** POSTs a message as `as`, remembering its id. */
  async submit(message: SignedMessage, as = 'gemeente'): Promise<Sent> {
    const response = await this.as(as).submit(message);
    return { response, messageId: message.envelope.messageId };
  }

  /** Any request as `as` (gemeente by default). */
  send(method: string, path: string, init: RawInit = {}, as = 'gemeente') {
    return this.as(as).raw(method, path, init);
  }

  /**
   * A request of a portal user with its cookie and CSRF token, the body sent as given (text or
   * bytes), the answer checked against the OpenAPI document.
   */
  async portalRaw(
    user: PortalClient,
    method: string,
    path: string,
    body?: string | Buffer,
    headers: Readonly<Record<string, string>> = body === undefined ? {} : JSON_TYPE,
  ): Promise<Answer> {
    const response = await fetch(`${this.testHub.baseUrl}${path}`, {
      method,
      headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, ...headers },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? undefined;
    this.testHub.openapi.check({
      method,
      path: path.split('?')[0] as string,
      status: response.status,
      contentType,
      text,
    });
    const isJson = /[/+]json\b/.test(contentType ?? '') && text !== '';
    return { status: response.status, body: isJson ? (JSON.parse(text) as unknown) : text };
  }

  /** A client assertion of `as` at the hub's time, with `overrides`. */
  assertion(overrides: AssertionOverrides = {}, as = 'gemeente'): string {
    const client = this.as(as);
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return clientAssertion(client.signer, client.oin, client.audience, { iat, ...overrides });
  }

  /** A good token request of gemeente, form-encoded, with `extra` appended. */
  tokenForm(extra = ''): string {
    const type = encodeURIComponent(JWT_BEARER);
    return `grant_type=client_credentials&client_assertion_type=${type}&client_assertion=${this.assertion()}${extra}`;
  }

  /** A good token request of gemeente as JSON text. */
  tokenJson(): string {
    return JSON.stringify({
      grant_type: 'client_credentials',
      client_assertion_type: JWT_BEARER,
      client_assertion: this.assertion(),
    });
  }

  /** POSTs a raw body to the token endpoint, unauthenticated. */
  token(body: string | Buffer, headers: Readonly<Record<string, string>> = FORM_TYPE) {
    return this.send('POST', '/v1/token', { body, headers, auth: 'none' });
  }

  /** How many message events the ledger holds. */
  stored(): Promise<number> {
    return this.testHub.hub.ledger.countEvents({ types: [...MESSAGE_EVENTS] });
  }

  /** Runs a case and checks status, code, that nothing was stored, and the next good request. */
  async refuses(run: () => Promise<Sent | Answer>, status: number, code: string): Promise<void> {
    const before = await this.stored();
    const outcome = await run();
    const sent: Sent = 'response' in outcome ? outcome : { response: outcome };
    const { response } = sent;
    const body = response.body as { code?: unknown } | string;
    const shown = typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body);
    expect(response.status, shown).to.equal(status);
    expect((body as { code?: unknown }).code, shown).to.equal(code);
    expect(await this.stored(), 'message events').to.equal(before);
    if (sent.messageId !== undefined) {
      expect(await this.testHub.hub.ledger.getMessage(sent.messageId)).to.equal(undefined);
    }
    await this.stillServes();
  }

  /** A valid saldoverzoek from gemeente still goes through. */
  async stillServes(): Promise<void> {
    const good = this.message();
    const answer = await this.as('gemeente').submit(good);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
  }
}

/** Declares one `it` per case; `corpus` is read when the case runs (after `before`). */
export function cases(corpus: () => RestCorpus, table: readonly Case[]): void {
  for (const [name, status, code, run] of table) {
    it(`${name}: ${status} ${code}`, async () => {
      const world = corpus();
      await world.refuses(() => run(world), status, code);
    });
  }
}

/**
 * A compact JWS over any header and claims, signed with `signer`'s key (ES256 as the raw R‖S
 * of RFC 7518 §3.4, PS256 otherwise) or, with `hmacKey`, HS256 keyed with those bytes.
 */
export function compactJws(
  header: Readonly<Record<string, unknown>>,
  claims: unknown,
  signer: Signer | undefined,
  hmacKey?: Buffer,
): string {
  const encode = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  const signature =
    hmacKey !== undefined
      ? createHmac('sha256', hmacKey).update(input).digest()
      : signer === undefined
        ? Buffer.alloc(0)
        : sign('sha256', Buffer.from(input), {
            key: signer.privateKey,
            ...(signer.algorithm === 'ES256'
              ? { dsaEncoding: 'ieee-p1363' as const }
              : { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }),
          });
  return `${input}.${signature.toString('base64url')}`;
}

/** The OIN of a development participant (re-exported for the tables). */
export const oin = devOin;

/** Injection strings for identifiers and query parameters: SQL and MongoDB, as text. */
export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  '"; DROP TABLE messages; --',
  '1 UNION SELECT * FROM participants',
] as const;

/** MongoDB operator objects, as a JSON value would carry them. */
export const MONGO_OPERATORS = [
  { $ne: null },
  { $gt: '' },
  { $where: 'sleep(5000)' },
  { $regex: '.*' },
] as const;

/** Path traversal in an id segment (already percent-encoded for a path). */
export const TRAVERSALS = [
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fpackage.json',
  '..%5C..%5Cwindows%5Cwin.ini',
  '%00',
] as const;
