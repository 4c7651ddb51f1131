/**
 * A real hub on a free port for integration and end-to-end tests — the throw-away hub of
 * src/hub/throwaway_hub.ts (a fresh data folder, the development network with every
 * participant's key under `<dataDir>/pki/participants/<oin>/`, housekeeping off unless asked
 * for) on the SQLite ledger or a MongoDB database of its own, optionally HTTPS with client
 * certificates. `client`
 * gives a RestClient for any development participant, checked against the served OpenAPI
 * document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, Signer } from '@knooppunt/standard';
import { devParticipant } from '../../src/devnet/dev_network.ts';
import { startThrowawayHub } from '../../src/hub/throwaway_hub.ts';
import type { Hub } from '../../src/hub/hub.ts';
import type { Logger } from '../../src/ops/logger.ts';
import { pkiInit, pkiPaths } from '../../src/pki/files.ts';
import { DEFAULT_HUB_OIN } from '../../src/devnet/dev_network.ts';
import { issueCertificate } from '../../src/pki/issue.ts';
import { TEST_MONGODB_URL, uniqueDatabaseName } from './mongo.ts';
import type { OpenApiChecker } from './openapi_check.ts';
import { RestClient, devSigner } from './rest_client.ts';

/** Options of a test hub. */
export interface TestHubOptions {
  /** @defaultValue `sqlite` */
  readonly ledger?: 'sqlite' | 'mongodb';
  /** The hub's clock; the development network's certificates are issued at its time. */
  readonly clock?: Clock;
  /** Extra environment for `loadConfig` (e.g. `KNOOPPUNT_MAX_BODY_BYTES`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Serve HTTPS with a server certificate from the development CA (mutual TLS). */
  readonly tls?: boolean;
  /** @defaultValue the hub's logger at `KNOOPPUNT_LOG_LEVEL` (silent unless `env` says otherwise) */
  readonly logger?: Logger;
  /** Run the housekeeping timers. @defaultValue false (call `hub.housekeeping.runOnce()`) */
  readonly housekeeping?: boolean;
}

/** A running test hub. */
export interface TestHub {
  readonly hub: Hub;
  /** `http://127.0.0.1:<port>` (or https). */
  readonly baseUrl: string;
  readonly dataDir: string;
  /** The development CA certificate, PEM: trust it for HTTPS. */
  readonly caPem: string;
  /** The checker over the served OpenAPI document, shared by every client. */
  readonly openapi: OpenApiChecker;
  /** The key and certificate of a development participant (handle or OIN). */
  signer(handleOrOin: string): Signer;
  /** A client for a development participant (handle such as `gemeente`, or OIN). */
  client(handleOrOin: string, options?: { mtls?: boolean }): RestClient;
  /** Stops the hub and removes its data (and its MongoDB database). */
  stop(): Promise<void>;
}

/** The OIN of a development participant named by handle or OIN. */
export function devOin(handleOrOin: string): string {
  const participant = devParticipant(handleOrOin);
  if (participant === undefined) throw new Error(`no development participant ${handleOrOin}`);
  return participant.oin;
}

/** Starts a hub for a test suite; call `stop()` in `after`. */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const throwaway = await startThrowawayHub({
    env: (dataDir) => ({
      ...(options.ledger === 'mongodb'
        ? { MONGODB_URL: TEST_MONGODB_URL, MONGODB_DB: uniqueDatabaseName('hub') }
        : {}),
      ...(options.tls === true ? serverCertificate(dataDir) : {}),
      ...options.env,
    }),
    ...(options.housekeeping === undefined ? {} : { housekeeping: options.housekeeping }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const { hub, url: baseUrl, dataDir } = throwaway;
  const caPem = readFileSync(pkiPaths(join(dataDir, 'pki')).caCert, 'utf8');
  const make = (oin: string, extra: { mtls?: boolean; openapi?: OpenApiChecker }): RestClient =>
    new RestClient(baseUrl, {
      oin,
      signer: devSigner(dataDir, oin),
      ca: caPem,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...extra,
    });
  const openapi = await make(devOin('gemeente'), {}).checker();
  return {
    hub,
    baseUrl,
    dataDir,
    caPem,
    openapi,
    signer: (handleOrOin) => devSigner(dataDir, devOin(handleOrOin)),
    client: (handleOrOin, clientOptions = {}) =>
      make(devOin(handleOrOin), { openapi, ...clientOptions }),
    stop: () => throwaway.stop(),
  };
}

/**
 * Creates the development CA ahead of the hub and issues it a TLS server certificate
 * (`<dataDir>/pki/tls/`); returns the environment that makes the hub serve HTTPS. The
 * certificate names no host (the development profile has no subjectAltName), so clients
 * check its chain but not the host name.
 */
function serverCertificate(dataDir: string): Record<string, string> {
  const pkiDir = join(dataDir, 'pki');
  const ca = pkiInit(pkiDir, { hubOin: DEFAULT_HUB_OIN, hubName: 'Knooppunt' });
  const issued = issueCertificate({
    issuer: {
      certificatePem: readFileSync(ca.caCertPath, 'utf8'),
      privateKeyPem: readFileSync(ca.caKeyPath, 'utf8'),
    },
    oin: DEFAULT_HUB_OIN,
    name: 'Knooppunt TLS',
    role: 'hub',
    keyAlgorithm: 'p256',
  });
  const folder = join(pkiDir, 'tls');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const certPath = join(folder, 'cert.pem');
  const keyPath = join(folder, 'key.pem');
  writeFileSync(keyPath, issued.privateKeyPem, { mode: 0o600 });
  writeFileSync(certPath, issued.certificatePem);
  return { KNOOPPUNT_TLS_CERT: certPath, KNOOPPUNT_TLS_KEY: keyPath };
}
