/**
 * The SDK's client of the hub over REST (fetch): logs in with a client assertion signed by the
 * participant's key (RFC 7523) and keeps the bearer token while it lives; sends signed messages
 * and verifies the hub's signed receipt; lists the mailbox, fetches, acknowledges, searches its
 * own log; `receive()` long-polls the mailbox. Sending is retried on a lost connection and on
 * 429/502/503/504 with the same message (same id), after the hub's `Retry-After` when it sends
 * one: the hub de-duplicates, so a retry gets the original receipt.
 */
import { X509Certificate } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  attachmentDigest,
  parseStrictJson,
  systemClock,
  verifyAttachment,
} from '@knooppunt/standard';
import type { AttachmentReference } from '@knooppunt/standard';
import type {
  AckOutcome,
  AckRequest,
  AckResult,
  AckResults,
  Clock,
  FetchedMessage,
  LogEntry,
  LogPage,
  MailboxItem,
  MailboxPage,
  MessageStatus,
  ReceiptClaims,
  RejectionPage,
  Role,
  SignedMessage,
  Signer,
  SubmissionResult,
} from '@knooppunt/standard';
import { documentsFor } from './attachments.ts';
import type { SendOptions } from './attachments.ts';
import { createClientAssertion, tokenRequestBody } from './client_assertion.ts';
import { HubError } from './errors.ts';
import { checkReceipt } from './receipt_check.ts';
import type { Problem } from './errors.ts';

/** Messages one `POST /v1/mailbox/ack` takes (the hub's limit, a full mailbox page). */
const ACK_BATCH = 500;

/** Options of a REST client. */
export interface RestClientOptions {
  /** The hub's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly hubUrl: string;
  /** The participant's OIN. */
  readonly oin: string;
  /** Its key and registered certificate. */
  readonly signer: Signer;
  readonly clock?: Clock;
  /** Attempts per request on a lost connection or 429/502/503/504. @defaultValue 5 */
  readonly attempts?: number;
  /** First retry delay, doubled each time. @defaultValue 200 ms */
  readonly retryDelayMs?: number;
}

/** A sent message: the hub's answer and the verified claims of its receipt. */
export interface Sent {
  readonly messageId: string;
  /** The compact JWS receipt, to keep as proof of delivery to the hub. */
  readonly receipt: string;
  readonly claims: ReceiptClaims;
  /** True when the hub had this message already (a retry): the receipt is the original. */
  readonly duplicate: boolean;
}

/** What to list from the mailbox. */
export interface MailboxQuery {
  /** Long poll: seconds (up to 30) an empty mailbox may wait for a message before answering. */
  readonly wait?: number;
  readonly module?: string;
  readonly messageType?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * What to search in this participant's own log (`GET /v1/log`): every given field must match.
 * Times are ISO 8601 (or Dates); `from` is inclusive, `to` exclusive.
 */
export interface LogQuery {
  /** The message's id (its reference). */
  readonly messageId?: string;
  readonly conversationId?: string;
  /** Only answers to this message. */
  readonly inReplyTo?: string;
  /** The other party's OIN. */
  readonly counterparty?: string;
  /**
   * The other party's role as the hub's registry knows it (`schuldeiser`), or any of several
   * (`['schuldhulpverlener', 'kredietbank', 'bewindvoerder']`).
   */
  readonly counterpartyRole?: Role | readonly Role[];
  readonly direction?: 'sent' | 'received';
  readonly module?: string;
  readonly messageType?: string;
  readonly version?: string;
  readonly status?: MessageStatus;
  readonly from?: string | Date;
  readonly to?: string | Date;
  readonly fetched?: boolean;
  readonly pickedUp?: boolean;
  /** Page size, 1 to 200. @defaultValue 50 */
  readonly limit?: number;
  readonly cursor?: string;
}

/** What to search among the submissions the hub refused this participant. */
export type RejectionQuery = Pick<
  LogQuery,
  'messageId' | 'counterparty' | 'messageType' | 'from' | 'to' | 'limit' | 'cursor'
>;

/** A postal area and the municipality serving it (`GET /v1/postcodes/{postcode}`). */
export interface PostcodeArea {
  /** The PC4 area, as the envelope of a signal carries it. */
  readonly postcode: string;
  /** The municipality's directory entry. */
  readonly municipality: {
    readonly oin: string;
    readonly name: string;
    readonly kind: string;
    readonly postcodegebieden?: readonly string[];
  };
}

const TRANSIENT = new Set([429, 502, 503, 504]);

/** `?name=value&…` of the defined fields of a query (Dates as ISO 8601), or nothing. */
function querySuffix(query: object): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined) continue;
    // A list (the log's counterpartyRole) is one comma-separated parameter.
    const text = Array.isArray(value) ? value.join(',') : String(value);
    search.set(name, value instanceof Date ? value.toISOString() : text);
  }
  return search.size === 0 ? '' : `?${search.toString()}`;
}

/** A participant's connection to the hub over REST. */
export class RestClient {
  readonly hubUrl: string;
  readonly oin: string;
  readonly #options: RestClientOptions;
  readonly #clock: Clock;
  #token: { value: string; renewAt: number } | undefined;
  #hubCertificate: Promise<X509Certificate> | undefined;

  constructor(options: RestClientOptions) {
    this.hubUrl = options.hubUrl.replace(/\/$/, '');
    this.oin = options.oin;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Sends a signed message; resolves with the verified receipt. Throws a HubError with the
   * hub's code when the message is refused (`problem.receipt` holds the signed rejection).
   */
  async send(message: SignedMessage, options: SendOptions = {}): Promise<Sent> {
    // Standard 2.1: every document the payload references goes up first (idempotent).
    for (const document of documentsFor(message, options.attachments ?? [])) {
      await this.uploadAttachment(document.bytes, document.reference.mediaType);
    }
    const result = await this.#json<SubmissionResult>('POST', '/v1/messages', message);
    const claims = checkReceipt(result.receipt, message, await this.hubCertificate());
    return {
      messageId: result.messageId,
      receipt: result.receipt,
      claims,
      duplicate: result.duplicate === true,
    };
  }

  /**
   * The municipality that serves a postal area (`3531` or `3531 CL`): the recipient of an early
   * signal (vroegsignalering). Throws a HubError `POSTCODE_UNSERVED` when none does.
   */
  municipalityFor(postcode: string): Promise<PostcodeArea> {
    return this.#json<PostcodeArea>('GET', `/v1/postcodes/${encodeURIComponent(postcode)}`);
  }

  /** One page of the mailbox: messages waiting for this participant, oldest first. */
  inbox(
    query: MailboxQuery = {},
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<MailboxPage> {
    const search = new URLSearchParams();
    if (query.module !== undefined) search.set('module', query.module);
    if (query.messageType !== undefined) search.set('messageType', query.messageType);
    if (query.limit !== undefined) search.set('limit', String(query.limit));
    if (query.cursor !== undefined) search.set('cursor', query.cursor);
    if (query.wait !== undefined) search.set('wait', String(query.wait));
    const suffix = search.size === 0 ? '' : `?${search.toString()}`;
    return this.#json<MailboxPage>('GET', `/v1/mailbox${suffix}`, undefined, options.signal);
  }

  /** One page of this participant's own log: what it sent and received, newest first. */
  log(query: LogQuery = {}): Promise<LogPage> {
    return this.#json<LogPage>('GET', `/v1/log${querySuffix(query)}`);
  }

  /**
   * One page of the submissions the hub refused this participant, newest first, with the
   * reasons of their rejection receipts: why a message never arrived.
   */
  rejections(query: RejectionQuery = {}): Promise<RejectionPage> {
    return this.#json<RejectionPage>('GET', `/v1/log/rejections${querySuffix(query)}`);
  }

  /** Every entry of this participant's log that matches `query`, newest first, page by page. */
  async *logEntries(query: Omit<LogQuery, 'cursor'> = {}): AsyncGenerator<LogEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.log({ ...query, ...(cursor === undefined ? {} : { cursor }) });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }

  /** Fetches a message (the hub records it as delivered). */
  fetch(messageId: string): Promise<FetchedMessage> {
    return this.#json<FetchedMessage>('GET', `/v1/messages/${encodeURIComponent(messageId)}`);
  }

  /**
   * Uploads a document (standard 2.1) under its SHA-256, for a message that will reference it;
   * `send` does this for the documents it is given.
   */
  async uploadAttachment(bytes: Uint8Array, mediaType = 'application/pdf'): Promise<void> {
    const sha256 = attachmentDigest(bytes);
    await this.#request('PUT', `/v1/attachments/${sha256}`, new RawBody(bytes, mediaType), true);
  }

  /**
   * The bytes of a document a received message references, as the hub holds them; no check.
   * `attachment` also checks them — use this one when the bytes must first be decrypted.
   */
  async attachmentBytes(messageId: string, sha256: string): Promise<Uint8Array> {
    const path = `/v1/messages/${encodeURIComponent(messageId)}/attachments/${sha256}`;
    const response = await this.#request('GET', path, undefined, true);
    return new Uint8Array(await response.arrayBuffer());
  }

  /**
   * A document a received message references, checked against the reference of its signed
   * payload (SHA-256 and size); throws AttachmentError `ATTACHMENT_DIGEST_MISMATCH` otherwise.
   */
  async attachment(messageId: string, reference: AttachmentReference): Promise<Uint8Array> {
    const bytes = await this.attachmentBytes(messageId, reference.sha256);
    verifyAttachment(reference, bytes);
    return bytes;
  }

  /** Acknowledges a message: picked up; the hub may drop its payload after retention. */
  ack(messageId: string): Promise<AckResult> {
    return this.#json<AckResult>('POST', `/v1/messages/${encodeURIComponent(messageId)}/ack`);
  }

  /**
   * Acknowledges several messages (say, the ids of one mailbox page) with one request per 500:
   * an outcome per message, in the order given. A `failed` one carries the problem its own
   * `ack` would have thrown; one with status 503 (`LEDGER_UNAVAILABLE`) is acknowledged again later.
   */
  async ackAll(messageIds: readonly string[]): Promise<AckOutcome[]> {
    const outcomes: AckOutcome[] = [];
    for (let start = 0; start < messageIds.length; start += ACK_BATCH) {
      const body: AckRequest = { messageIds: messageIds.slice(start, start + ACK_BATCH) };
      outcomes.push(...(await this.#json<AckResults>('POST', '/v1/mailbox/ack', body)).items);
    }
    return outcomes;
  }

  /**
   * Yields the messages arriving in the mailbox, fetched, until `signal` aborts. An empty
   * mailbox is long-polled (the hub answers when a message arrives, `waitSeconds` at most);
   * while only messages already yielded wait there, it looks again every `pollMs`. A message
   * stays in the mailbox until acknowledged, so acknowledge each one after handling it (one
   * not acknowledged is yielded once per iteration of this generator).
   */
  async *receive(
    options: {
      readonly pollMs?: number;
      readonly waitSeconds?: number;
      readonly signal?: AbortSignal;
    } & Omit<MailboxQuery, 'wait'> = {},
  ): AsyncGenerator<FetchedMessage> {
    const seen = new Set<string>();
    const { pollMs = 1000, waitSeconds = 20, signal, ...query } = options;
    const stopped = (): boolean => signal?.aborted === true;
    while (!stopped()) {
      let cursor: string | undefined;
      const listed: MailboxItem[] = [];
      try {
        do {
          const page = await this.inbox(
            { ...query, ...(cursor === undefined ? { wait: waitSeconds } : { cursor }) },
            signal === undefined ? {} : { signal },
          );
          listed.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor !== undefined && !stopped());
      } catch (error) {
        if (stopped()) return; // aborted during a long poll
        throw error;
      }
      const fresh = listed.filter((item) => !seen.has(item.messageId));
      // Remember only what is still waiting: acknowledged messages leave the mailbox.
      for (const id of seen) if (!listed.some((item) => item.messageId === id)) seen.delete(id);
      for (const item of fresh) {
        if (stopped()) return;
        seen.add(item.messageId);
        yield await this.fetch(item.messageId);
      }
      // An empty answer has waited at the hub already; one with only seen messages has not.
      if (fresh.length === 0 && listed.length > 0) {
        await sleep(pollMs, undefined, signal === undefined ? {} : { signal }).catch(
          () => undefined,
        );
      }
    }
  }

  /** A registered certificate by thumbprint (for verifying a sender); undefined if unknown. */
  async certificate(
    thumbprint: string,
  ): Promise<{ certificatePem: string; status: 'active' | 'revoked' } | undefined> {
    try {
      return await this.#json('GET', `/v1/certificates/${encodeURIComponent(thumbprint)}`);
    } catch (error) {
      if (error instanceof HubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** The trust anchors the hub checks participants' certificates against (PEM bundle). */
  async trustAnchors(): Promise<string> {
    return (await this.#request('GET', '/v1/hub/trust', undefined, false)).text();
  }

  /** The hub's certificate (receipts are signed with its key), fetched once. */
  hubCertificate(): Promise<X509Certificate> {
    this.#hubCertificate ??= this.#request('GET', '/v1/hub/certificate', undefined, false)
      .then((response) => response.text())
      .then((pem) => new X509Certificate(pem))
      .catch((error: unknown) => {
        this.#hubCertificate = undefined;
        throw error;
      });
    return this.#hubCertificate;
  }

  /** A bearer token, from the cache while it lives. */
  async token(): Promise<string> {
    const now = this.#clock.now().getTime();
    if (this.#token !== undefined && this.#token.renewAt > now) return this.#token.value;
    const { signer, oin } = this.#options;
    // A fresh assertion (a new jti) for every attempt: the hub remembers each jti it was sent,
    // so a retry of one whose answer was lost would be refused as a replay.
    const body = () =>
      tokenRequestBody(
        createClientAssertion({
          signer,
          oin,
          baseUrl: this.hubUrl,
          now: this.#clock.now(),
          lifetimeSeconds: 60,
        }),
      );
    const response = await this.#request('POST', '/v1/token', body, false);
    const { access_token: value, expires_in: seconds } = parseStrictJson(await response.text()) as {
      access_token: string;
      expires_in: number;
    };
    this.#token = { value, renewAt: now + Math.max(0, seconds - 30) * 1000 };
    return value;
  }

  async #json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const response = await this.#request(method, path, body, true, signal);
    return parseStrictJson(await response.text()) as T;
  }

  /** One request with retries; throws a HubError for an answer that is not 2xx. */
  async #request(
    method: string,
    path: string,
    bodyOf: unknown,
    authenticated: boolean,
    signal?: AbortSignal,
  ): Promise<Response> {
    const attempts = this.#options.attempts ?? 5;
    const firstDelay = this.#options.retryDelayMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        const headers: Record<string, string> = {};
        if (authenticated) headers['authorization'] = `Bearer ${await this.token()}`;
        // A function makes the body anew for each attempt (a token request's assertion).
        const body: unknown = typeof bodyOf === 'function' ? (bodyOf as () => unknown)() : bodyOf;
        let payload: string | Blob | undefined;
        if (body instanceof RawBody) {
          headers['content-type'] = body.mediaType;
          payload = new Blob([new Uint8Array(body.bytes)]);
        } else if (body instanceof URLSearchParams) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = body.toString();
        } else if (body !== undefined) {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(body);
        }
        response = await fetch(`${this.hubUrl}${path}`, {
          method,
          headers,
          ...(payload === undefined ? {} : { body: payload }),
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        if (error instanceof HubError || attempt >= attempts || signal?.aborted === true)
          throw error;
        await sleep(firstDelay * 2 ** (attempt - 1));
        continue;
      }
      if (response.ok) return response;
      if (response.status === 401 && authenticated && attempt === 1) {
        this.#token = undefined; // expired or revoked since: log in again once
        continue;
      }
      if (TRANSIENT.has(response.status) && attempt < attempts) {
        await response.body?.cancel();
        await sleep(retryDelay(response, firstDelay * 2 ** (attempt - 1)));
        continue;
      }
      throw new HubError(response.status, await problemOf(response));
    }
  }
}

/** The longest `Retry-After` the client waits for one attempt. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * How long to wait before the next attempt: the hub's `Retry-After` (seconds, RFC 9110
 * §10.2.3; it sends one with 429 and 503), at most a minute, or the backoff when it sent none.
 */
function retryDelay(response: Response, backoffMs: number): number {
  const header = response.headers.get('retry-after');
  const seconds = header === null || !/^\d+$/.test(header.trim()) ? NaN : Number(header);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, MAX_RETRY_AFTER_MS) : backoffMs;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const parsed = parseStrictJson(text) as Problem & { error?: string };
    return typeof parsed === 'object' && parsed !== null ? parsed : { detail: text };
  } catch {
    return { status: response.status, detail: text.slice(0, 200) };
  }
}

/** A body sent as it is (a document), with its media type. */
class RawBody {
  constructor(
    readonly bytes: Uint8Array,
    readonly mediaType: string,
  ) {}
}
