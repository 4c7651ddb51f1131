/**
 * The trust store: the CA certificates (trust anchors) a Knooppunt deployment accepts —
 * the development CA, or the PKIoverheid private-services roots and intermediates in
 * production — and certification path building from a participant's certificate to one of
 * them (RFC 5280 §6.1, the parts that do not depend on time). Every step checks the issuer
 * name (`checkIssued`, which also matches key identifiers) and the signature (`verify`),
 * that the issuer is a CA allowed to sign certificates, its path length constraint, and that
 * no certificate carries a critical extension Knooppunt does not understand. Validity dates
 * are the caller's: it checks them against its injected clock.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { CertificateError } from '../errors.ts';
import { readCertificateStructure } from './der.ts';
import { readBasicConstraints, readKeyUsage, unknownCriticalExtensions } from './extensions.ts';
import type { BasicConstraints, KeyUsage } from './extensions.ts';
import { parseCertificateBundle } from './pem.ts';

/** Longest chain accepted: this many intermediates between a certificate and its anchor. */
export const MAX_INTERMEDIATES = 5;

/** A certificate with the extensions path validation reads, parsed once. */
interface PathCertificate {
  readonly x509: X509Certificate;
  readonly constraints: BasicConstraints;
  readonly usages: ReadonlySet<KeyUsage> | undefined;
  readonly unknownCritical: readonly string[];
}

/** The accepted CA certificates, and path validation against them. Immutable. */
export class TrustStore {
  readonly #anchors: readonly PathCertificate[];

  private constructor(anchors: readonly PathCertificate[]) {
    this.#anchors = Object.freeze([...anchors]);
  }

  /**
   * A trust store from a PEM bundle of one or more CA certificates. Throws CertificateError
   * CERT_INVALID when the bundle holds no certificate, or one that is not a CA.
   */
  static fromPem(bundlePem: string): TrustStore {
    return TrustStore.fromCertificates(parseCertificateBundle(bundlePem));
  }

  /** A trust store from CA certificates already parsed; same checks as `fromPem`. */
  static fromCertificates(anchors: readonly X509Certificate[]): TrustStore {
    if (anchors.length === 0) throw new CertificateError('CERT_INVALID', 'no trust anchors');
    const nodes = anchors.map(pathCertificateOf);
    const notCa = nodes.find((node) => !node.constraints.cA);
    if (notCa !== undefined) {
      throw new CertificateError(
        'CERT_INVALID',
        `trust anchor ${describe(notCa.x509)} is not a CA certificate`,
      );
    }
    return new TrustStore(nodes);
  }

  /** The trust anchors, in bundle order. */
  get anchors(): readonly X509Certificate[] {
    return Object.freeze(this.#anchors.map((anchor) => anchor.x509));
  }

  /**
   * Checks that `certificate` chains to an anchor, through any of `intermediates`. Throws
   * CertificateError CERT_UNTRUSTED when there is no such path, CERT_INVALID when the
   * certificate itself has an unknown critical extension. Does not check validity dates.
   */
  validateChain(
    certificate: X509Certificate,
    intermediates: readonly X509Certificate[] = [],
  ): void {
    this.buildPath(certificate, intermediates);
  }

  /**
   * The certification path of `certificate`: the certificate first, its anchor last. The
   * caller checks every element's validity dates against its clock. Throws like
   * `validateChain`.
   */
  buildPath(
    certificate: X509Certificate,
    intermediates: readonly X509Certificate[] = [],
  ): readonly X509Certificate[] {
    const target = pathCertificateOf(certificate);
    if (target.unknownCritical.length > 0) {
      throw new CertificateError(
        'CERT_INVALID',
        `the certificate has unknown critical extensions ${target.unknownCritical.join(', ')}`,
      );
    }
    const anchor = this.#anchors.find((candidate) => candidate.x509.raw.equals(certificate.raw));
    if (anchor !== undefined) return Object.freeze([anchor.x509]);
    const pool = intermediates
      .filter((candidate) => !candidate.raw.equals(certificate.raw))
      .map(pathCertificateOf);
    const path = findPath(target, pool, this.#anchors, 0, new Set());
    if (path === undefined) {
      throw new CertificateError(
        'CERT_UNTRUSTED',
        `certificate ${describe(certificate)} has no path to a trusted CA`,
      );
    }
    return Object.freeze([certificate, ...path.map((node) => node.x509)]);
  }
}

/**
 * Depth-first search from `child` to an anchor; `below` counts the intermediates already
 * between the next issuer and the end-entity certificate (RFC 5280 §4.2.1.9).
 */
function findPath(
  child: PathCertificate,
  pool: readonly PathCertificate[],
  anchors: readonly PathCertificate[],
  below: number,
  used: ReadonlySet<PathCertificate>,
): readonly PathCertificate[] | undefined {
  const anchor = anchors.find((candidate) => issues(candidate, child, below));
  if (anchor !== undefined) return [anchor];
  if (below >= MAX_INTERMEDIATES) return undefined;
  for (const issuer of pool) {
    if (used.has(issuer) || !issues(issuer, child, below)) continue;
    const rest = findPath(issuer, pool, anchors, below + 1, new Set([...used, issuer]));
    if (rest !== undefined) return [issuer, ...rest];
  }
  return undefined;
}

/** Whether `issuer` may have issued `child`, and did. */
function issues(issuer: PathCertificate, child: PathCertificate, below: number): boolean {
  const { cA, pathLenConstraint } = issuer.constraints;
  return (
    cA && // §4.2.1.9, §6.1.4 (k)
    issuer.usages?.has('keyCertSign') !== false && // §4.2.1.3, §6.1.4 (n)
    (pathLenConstraint === undefined || below <= pathLenConstraint) && // §6.1.4 (m)
    issuer.unknownCritical.length === 0 && // §6.1.4 (o)
    child.x509.checkIssued(issuer.x509) && // §6.1.3 (a)(4): names chain
    verifies(child.x509, issuer.x509.publicKey) // §6.1.3 (a)(1): signature
  );
}

function verifies(certificate: X509Certificate, key: KeyObject): boolean {
  try {
    return certificate.verify(key);
  } catch {
    return false; // an unsupported algorithm is a failed step, not a crash
  }
}

function pathCertificateOf(x509: X509Certificate): PathCertificate {
  const { extensions } = readCertificateStructure(x509.raw);
  return Object.freeze({
    x509,
    constraints: readBasicConstraints(extensions),
    usages: readKeyUsage(extensions),
    unknownCritical: unknownCriticalExtensions(extensions),
  });
}

function describe(certificate: X509Certificate): string {
  const oneLine = (name: string): string => name.split('\n').join(', ');
  return `"${oneLine(certificate.subject)}" (issuer "${oneLine(certificate.issuer)}")`;
}
