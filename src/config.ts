/**
 * The hub's configuration, read once from the environment at start-up, validated, and frozen.
 * Every option is documented in docs/operations.md with its default; nothing else reads
 * `process.env`.
 */
import { join, resolve } from 'node:path';
import { UsageError } from '@knooppunt/standard';

/** The hub's configuration. */
export interface HubConfig {
  /** HTTP(S) port. @defaultValue 8080 (`PORT`) */
  readonly port: number;
  /** Address to listen on. @defaultValue `127.0.0.1` (`HOST`) */
  readonly host: string;
  /** Folder of the embedded ledger and development PKI. @defaultValue `./data` (`KNOOPPUNT_DATA_DIR`) */
  readonly dataDir: string;
  /** MongoDB connection string; unset means the embedded SQLite ledger. (`MONGODB_URL`) */
  readonly mongodbUrl: string | undefined;
  /**
   * MongoDB database name: `MONGODB_DB` when set, else the database named in `MONGODB_URL`
   * (`mongodb://host/<database>`), else `knooppunt`.
   */
  readonly mongodbDatabase: string;
  /** Where `mongodbDatabase` came from, said at start-up. */
  readonly mongodbDatabaseSource: 'MONGODB_DB' | 'MONGODB_URL' | 'default';
  /**
   * How long a ledger operation waits for a reachable MongoDB server before it fails with
   * LEDGER_UNAVAILABLE (REST: 503 with Retry-After; AMQP: the delivery waits), in ms.
   * @defaultValue 5000 (`MONGODB_SERVER_SELECTION_TIMEOUT_MS`)
   */
  readonly mongodbServerSelectionTimeoutMs: number;
  /** RabbitMQ connection string; unset means REST only. (`AMQP_URL`) */
  readonly amqpUrl: string | undefined;
  /**
   * Submissions each process takes from the inbound queue before it has answered them (the
   * consumer's prefetch). @defaultValue 64 (`KNOOPPUNT_AMQP_PREFETCH`)
   */
  readonly amqpPrefetch: number;
  /** RabbitMQ management HTTP API, with an administrator's credentials, for participant users. @defaultValue `http://guest:guest@127.0.0.1:15672` (`KNOOPPUNT_RABBITMQ_MANAGEMENT_URL`) */
  readonly rabbitmqManagementUrl: string;
  /** The CA bundle participant certificates must chain to. @defaultValue `<dataDir>/pki/ca/ca.pem` (`KNOOPPUNT_TRUST_BUNDLE`) */
  readonly trustBundlePath: string;
  /** The hub's certificate (P-256) and key. @defaultValue `<dataDir>/pki/hub/{cert,key}.pem` */
  readonly hubCertPath: string;
  readonly hubKeyPath: string;
  /**
   * The portal CA that certifies portal users' browser keys (docs/portal.md): a CA certificate
   * under the trust bundle, and its key. @defaultValue the development CA,
   * `<dataDir>/pki/ca/{ca,ca.key}.pem` (`KNOOPPUNT_PORTAL_CA_CERT`, `KNOOPPUNT_PORTAL_CA_KEY`)
   */
  readonly portalCaCertPath: string;
  readonly portalCaKeyPath: string;
  /** TLS server certificate and key; when both are set the hub serves HTTPS and accepts client certificates (mutual TLS). */
  readonly tlsCertPath: string | undefined;
  readonly tlsKeyPath: string | undefined;
  /** Largest accepted request body. @defaultValue 10 MiB (`KNOOPPUNT_MAX_BODY_BYTES`) */
  readonly maxBodyBytes: number;
  /** Allowed distance between a message's createdAt and the hub's clock. @defaultValue 300 s (`KNOOPPUNT_CLOCK_SKEW_SECONDS`) */
  readonly clockSkewSeconds: number;
  /** Lifetime of bearer tokens. @defaultValue 300 s (`KNOOPPUNT_TOKEN_TTL_SECONDS`) */
  readonly tokenTtlSeconds: number;
  /**
   * Authenticated requests a participant may make per second to one hub process, and how many
   * at once (a token bucket; rest/quota.ts); past it 429 `RATE_LIMITED`. 0 turns it off.
   * @defaultValue 100 a second, bursts of 500 (`KNOOPPUNT_RATE_LIMIT_PER_SECOND`, `KNOOPPUNT_RATE_LIMIT_BURST`)
   */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number };
  /** Days a payload is kept after pickup. @defaultValue 7 (`KNOOPPUNT_RETENTION_DAYS`) */
  readonly retentionDays: number;
  /**
   * Seconds an attachment upload (standard 2.1) waits for the message that references it; an
   * upload no message took by then is dropped by housekeeping.
   * @defaultValue 3600 (`KNOOPPUNT_ATTACHMENT_UPLOAD_TTL_SECONDS`)
   */
  readonly attachmentUploadTtlSeconds: number;
  /**
   * Most dead letters the broker keeps; past it the oldest is dropped (RabbitMQ `max-length`
   * with `overflow: drop-head`). @defaultValue 10,000 (`KNOOPPUNT_DEAD_LETTER_MAX`)
   */
  readonly deadLetterMax: number;
  /**
   * Days a dead letter is kept (fractions allowed); then the broker drops it (`message-ttl`). A
   * dead letter holds a payload like any other message. @defaultValue `retentionDays`, at most
   * {@link MAX_DEAD_LETTER_DAYS} (`KNOOPPUNT_DEAD_LETTER_DAYS`)
   */
  readonly deadLetterDays: number;
  /** Working days an unfetched message waits before it expires. @defaultValue 5 (`KNOOPPUNT_EXPIRY_WORKING_DAYS`) */
  readonly expiryWorkingDays: number;
  /**
   * Development and test hubs only: an unfetched message expires this many seconds after it
   * was received instead of after `expiryWorkingDays`, so that expiry can be watched without
   * waiting days or moving clocks. Refused unless `KNOOPPUNT_DEV_BOOTSTRAP` is true.
   * (`KNOOPPUNT_EXPIRY_SECONDS`)
   */
  readonly expirySeconds: number | undefined;
  /** Seconds between housekeeping's expiry and retention passes. @defaultValue 60 (`KNOOPPUNT_PURGE_INTERVAL_SECONDS`) */
  readonly purgeIntervalSeconds: number;
  /** The hub's public base URL, the audience of client assertions. @defaultValue `http://<host>:<port>` (`KNOOPPUNT_PUBLIC_URL`) */
  readonly publicUrl: string;
  /** Log level. @defaultValue `info` (`KNOOPPUNT_LOG_LEVEL`) */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Create the development PKI and network on first start. @defaultValue true without MONGODB_URL (`KNOOPPUNT_DEV_BOOTSTRAP`) */
  readonly devBootstrap: boolean;
  /**
   * When set, `GET /metrics` wants `Authorization: Bearer <this>` (Prometheus'
   * `authorization` setting); unset, it is open — serve it only where operators reach it.
   * (`KNOOPPUNT_METRICS_TOKEN`)
   */
  readonly metricsToken: string | undefined;
  /**
   * Proxies in front of the hub whose `X-Forwarded-For` is trusted for the client's address
   * (express's `trust proxy` as a number of hops). @defaultValue 0 (`KNOOPPUNT_TRUST_PROXY_HOPS`)
   */
  readonly trustProxyHops: number;
  /**
   * Whether operators' session cookies are `Secure` (sent over HTTPS only). @defaultValue true,
   * except on a development hub without TLS (`KNOOPPUNT_SECURE_COOKIES`)
   */
  readonly secureCookies: boolean;
  /**
   * The SMTP server of the portal's daily e-mail digest, e.g. `smtp://user:pass@mail:587` or
   * `smtps://mail:465`; unset means no digest. Never logged whole (it may hold a password).
   * (`KNOOPPUNT_SMTP_URL`)
   */
  readonly smtpUrl: string | undefined;
  /** The digest's sender (`Knooppunt <noreply@example.nl>`); required with an SMTP URL. (`KNOOPPUNT_MAIL_FROM`) */
  readonly mailFrom: string | undefined;
  /** When the digest goes out on working days, `HH:MM` in Europe/Amsterdam. @defaultValue `07:00` (`KNOOPPUNT_DIGEST_TIME`) */
  readonly digestTime: string;
  /** The HTTP server's own limits on connections and request heads (below express). */
  readonly http: HttpServerConfig;
  /**
   * Hub processes `knooppunt start` runs on this machine, sharing `HOST:PORT` (node:cluster) and
   * the ledger; more than one needs a ledger several processes may write (SQLite on one host,
   * MongoDB). @defaultValue 1 (`KNOOPPUNT_PROCESSES`)
   */
  readonly processes: number;
  /**
   * Whether the embedded SQLite ledger runs in a thread of its own (src/ledger/sqlite_thread.ts),
   * so its statements and commits use another core than the hub's event loop. Off, it runs in
   * the hub's thread (a little less latency on an idle hub, one core). @defaultValue true
   * (`KNOOPPUNT_SQLITE_THREAD`)
   */
  readonly sqliteThread: boolean;
}

/**
 * What the HTTP(S) server allows a client before express sees a request; past a limit the
 * client gets problem details (src/transports/rest/http_server.ts). Node's own defaults are
 * laxer (headers within 60 s, a request within 300 s).
 */
export interface HttpServerConfig {
  /** Time to send the request head. @defaultValue 20 s (`KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS`), then 408 `REQUEST_TIMEOUT` */
  readonly headersTimeoutSeconds: number;
  /** Time to send the whole request, body included; at least the headers' time. @defaultValue 120 s (`KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS`), then 408 `REQUEST_TIMEOUT` */
  readonly requestTimeoutSeconds: number;
  /** How long an idle keep-alive connection stays open; behind a load balancer, longer than its idle timeout. @defaultValue 5 s (`KNOOPPUNT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS`) */
  readonly keepAliveTimeoutSeconds: number;
  /** Largest request head (request line and headers). @defaultValue 16 KiB (`KNOOPPUNT_HTTP_MAX_HEADER_BYTES`), then 431 `HEADERS_TOO_LARGE` */
  readonly maxHeaderBytes: number;
  /** Headers read per request; the ones past it are ignored. @defaultValue 100 (`KNOOPPUNT_HTTP_MAX_HEADERS_COUNT`) */
  readonly maxHeadersCount: number;
}

/**
 * The longest a dead letter can be kept: RabbitMQ's largest message TTL is 2^32 − 1 ms
 * (`MAX_EXPIRY_TIMER` in rabbit_misc), a little over 49.7 days.
 */
export const MAX_DEAD_LETTER_DAYS = 49;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      'USAGE_INVALID',
      `${name} must be a whole number from ${min} to ${max}, got '${text}'`,
    );
  }
  return value;
}

/** A number of days, fractions allowed (`0.5` is 12 hours). */
function days(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text) || value < min || value > max) {
    throw new UsageError(
      'USAGE_INVALID',
      `${name} must be a number of days from ${min} to ${max} (fractions allowed), got '${text}'`,
    );
  }
  return value;
}

function optional(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = optional(env, name);
  if (text === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['0', 'false', 'no'].includes(text)) return false;
  throw new UsageError('USAGE_INVALID', `${name} must be true or false, got '${text}'`);
}

/** The SMTP URL, when set: `smtp:` or `smtps:` with a host. */
function smtpUrl(env: NodeJS.ProcessEnv): string | undefined {
  const text = optional(env, 'KNOOPPUNT_SMTP_URL');
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || !['smtp:', 'smtps:'].includes(url.protocol) || url.hostname === '') {
    // Not echoed: the URL may hold the SMTP password.
    throw new UsageError(
      'USAGE_INVALID',
      'KNOOPPUNT_SMTP_URL must be an smtp:// or smtps:// URL with a host',
    );
  }
  return text;
}

/** `name@domain` or `Display Name <name@domain>`. */
const MAIL_FROM = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** The digest's sender: required with an SMTP URL, an e-mail address (with a name or not). */
function mailFrom(env: NodeJS.ProcessEnv, smtp: string | undefined): string | undefined {
  const from = optional(env, 'KNOOPPUNT_MAIL_FROM');
  if (from !== undefined && !MAIL_FROM.test(from.trim())) {
    throw new UsageError(
      'USAGE_INVALID',
      `KNOOPPUNT_MAIL_FROM must be an e-mail address, optionally as 'Name <address>', got '${from}'`,
    );
  }
  if (smtp !== undefined && from === undefined) {
    throw new UsageError('USAGE_INVALID', 'KNOOPPUNT_SMTP_URL needs KNOOPPUNT_MAIL_FROM');
  }
  return from?.trim();
}

/** A time of day, `HH:MM` (24 hours). */
function timeOfDay(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = optional(env, name) ?? fallback;
  if (!/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(text)) {
    throw new UsageError(
      'USAGE_INVALID',
      `${name} must be a time HH:MM (00:00–23:59), got '${text}'`,
    );
  }
  return text;
}

/**
 * The database a MongoDB connection string names (its path, RFC 3986 §3.3), percent-decoded;
 * undefined when it names none. The host list of a connection string never holds a `/`
 * (a Unix socket path in it is percent-encoded), so the path starts at the first `/` after
 * `://`.
 */
export function databaseOfMongoUrl(url: string): string | undefined {
  const afterScheme = url.indexOf('://');
  if (afterScheme < 0) return undefined;
  const rest = url.slice(afterScheme + 3);
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const path = rest.slice(slash + 1).split(/[?#]/)[0] ?? '';
  if (path === '') return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    throw new UsageError(
      'USAGE_INVALID',
      `MONGODB_URL names the database '${path}', not decodable`,
    );
  }
}

/** The short expiry of development and test hubs; refused on any other hub. */
function expirySeconds(env: NodeJS.ProcessEnv, devBootstrap: boolean): number | undefined {
  if (optional(env, 'KNOOPPUNT_EXPIRY_SECONDS') === undefined) return undefined;
  if (!devBootstrap) {
    throw new UsageError(
      'USAGE_INVALID',
      'KNOOPPUNT_EXPIRY_SECONDS is for development and test hubs only (KNOOPPUNT_DEV_BOOTSTRAP=true); use KNOOPPUNT_EXPIRY_WORKING_DAYS',
    );
  }
  return integer(env, 'KNOOPPUNT_EXPIRY_SECONDS', 0, 1, 86_400);
}

/** MongoDB's own databases: never the ledger's (a throw-away hub drops its database). */
const SYSTEM_DATABASES: ReadonlySet<string> = new Set(['admin', 'local', 'config']);

/** The database to use and why: MONGODB_DB overrides the URL's; `knooppunt` when neither names one. */
function mongodbDatabase(
  env: NodeJS.ProcessEnv,
  url: string | undefined,
): Pick<HubConfig, 'mongodbDatabase' | 'mongodbDatabaseSource'> {
  const override = optional(env, 'MONGODB_DB');
  const named = url === undefined ? undefined : databaseOfMongoUrl(url);
  const chosen: Pick<HubConfig, 'mongodbDatabase' | 'mongodbDatabaseSource'> =
    override !== undefined
      ? { mongodbDatabase: override, mongodbDatabaseSource: 'MONGODB_DB' }
      : named !== undefined
        ? { mongodbDatabase: named, mongodbDatabaseSource: 'MONGODB_URL' }
        : { mongodbDatabase: 'knooppunt', mongodbDatabaseSource: 'default' };
  if (SYSTEM_DATABASES.has(chosen.mongodbDatabase)) {
    throw new UsageError(
      'USAGE_INVALID',
      `${chosen.mongodbDatabaseSource} names MongoDB's own database '${chosen.mongodbDatabase}' for the ledger; ` +
        "name the ledger's database (mongodb://host/knooppunt?authSource=admin authenticates against admin) or set MONGODB_DB",
    );
  }
  return chosen;
}

/** The HTTP server's limits; the whole request may not have less time than its head. */
function httpServerConfig(env: NodeJS.ProcessEnv): HttpServerConfig {
  const headersTimeoutSeconds = integer(env, 'KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS', 20, 1, 300);
  const requestTimeoutSeconds = integer(
    env,
    'KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS',
    Math.max(120, headersTimeoutSeconds),
    1,
    3600,
  );
  if (requestTimeoutSeconds < headersTimeoutSeconds) {
    // node:http refuses a headersTimeout longer than the requestTimeout.
    throw new UsageError(
      'USAGE_INVALID',
      `KNOOPPUNT_HTTP_REQUEST_TIMEOUT_SECONDS (${requestTimeoutSeconds}) must be at least KNOOPPUNT_HTTP_HEADERS_TIMEOUT_SECONDS (${headersTimeoutSeconds})`,
    );
  }
  return Object.freeze({
    headersTimeoutSeconds,
    requestTimeoutSeconds,
    keepAliveTimeoutSeconds: integer(env, 'KNOOPPUNT_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 5, 1, 600),
    maxHeaderBytes: integer(env, 'KNOOPPUNT_HTTP_MAX_HEADER_BYTES', 16_384, 1024, 65_536),
    maxHeadersCount: integer(env, 'KNOOPPUNT_HTTP_MAX_HEADERS_COUNT', 100, 10, 2000),
  });
}

/** Reads and validates the configuration; throws a UsageError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = resolve(env['KNOOPPUNT_DATA_DIR'] || 'data');
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const host = env['HOST'] || '127.0.0.1';
  const logLevel = env['KNOOPPUNT_LOG_LEVEL'] || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new UsageError(
      'USAGE_INVALID',
      `KNOOPPUNT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const tlsCertPath = optional(env, 'KNOOPPUNT_TLS_CERT');
  const tlsKeyPath = optional(env, 'KNOOPPUNT_TLS_KEY');
  if ((tlsCertPath === undefined) !== (tlsKeyPath === undefined)) {
    throw new UsageError('USAGE_INVALID', 'KNOOPPUNT_TLS_CERT and KNOOPPUNT_TLS_KEY go together');
  }
  const mongodbUrl = optional(env, 'MONGODB_URL');
  const scheme = tlsCertPath === undefined ? 'http' : 'https';
  const devBootstrap = flag(env, 'KNOOPPUNT_DEV_BOOTSTRAP', mongodbUrl === undefined);
  const smtp = smtpUrl(env);
  const retentionDays = integer(env, 'KNOOPPUNT_RETENTION_DAYS', 7, 0, 3650);
  return Object.freeze({
    port,
    host,
    dataDir,
    mongodbUrl,
    ...mongodbDatabase(env, mongodbUrl),
    mongodbServerSelectionTimeoutMs: integer(
      env,
      'MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      5000,
      100,
      120_000,
    ),
    amqpUrl: optional(env, 'AMQP_URL'),
    amqpPrefetch: integer(env, 'KNOOPPUNT_AMQP_PREFETCH', 64, 1, 1000),
    rabbitmqManagementUrl:
      optional(env, 'KNOOPPUNT_RABBITMQ_MANAGEMENT_URL') ?? 'http://guest:guest@127.0.0.1:15672',
    trustBundlePath:
      optional(env, 'KNOOPPUNT_TRUST_BUNDLE') ?? join(dataDir, 'pki', 'ca', 'ca.pem'),
    hubCertPath: optional(env, 'KNOOPPUNT_HUB_CERT') ?? join(dataDir, 'pki', 'hub', 'cert.pem'),
    hubKeyPath: optional(env, 'KNOOPPUNT_HUB_KEY') ?? join(dataDir, 'pki', 'hub', 'key.pem'),
    portalCaCertPath:
      optional(env, 'KNOOPPUNT_PORTAL_CA_CERT') ?? join(dataDir, 'pki', 'ca', 'ca.pem'),
    portalCaKeyPath:
      optional(env, 'KNOOPPUNT_PORTAL_CA_KEY') ?? join(dataDir, 'pki', 'ca', 'ca.key.pem'),
    tlsCertPath,
    tlsKeyPath,
    maxBodyBytes: integer(
      env,
      'KNOOPPUNT_MAX_BODY_BYTES',
      10 * 1024 * 1024,
      1024,
      64 * 1024 * 1024,
    ),
    clockSkewSeconds: integer(env, 'KNOOPPUNT_CLOCK_SKEW_SECONDS', 300, 1, 86_400),
    tokenTtlSeconds: integer(env, 'KNOOPPUNT_TOKEN_TTL_SECONDS', 300, 30, 3600),
    rateLimit: Object.freeze({
      perSecond: integer(env, 'KNOOPPUNT_RATE_LIMIT_PER_SECOND', 100, 0, 100_000),
      burst: integer(env, 'KNOOPPUNT_RATE_LIMIT_BURST', 500, 1, 1_000_000),
    }),
    retentionDays,
    attachmentUploadTtlSeconds: integer(
      env,
      'KNOOPPUNT_ATTACHMENT_UPLOAD_TTL_SECONDS',
      3600,
      60,
      7 * 86_400,
    ),
    deadLetterMax: integer(env, 'KNOOPPUNT_DEAD_LETTER_MAX', 10_000, 1, 100_000),
    deadLetterDays: days(
      env,
      'KNOOPPUNT_DEAD_LETTER_DAYS',
      Math.min(retentionDays, MAX_DEAD_LETTER_DAYS),
      0,
      MAX_DEAD_LETTER_DAYS,
    ),
    expiryWorkingDays: integer(env, 'KNOOPPUNT_EXPIRY_WORKING_DAYS', 5, 1, 60),
    expirySeconds: expirySeconds(env, devBootstrap),
    purgeIntervalSeconds: integer(env, 'KNOOPPUNT_PURGE_INTERVAL_SECONDS', 60, 1, 3600),
    publicUrl: optional(env, 'KNOOPPUNT_PUBLIC_URL') ?? `${scheme}://${host}:${port}`,
    logLevel: logLevel as HubConfig['logLevel'],
    devBootstrap,
    metricsToken: optional(env, 'KNOOPPUNT_METRICS_TOKEN'),
    trustProxyHops: integer(env, 'KNOOPPUNT_TRUST_PROXY_HOPS', 0, 0, 10),
    secureCookies: flag(
      env,
      'KNOOPPUNT_SECURE_COOKIES',
      tlsCertPath !== undefined || !devBootstrap,
    ),
    smtpUrl: smtp,
    mailFrom: mailFrom(env, smtp),
    digestTime: timeOfDay(env, 'KNOOPPUNT_DIGEST_TIME', '07:00'),
    http: httpServerConfig(env),
    processes: integer(env, 'KNOOPPUNT_PROCESSES', 1, 1, 64),
    sqliteThread: flag(env, 'KNOOPPUNT_SQLITE_THREAD', true),
  });
}
