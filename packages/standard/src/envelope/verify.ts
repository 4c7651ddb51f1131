/**
 * Verifying a signed message, in the order that gives each failure its own code:
 * shape → JWS header (algorithm allow-list, typ, x5t#S256) → certificate (registry, chain,
 * key usage, revocation, dates) → signature → claims equal to the plaintext envelope →
 * payload digest → creation time within the clock-skew window. Native crypto checks the
 * signature (src/envelope/jws.ts) with the certificate's pre-parsed KeyObject.
 */
import { systemClock } from '../clock.ts';
import type { Clock } from '../clock.ts';
import { CertificateError, EnvelopeError } from '../errors.ts';
import type { TrustStore } from '../pki/trust_store.ts';
import { payloadDigest } from './canonical.ts';
import { jsonEqual } from './json_equal.ts';
import { verifyCompactJwsAsync } from './jws.ts';
import { SigningCertificateChecker } from './certificates.ts';
import type { CertificateResolver, TrustedCertificate } from './certificates.ts';
import { ALLOWED_ALGORITHMS, ENVELOPE_JWS_TYPE } from './message.ts';
import type { Envelope, SignatureAlgorithm, SignedMessage } from './message.ts';
import { parseSignedMessage, readJwsHeader } from './parse.ts';

/** Options of an envelope verifier. */
export interface VerifierOptions {
  /** Where certificates are found by thumbprint. */
  readonly certificates: CertificateResolver;
  /** The CA certificates a signing certificate must chain to. */
  readonly trust: TrustStore;
  /** The clock for validity and skew checks. @defaultValue the system clock */
  readonly clock?: Clock;
  /** How far `createdAt` may lie from now, either way. @defaultValue 300 000 ms (5 minutes) */
  readonly maxClockSkewMs?: number;
}

/** A message whose signature, certificate, digest and time all checked out. */
export interface VerifiedMessage {
  readonly message: SignedMessage;
  readonly algorithm: SignatureAlgorithm;
  readonly certificate: TrustedCertificate;
}

/** Verifies signed messages; create one per trust configuration and reuse it. */
export class EnvelopeVerifier {
  readonly #certificates: CertificateResolver;
  readonly #checker: SigningCertificateChecker;
  readonly #clock: Clock;
  readonly #maxSkewMs: number;

  constructor(options: VerifierOptions) {
    this.#certificates = options.certificates;
    this.#checker = new SigningCertificateChecker(options.trust);
    this.#clock = options.clock ?? systemClock;
    this.#maxSkewMs = options.maxClockSkewMs ?? 300_000;
  }

  /** Verifies `input` (a parsed JSON value); throws an EnvelopeError or CertificateError. */
  async verify(input: unknown): Promise<VerifiedMessage> {
    const message = parseSignedMessage(input);
    const header = readJwsHeader(message.signature);
    if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
      throw new EnvelopeError('ALG_NOT_ALLOWED', `JWS algorithm '${header.alg}' is not allowed`);
    }
    if (header.typ !== ENVELOPE_JWS_TYPE) {
      throw new EnvelopeError('TYP_INVALID', `JWS typ must be '${ENVELOPE_JWS_TYPE}'`);
    }
    const now = this.#clock.now();
    const record = await this.#certificates.byThumbprint(header.thumbprint);
    const certificate = this.#checker.check(header.thumbprint, record, now);
    const algorithm = header.alg as SignatureAlgorithm;
    const claims = await verifySignature(message.signature, certificate, algorithm);
    checkClaims(message.envelope, claims);
    checkDigest(message);
    checkSender(message.envelope, certificate);
    checkClock(message.envelope, now, this.#maxSkewMs);
    return Object.freeze({ message, algorithm, certificate });
  }
}

/** The signature's claims, checked on libuv's thread pool (the event loop goes on meanwhile). */
async function verifySignature(
  signature: string,
  certificate: TrustedCertificate,
  algorithm: SignatureAlgorithm,
): Promise<unknown> {
  const claims = await verifyCompactJwsAsync(signature, certificate.publicKey, algorithm);
  if (claims === undefined) {
    throw new EnvelopeError('SIGNATURE_INVALID', 'the envelope signature does not verify');
  }
  return claims;
}

function checkClaims(envelope: Envelope, claims: unknown): void {
  if (!jsonEqual(claims, envelope)) {
    throw new EnvelopeError(
      'ENVELOPE_MISMATCH',
      'the signed claims differ from the plaintext envelope',
    );
  }
}

function checkDigest(message: SignedMessage): void {
  if (payloadDigest(message.payload) !== message.envelope.payloadDigest) {
    throw new EnvelopeError('DIGEST_MISMATCH', 'the payload does not match the signed digest');
  }
}

function checkSender(envelope: Envelope, certificate: TrustedCertificate): void {
  if (certificate.info.oin !== envelope.sender) {
    throw new CertificateError(
      'CERT_OIN_MISMATCH',
      `the signing certificate belongs to OIN ${certificate.info.oin ?? '(none)'}, not to the sender ${envelope.sender}`,
    );
  }
}

function checkClock(envelope: Envelope, now: Date, maxSkewMs: number): void {
  const created = Date.parse(envelope.createdAt);
  if (Number.isNaN(created) || Math.abs(created - now.getTime()) > maxSkewMs) {
    throw new EnvelopeError(
      'CLOCK_SKEW',
      `createdAt ${envelope.createdAt} is more than ${maxSkewMs / 1000}s from the hub's time ${now.toISOString()}`,
    );
  }
}
