/**
 * Finding and judging the certificate that signed an envelope. The resolver (the participant
 * registry in the hub, files on the command line) maps an `x5t#S256` thumbprint to a
 * certificate and its status; the checker decides, against an injected clock, whether that
 * certificate may sign now. Chain and key-usage results are cached per thumbprint: they never
 * change for a given certificate, while status and dates are checked on every message.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { CertificateError } from '../errors.ts';
import { inspectCertificate, thumbprintOf } from '../pki/inspect.ts';
import type { CertificateInfo } from '../pki/inspect.ts';
import type { TrustStore } from '../pki/trust_store.ts';

/** A certificate as the registry knows it. */
export interface CertificateRecord {
  readonly certificate: X509Certificate;
  /** `revoked` certificates never verify, whatever their dates. */
  readonly status: 'active' | 'revoked';
}

/** Looks certificates up by their `x5t#S256` thumbprint. */
export interface CertificateResolver {
  byThumbprint(
    thumbprint: string,
  ): Promise<CertificateRecord | undefined> | CertificateRecord | undefined;
}

/** A resolver over a fixed list of certificates, all active (command line, tests). */
export function staticCertificates(certificates: readonly X509Certificate[]): CertificateResolver {
  const byThumbprint = new Map(
    certificates.map((certificate) => [
      thumbprintOf(certificate),
      { certificate, status: 'active' as const },
    ]),
  );
  return { byThumbprint: (thumbprint) => byThumbprint.get(thumbprint) };
}

/** What the checker learned about a signing certificate that passed. */
export interface TrustedCertificate {
  readonly info: CertificateInfo;
  readonly publicKey: KeyObject;
}

/**
 * Checks signing certificates: chain to the trust store, key usage digitalSignature,
 * revocation, and validity at `now`.
 */
export class SigningCertificateChecker {
  readonly #trust: TrustStore;
  readonly #cache = new Map<string, TrustedCertificate | CertificateError>();

  constructor(trust: TrustStore) {
    this.#trust = trust;
  }

  /** The trusted certificate, or throws the specific CertificateError. */
  check(thumbprint: string, record: CertificateRecord | undefined, now: Date): TrustedCertificate {
    if (record === undefined) {
      throw new CertificateError(
        'CERT_UNKNOWN',
        `no certificate with x5t#S256 ${thumbprint} is registered`,
      );
    }
    const trusted = this.#staticCheck(thumbprint, record.certificate);
    if (record.status === 'revoked') {
      throw new CertificateError('CERT_REVOKED', `certificate ${thumbprint} is revoked`);
    }
    if (now < trusted.info.validFrom) {
      throw new CertificateError(
        'CERT_NOT_YET_VALID',
        `certificate ${thumbprint} is valid from ${trusted.info.validFrom.toISOString()}`,
      );
    }
    if (now > trusted.info.validTo) {
      throw new CertificateError(
        'CERT_EXPIRED',
        `certificate ${thumbprint} expired at ${trusted.info.validTo.toISOString()}`,
      );
    }
    return trusted;
  }

  /** Chain and key usage: facts of the certificate itself, computed once. */
  #staticCheck(thumbprint: string, certificate: X509Certificate): TrustedCertificate {
    let cached = this.#cache.get(thumbprint);
    if (cached === undefined) {
      cached = judge(this.#trust, thumbprint, certificate);
      this.#cache.set(thumbprint, cached);
    }
    if (cached instanceof CertificateError) throw cached;
    return cached;
  }
}

function judge(
  trust: TrustStore,
  thumbprint: string,
  certificate: X509Certificate,
): TrustedCertificate | CertificateError {
  try {
    if (thumbprintOf(certificate) !== thumbprint) {
      return new CertificateError(
        'CERT_UNKNOWN',
        `the registry returned another certificate for ${thumbprint}`,
      );
    }
    trust.validateChain(certificate);
    const info = inspectCertificate(certificate);
    if (!info.digitalSignature || info.isCa) {
      return new CertificateError(
        'CERT_KEY_USAGE',
        'the certificate is not for digital signatures (keyUsage digitalSignature, not a CA)',
      );
    }
    return Object.freeze({ info, publicKey: certificate.publicKey });
  } catch (error) {
    if (error instanceof CertificateError) return error;
    return new CertificateError('CERT_INVALID', 'the certificate cannot be read', { cause: error });
  }
}
