/**
 * The development PKI on disk, as `knooppunt pki init` and `pki issue` leave it:
 *
 *     <dir>/ca/ca.pem, ca.key.pem                    the development CA
 *     <dir>/hub/cert.pem, key.pem                    the hub's own certificate (P-256)
 *     <dir>/participants/<oin>/cert.pem, key.pem     one folder per participant
 *
 * Private keys are written with mode 0600 in folders with mode 0700, each file atomically
 * (temporary file, then rename), key before certificate. Both operations are idempotent: a
 * certificate already on disk is kept while it matches the request, is issued by the current
 * CA, belongs to its key and has not expired; `force` replaces it anyway.
 */
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inspectCertificate, isValidOinSyntax, UsageError } from '@knooppunt/standard';
import { createDevelopmentCa, issueCertificate } from './issue.ts';
import type { IssuedCertificate } from './issue.ts';
import { keyAlgorithmOf } from './keys.ts';
import type { KeyAlgorithm } from './keys.ts';

/** Where the development PKI keeps its files under `dir`. */
export interface PkiPaths {
  dir: string;
  caCert: string;
  caKey: string;
  hubCert: string;
  hubKey: string;
  participants: string;
}

/** Options of `pkiInit`. */
export interface PkiInitOptions {
  /** Replace an existing CA (and the hub certificate). @defaultValue false */
  force?: boolean;
  /** The CA's key algorithm. @defaultValue `p256` */
  keyAlgorithm?: KeyAlgorithm;
  /** The hub's OIN (the development network's: `DEFAULT_HUB_OIN` of src/devnet/). */
  hubOin: string;
  /** The hub's organisation name. @defaultValue `Knooppunt` */
  hubName?: string;
  /** The clock. @defaultValue the system clock */
  now?: () => Date;
}

/** Options of `pkiIssue`. */
export interface PkiIssueOptions {
  oin: string;
  name: string;
  /** @defaultValue `rsa-3072` */
  keyAlgorithm?: KeyAlgorithm;
  /** @defaultValue 825 */
  validDays?: number;
  /** Issue a new certificate and key even when a matching one exists. @defaultValue false */
  force?: boolean;
  /** The clock. @defaultValue the system clock */
  now?: () => Date;
}

/** What `pkiInit` made or found. */
export interface PkiInitResult {
  caCertPath: string;
  caKeyPath: string;
  /** Whether a new CA was made (false: the existing one was kept). */
  created: boolean;
  hubCertPath: string;
  hubKeyPath: string;
}

/** What `pkiIssue` made or found. */
export interface PkiIssueResult {
  certPath: string;
  keyPath: string;
  /** Whether a new certificate and key were written (false: a matching one was kept). */
  created: boolean;
}

/** The default folder of the development PKI. */
export const DEFAULT_PKI_DIR = 'certs';

/** The file layout under `dir`. */
export function pkiPaths(dir: string = DEFAULT_PKI_DIR): PkiPaths {
  return Object.freeze({
    dir,
    caCert: join(dir, 'ca', 'ca.pem'),
    caKey: join(dir, 'ca', 'ca.key.pem'),
    hubCert: join(dir, 'hub', 'cert.pem'),
    hubKey: join(dir, 'hub', 'key.pem'),
    participants: join(dir, 'participants'),
  });
}

/**
 * Creates the development CA in `<dir>/ca/` and the hub certificate in `<dir>/hub/`. Keeps
 * an existing CA unless `force`; `created` says whether a new CA was made. Throws UsageError
 * USAGE_INVALID when only half of a CA (certificate or key) is there.
 */
export function pkiInit(dir: string, options: PkiInitOptions): PkiInitResult {
  const paths = pkiPaths(dir);
  const halves = [existsSync(paths.caCert), existsSync(paths.caKey)];
  if (options.force !== true && halves[0] !== halves[1]) {
    throw new UsageError('USAGE_INVALID', `${dir} holds half a CA; run pki init with --force`);
  }
  const created = options.force === true || halves[0] !== true;
  let ca: IssuedCertificate;
  if (created) {
    ca = createDevelopmentCa({ keyAlgorithm: options.keyAlgorithm ?? 'p256', now: options.now });
    writeIssued(join(dir, 'ca'), paths.caCert, paths.caKey, ca);
  } else {
    ca = readCa(paths);
  }
  ensureEndEntity(paths.hubCert, paths.hubKey, ca, {
    oin: options.hubOin,
    name: options.hubName ?? 'Knooppunt',
    role: 'hub',
    keyAlgorithm: 'p256',
    force: created,
    now: options.now,
  });
  return {
    caCertPath: paths.caCert,
    caKeyPath: paths.caKey,
    created,
    hubCertPath: paths.hubCert,
    hubKeyPath: paths.hubKey,
  };
}

/**
 * Issues a participant certificate into `<dir>/participants/<oin>/`, signed by the CA of
 * `pkiInit`. Throws UsageError FILE_UNREADABLE when there is no CA and USAGE_INVALID for a
 * bad OIN; `created` is false when a matching certificate was already there.
 */
export function pkiIssue(dir: string, options: PkiIssueOptions): PkiIssueResult {
  // Checked before the OIN becomes part of a path.
  if (!isValidOinSyntax(options.oin)) {
    throw new UsageError('USAGE_INVALID', `an OIN is 20 digits, got '${options.oin}'`);
  }
  const paths = pkiPaths(dir);
  const folder = join(paths.participants, options.oin);
  const certPath = join(folder, 'cert.pem');
  const keyPath = join(folder, 'key.pem');
  const created = ensureEndEntity(certPath, keyPath, readCa(paths), {
    ...options,
    role: 'participant',
    keyAlgorithm: options.keyAlgorithm ?? 'rsa-3072',
  });
  return { certPath, keyPath, created };
}

interface EndEntityRequest {
  oin: string;
  name: string;
  role: 'participant' | 'hub';
  keyAlgorithm: KeyAlgorithm;
  validDays?: number;
  force?: boolean;
  now?: (() => Date) | undefined;
}

/** Keeps a matching certificate or issues a new one; returns whether it issued. */
function ensureEndEntity(
  certPath: string,
  keyPath: string,
  ca: IssuedCertificate,
  request: EndEntityRequest,
): boolean {
  if (request.force !== true && matches(certPath, keyPath, ca, request)) return false;
  const { oin, name, role, keyAlgorithm, validDays, now } = request;
  const issued = issueCertificate({ oin, name, role, keyAlgorithm, validDays, now, issuer: ca });
  writeIssued(dirname(certPath), certPath, keyPath, issued);
  return true;
}

function matches(
  certPath: string,
  keyPath: string,
  ca: IssuedCertificate,
  request: EndEntityRequest,
): boolean {
  try {
    const certificate = new X509Certificate(readFileSync(certPath));
    const key = createPublicKey(createPrivateKey(readFileSync(keyPath)));
    const issuer = new X509Certificate(ca.certificatePem);
    const info = inspectCertificate(certificate);
    const now = (request.now ?? (() => new Date()))();
    return (
      certificate.checkIssued(issuer) &&
      certificate.verify(issuer.publicKey) &&
      certificate.publicKey.equals(key) &&
      keyAlgorithmOf(key) === request.keyAlgorithm &&
      info.oin === request.oin &&
      info.subjectName === request.name.trim() &&
      info.validFrom <= now && // a clock set before the certificate was made needs a new one
      now < info.validTo
    );
  } catch {
    return false; // missing or unreadable: issue anew
  }
}

function readCa(paths: PkiPaths): IssuedCertificate {
  try {
    return Object.freeze({
      certificatePem: readFileSync(paths.caCert, 'utf8'),
      privateKeyPem: readFileSync(paths.caKey, 'utf8'),
    });
  } catch (error) {
    throw new UsageError(
      'FILE_UNREADABLE',
      `no development CA in ${paths.dir}; run knooppunt pki init first`,
      { cause: error },
    );
  }
}

/** Writes key (0600) then certificate (0644) into `folder` (0700). */
function writeIssued(
  folder: string,
  certPath: string,
  keyPath: string,
  issued: IssuedCertificate,
): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700); // mkdir's mode is subject to the umask, and ignored if it exists
  writeAtomically(keyPath, issued.privateKeyPem, 0o600);
  writeAtomically(certPath, issued.certificatePem, 0o644);
}

/** Writes a file whole or not at all (a temporary file renamed into place), with `mode`. */
export function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode, flag: 'wx' });
  chmodSync(temporary, mode); // the umask may have narrowed or the mode may be wider
  renameSync(temporary, path);
}
