/**
 * The hub process: reads its configuration, opens the ledger (MongoDB when configured, the
 * embedded SQLite file otherwise), builds the registry, verifier, pipeline and transports, and
 * runs the housekeeping timers (sealing, expiry, retention) and, with an SMTP server configured,
 * the portal's daily e-mail digest. Everything is injected so tests can build a hub on a
 * controlled clock and a throw-away ledger.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Express } from 'express';
import {
  createSchemaRegistry,
  createSigner,
  EnvelopeVerifier,
  inspectCertificate,
  ReceiptSigner,
  systemClock,
  TrustStore,
} from '@knooppunt/standard';
import type { Clock, SchemaRegistry, Signer } from '@knooppunt/standard';
import type { HubConfig } from '../config.ts';
import { MongoLedger } from '../ledger/mongo_ledger.ts';
import type { Ledger, MessageUpdate } from '../ledger/port.ts';
import type { MessageRecord, MessageSummary } from '../ledger/types.ts';
import { SqliteLedger } from '../ledger/sqlite_ledger.ts';
import { openSqliteLedgerThread } from '../ledger/sqlite_thread.ts';
import { createLogger } from '../ops/logger.ts';
import { HubMetrics } from '../ops/metrics.ts';
import { OperatorAccounts, OperatorSessions } from '../operators/index.ts';
import type { BrokerState, WatchSnapshot } from '../ops/metrics.ts';
import { ConsoleReads } from '../ops/console/read_model.ts';
import { PortalAccounts, PortalKeys, PortalSessions } from '../portal/index.ts';
import { portalCertifier } from './portal_ca.ts';
import { defaultConsoleDir } from '../transports/rest/console_files.ts';
import type { Participant } from '../participants/types.ts';
import type { Logger } from '../ops/logger.ts';
import { ParticipantRegistry } from '../participants/registry.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import { DEFAULT_HUB_OIN } from '../devnet/dev_network.ts';
import { AmqpTransport } from '../transports/amqp/amqp_transport.ts';
import { createRestApp } from '../transports/rest/app.ts';
import { MailboxSignals } from '../transports/rest/mailbox_signals.ts';
import {
  httpServerOptions,
  onClientError,
  withRequestChecks,
} from '../transports/rest/http_server.ts';
import { bootstrapDevNetwork } from '../devnet/dev_network.ts';
import { Housekeeping } from './housekeeping.ts';
import { PortalDigests } from './portal_digests.ts';
import { smtpMailer, smtpServerOf } from '../portal/mailer.ts';

/** Options of `createHub` beyond the configuration. */
export interface HubOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Use this ledger instead of the configured one (tests). */
  readonly ledger?: Ledger;
  /** Run the housekeeping timers (and the portal digest's). @defaultValue true */
  readonly housekeeping?: boolean;
  /**
   * How long `stop()` lets HTTP requests in flight finish before closing their connections.
   * @defaultValue 25 000 ms (within the usual 30 s between SIGTERM and SIGKILL)
   */
  readonly drainMs?: number;
  /**
   * Node's process metrics (CPU, memory, event loop, GC) on `/metrics`: they start observers
   * that live as long as the process, so hubs that come and go in one process leave them off.
   * @defaultValue true
   */
  readonly processMetrics?: boolean;
  /** Where the console's built files are. @defaultValue web/dist/console in the repository */
  readonly consoleDir?: string;
  /**
   * Called with the recipient's OIN when a message for a REST mailbox is stored by this process
   * (a submission or a notice), so that other hub processes can wake their long polls
   * (`Hub.wakeMailbox`); `knooppunt start` with several processes relays it through the
   * cluster's primary. Only the OIN: nothing of the message.
   */
  readonly onMailboxArrival?: (recipient: string) => void;
  /**
   * The hub lives for a short piece of work among others in one process (a throw-away hub):
   * see {@link openLedger}. @defaultValue false
   */
  readonly shortLived?: boolean;
}

/** A running (or ready to run) hub. */
export interface Hub {
  readonly config: HubConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ledger: Ledger;
  readonly registry: ParticipantRegistry;
  readonly schemas: SchemaRegistry;
  readonly pipeline: Pipeline;
  readonly receipts: ReceiptSigner;
  readonly hubSigner: Signer;
  readonly hubOin: string;
  readonly trust: TrustStore;
  readonly housekeeping: Housekeeping;
  /** The portal's daily e-mail digest, when `KNOOPPUNT_SMTP_URL` is set. */
  readonly digests: PortalDigests | undefined;
  /** Operators' accounts and sessions (the console's users). */
  readonly operators: { readonly accounts: OperatorAccounts; readonly sessions: OperatorSessions };
  /** The participant portal's users and sessions. */
  readonly portal: {
    readonly accounts: PortalAccounts;
    readonly sessions: PortalSessions;
    readonly keys: PortalKeys;
  };
  /** The metrics `GET /metrics` serves. */
  readonly metrics: HubMetrics;
  readonly app: Express;
  /** The AMQP transport, when `AMQP_URL` is set. */
  readonly amqp: AmqpTransport | undefined;
  /**
   * Wakes this process's long polls (`GET /v1/mailbox?wait=`) on `recipient`'s mailbox: another
   * process stored a message for it. Without it they find the message on their next re-read.
   */
  wakeMailbox(recipient: string): void;
  /** Starts listening; resolves to the base URL. */
  listen(): Promise<string>;
  /**
   * Stops taking work (no new connections or deliveries; readiness answers 503), finishes what
   * is in flight, then closes the broker connection and the ledger.
   */
  stop(): Promise<void>;
}

/** The file of the embedded SQLite ledger: `<dataDir>/ledger.sqlite`. */
export function sqliteLedgerPath(config: HubConfig): string {
  return join(config.dataDir, 'ledger.sqlite');
}

/**
 * Opens the configured ledger. A short-lived user (a CLI command, a throw-away hub) keeps the
 * embedded SQLite ledger in its own thread whatever `sqliteThread` says: starting the ledger's
 * thread costs about 0.6 s, more than one piece of work gains from it. A CLI command may run
 * beside a hub on the same file (`besideHub`). Each commit is synced inside it (SqliteLedgerOptions
 * `syncInCommit`) in the ledger's thread, and by a writer in an event loop's thread when others
 * write the file too: such a command, and the hub's processes when there are several.
 */
export function openLedger(
  config: HubConfig,
  options: { shortLived?: boolean; besideHub?: boolean; logger?: Logger } = {},
): Ledger {
  if (config.mongodbUrl === undefined) {
    const path = sqliteLedgerPath(config);
    const logger = options.logger;
    return config.sqliteThread && options.shortLived !== true
      ? openSqliteLedgerThread(path, {
          checkpointsEnded: (error) =>
            logger?.warn(
              { err: error },
              "SQLite ledger: the checkpoint thread ended; the writer's commits copy the log into the file again",
            ),
        })
      : new SqliteLedger(path, {
          syncInCommit: config.processes > 1 || options.besideHub === true,
        });
  }
  return new MongoLedger({
    url: config.mongodbUrl,
    database: config.mongodbDatabase,
    clientOptions: { serverSelectionTimeoutMS: config.mongodbServerSelectionTimeoutMs },
  });
}

/** Builds a hub from its configuration (creating the development network when configured). */
export async function createHub(config: HubConfig, options: HubOptions = {}): Promise<Hub> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const ledger =
    options.ledger ?? openLedger(config, { shortLived: options.shortLived ?? false, logger });
  await ledger.init();
  logger.info(
    config.mongodbUrl === undefined || options.ledger !== undefined
      ? { ledger: ledger.kind }
      : {
          ledger: ledger.kind,
          database: config.mongodbDatabase,
          databaseFrom: config.mongodbDatabaseSource,
        },
    'ledger opened',
  );
  const registry = new ParticipantRegistry(ledger, { clock });
  const anchored = await registry.anchorUnrecorded();
  if (anchored.length > 0) {
    logger.warn(
      { participants: anchored.length },
      'registry entries without a chained record anchored in their history',
    );
  }
  if (config.devBootstrap) {
    await bootstrapDevNetwork(join(config.dataDir, 'pki'), registry, DEFAULT_HUB_OIN, () =>
      clock.now(),
    );
  }
  const hubCertificate = new X509Certificate(readFileSync(config.hubCertPath, 'utf8'));
  const hubSigner = createSigner(
    createPrivateKey(readFileSync(config.hubKeyPath, 'utf8')),
    hubCertificate,
  );
  const hubOin = inspectCertificate(hubCertificate).oin ?? DEFAULT_HUB_OIN;
  const trust = TrustStore.fromPem(readFileSync(config.trustBundlePath, 'utf8'));
  const schemas = createSchemaRegistry();
  const receipts = new ReceiptSigner(hubSigner, hubOin);
  const verifier = new EnvelopeVerifier({
    certificates: registry,
    trust,
    clock,
    maxClockSkewMs: config.clockSkewSeconds * 1000,
  });
  const mailboxSignals = new MailboxSignals();
  const metrics = new HubMetrics({
    processMetrics: options.processMetrics ?? true,
    sources: {
      ledger,
      participants: () => registry.list(),
      clock,
      ...(config.amqpUrl === undefined ? {} : { broker: () => brokerState() }),
    },
  });
  const moved = (record: MessageSummary, update: MessageUpdate): void =>
    metrics.moved(record, update);
  /** A message is stored: hand it to its route (the relay for AMQP, a waiting long poll). */
  const route = (record: MessageRecord): void => {
    amqp?.accepted(record);
    if (record.route !== 'rest') return;
    mailboxSignals.notify(record.recipient);
    options.onMailboxArrival?.(record.recipient);
  };
  const pipeline = new Pipeline({
    ledger,
    registry,
    verifier,
    schemas,
    receipts,
    clock,
    expiryWorkingDays: config.expiryWorkingDays,
    ...(config.expirySeconds === undefined ? {} : { expirySeconds: config.expirySeconds }),
    attachments: ledger.attachments,
    onAccepted: route,
    observer: metrics,
  });
  const amqp =
    config.amqpUrl === undefined
      ? undefined
      : new AmqpTransport({
          config: { ...config, amqpUrl: config.amqpUrl },
          clock,
          logger,
          ledger,
          registry,
          pipeline,
          pkiDir: join(config.dataDir, 'pki'),
          onMoved: moved,
          attachments: ledger.attachments,
        });
  const brokerState = async (): Promise<BrokerState> =>
    (await amqp?.brokerState()) ?? { up: false };
  const housekeeping = new Housekeeping({
    ledger,
    clock,
    logger,
    receipts,
    hubSigner,
    hubOin,
    participants: registry,
    onNotice: route,
    expiryWorkingDays: config.expiryWorkingDays,
    ...(config.expirySeconds === undefined ? {} : { expirySeconds: config.expirySeconds }),
    purgeIntervalMs: config.purgeIntervalSeconds * 1000,
  });
  const operators = {
    accounts: new OperatorAccounts({ store: ledger, clock }),
    sessions: new OperatorSessions({ store: ledger, clock }),
  };
  const portal = {
    accounts: new PortalAccounts({
      store: ledger,
      clock,
      participantExists: async (oin: string) => (await registry.get(oin)) !== undefined,
    }),
    sessions: new PortalSessions({ store: ledger, clock }),
    keys: new PortalKeys({
      store: ledger,
      clock,
      certifier: portalCertifier({
        certPath: config.portalCaCertPath,
        keyPath: config.portalCaKeyPath,
        registry,
        clock,
      }),
    }),
  };
  const mailer =
    config.smtpUrl === undefined || config.mailFrom === undefined
      ? undefined
      : smtpMailer(config.smtpUrl, config.mailFrom);
  const digests =
    mailer === undefined
      ? undefined
      : new PortalDigests({
          ledger,
          participants: () => registry.list(),
          mailer,
          clock,
          logger,
          baseUrl: config.publicUrl,
          time: config.digestTime,
          hubOin,
        });
  if (config.smtpUrl === undefined) {
    logger.info('no KNOOPPUNT_SMTP_URL: portal users get no e-mail digest');
  } else {
    logger.info(
      { smtp: smtpServerOf(config.smtpUrl), at: config.digestTime },
      'portal e-mail digest on working days',
    );
  }
  const reads = new ConsoleReads({
    ledger,
    participants: () => registry.list(),
    watch: () => metrics.watch() as Promise<WatchSnapshot>,
    clock,
  });
  let stopping = false;
  const app = createRestApp({
    config,
    clock,
    logger,
    ledger,
    registry,
    pipeline,
    schemas,
    trust,
    hubSigner,
    hubOin,
    hubCertificate,
    mailboxSignals,
    readinessChecks:
      amqp === undefined ? [] : [{ name: 'broker', check: () => amqp.connection.check() }],
    onMoved: moved,
    metrics,
    stopping: () => stopping,
    operators,
    portal,
    secureCookies: config.secureCookies,
    console: {
      reads,
      broker: amqp !== undefined,
      ...(amqp === undefined
        ? {}
        : {
            deadLetters: amqp.deadLetters,
            participantChanged: (participant: Participant) => amqp.participantChanged(participant),
          }),
    },
    consoleDir: options.consoleDir ?? defaultConsoleDir(),
  });
  let server: Server | undefined;
  return {
    config,
    clock,
    logger,
    ledger,
    registry,
    schemas,
    pipeline,
    receipts,
    hubSigner,
    hubOin,
    trust,
    housekeeping,
    digests,
    operators,
    portal,
    metrics,
    app,
    amqp,
    wakeMailbox: (recipient) => mailboxSignals.notify(recipient),
    async listen() {
      const limits = httpServerOptions(config.http);
      const listener = withRequestChecks(app);
      server =
        config.tlsCertPath === undefined || config.tlsKeyPath === undefined
          ? createServer(limits, listener)
          : createTlsServer(
              {
                ...limits,
                cert: readFileSync(config.tlsCertPath),
                key: readFileSync(config.tlsKeyPath),
                ca: readFileSync(config.trustBundlePath),
                requestCert: true, // mutual TLS: a client certificate identifies the participant
                rejectUnauthorized: false, // the app answers UNAUTHENTICATED with problem details
              },
              listener,
            );
      server.maxHeadersCount = config.http.maxHeadersCount;
      server.on('clientError', onClientError({ limits: config.http, logger }));
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(config.port, config.host, () => resolve());
      });
      if (options.housekeeping !== false) {
        housekeeping.start();
        digests?.start();
      }
      await amqp?.start();
      const { port } = server.address() as AddressInfo;
      const scheme = config.tlsCertPath === undefined ? 'http' : 'https';
      return `${scheme}://${config.host}:${port}`;
    },
    async stop() {
      // Stop taking work: readiness says so, no housekeeping pass starts, no new connections
      // (close() also closes the idle ones), waiting long polls answer now.
      stopping = true;
      const passesEnded = Promise.all([housekeeping.stop(), digests?.stop()]);
      const drained =
        server === undefined
          ? Promise.resolve()
          : new Promise<void>((resolve) => server?.close(() => resolve()));
      mailboxSignals.close();
      // Finish what is in flight, side by side: AMQP work (consumer and relay) and HTTP requests,
      // whose connections are closed after drainMs from here; then a housekeeping pass.
      const timer = setTimeout(() => server?.closeAllConnections(), options.drainMs ?? 25_000);
      await Promise.all([amqp?.stop(), drained]).finally(() => clearTimeout(timer));
      await passesEnded;
      mailer?.close();
      await ledger.close();
    },
  };
}
