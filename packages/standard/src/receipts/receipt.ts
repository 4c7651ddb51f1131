/**
 * Receipts: the hub's signed statement that it accepted or rejected a message. A compact JWS
 * (ES256, the hub's P-256 key, native crypto) over the message id, payload digest, received
 * time, status, ledger position and reasons; anyone holding the published hub certificate
 * can verify it, so a sender can prove delivery to the hub.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { CertificateError, EnvelopeError, KnooppuntError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';
import {
  decodeJwsHeader,
  refuseCriticalExtensions,
  signCompactJws,
  verifyCompactJws,
} from '../envelope/jws.ts';
import type { Signer } from '../envelope/keys.ts';
import { thumbprintOf } from '../pki/inspect.ts';

/** The JWS `typ` of a receipt. */
export const RECEIPT_JWS_TYPE = 'knooppunt-receipt+jwt';

/** One reason a message was rejected. */
export interface Reason {
  readonly code: ErrorCode;
  readonly detail: string;
  /** JSON pointer into the submitted message, for schema violations. */
  readonly pointer?: string;
}

/** The claims of a receipt. */
export interface ReceiptClaims {
  /** The hub's OIN. */
  readonly hub: string;
  readonly status: 'accepted' | 'rejected';
  /** Absent when the submission was too broken to carry one. */
  readonly messageId?: string;
  readonly payloadDigest?: string;
  readonly sender?: string;
  readonly recipient?: string;
  /** `portal` when a portal user made it in the browser (absent for REST and AMQP). */
  readonly via?: 'portal';
  /** The portal user who made it (with `via`). */
  readonly portalUser?: string;
  /** When the hub received the submission (hub clock). */
  readonly receivedAt: string;
  /** The ledger event that records the acceptance or the rejection. */
  readonly ledgerPosition: string;
  /** That event's hash, which `knooppunt ledger verify` checks. */
  readonly ledgerHash: string;
  /** The reasons, when rejected (the first `MAX_REASONS`); empty when accepted. */
  readonly reasons: readonly Reason[];
  /** How many reasons in all, when there were more than `reasons` holds. */
  readonly reasonCount?: number;
}

/** Signs receipts with the hub's key. */
export class ReceiptSigner {
  readonly #signer: Signer;
  readonly hubOin: string;

  constructor(signer: Signer, hubOin: string) {
    if (signer.algorithm !== 'ES256') {
      // An RSA key would cap the hub near 700 receipts per second per core (DESIGN.md).
      throw new TypeError('the hub signs receipts with a P-256 key (ES256)');
    }
    this.#signer = signer;
    this.hubOin = hubOin;
  }

  /** The hub certificate receipts are verified with. */
  get certificate(): X509Certificate {
    return this.#signer.certificate;
  }

  /**
   * Signs a receipt, in the calling thread: a P-256 signature (about 26 µs) costs less than
   * handing it to libuv's pool.
   */
  sign(claims: ReceiptClaims): string {
    return signCompactJws(
      { alg: 'ES256', typ: RECEIPT_JWS_TYPE, 'x5t#S256': this.#signer.thumbprint },
      claims,
      this.#signer.privateKey as KeyObject,
    );
  }
}

/** Verifies a receipt against the hub certificate; returns its claims. */
export function verifyReceipt(receipt: string, hubCertificate: X509Certificate): ReceiptClaims {
  const header = decodeJwsHeader(receipt) as Record<string, unknown> | undefined;
  if (typeof header !== 'object' || header === null) {
    throw new EnvelopeError('SIGNATURE_MALFORMED', 'the receipt is not a compact JWS');
  }
  if (header['alg'] !== 'ES256')
    throw new EnvelopeError('ALG_NOT_ALLOWED', 'receipts are signed ES256');
  refuseCriticalExtensions(header);
  if (header['typ'] !== RECEIPT_JWS_TYPE)
    throw new EnvelopeError('TYP_INVALID', `receipt typ must be ${RECEIPT_JWS_TYPE}`);
  if (header['x5t#S256'] !== thumbprintOf(hubCertificate)) {
    throw new CertificateError(
      'CERT_UNKNOWN',
      'the receipt was not signed with this hub certificate',
    );
  }
  const claims = verifyCompactJws(receipt, hubCertificate.publicKey, 'ES256');
  if (claims === undefined)
    throw new EnvelopeError('SIGNATURE_INVALID', 'the receipt signature does not verify');
  return receiptClaimsOf(claims);
}

const OPTIONAL_STRINGS = ['messageId', 'payloadDigest', 'sender', 'recipient', 'portalUser'];

/**
 * The claims as a receipt's, checked for shape before anyone reads them: a receipt that
 * verifies but does not have this shape (a hub bug, a key used for something else) is refused
 * with RECEIPT_MALFORMED rather than read wrongly or crashing its reader.
 */
export function receiptClaimsOf(claims: unknown): ReceiptClaims {
  const refuse = (why: string): never => {
    throw new KnooppuntError('RECEIPT_MALFORMED', `the receipt's claims are not a receipt: ${why}`);
  };
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    refuse('not an object');
  const c = claims as Record<string, unknown>;
  for (const name of ['hub', 'receivedAt', 'ledgerPosition', 'ledgerHash']) {
    if (typeof c[name] !== 'string') refuse(`${name} is not a string`);
  }
  if (c['status'] !== 'accepted' && c['status'] !== 'rejected')
    refuse('status is neither accepted nor rejected');
  for (const name of OPTIONAL_STRINGS) {
    if (c[name] !== undefined && typeof c[name] !== 'string') refuse(`${name} is not a string`);
  }
  if (c['via'] !== undefined && c['via'] !== 'portal') refuse('via is not portal');
  if (c['reasonCount'] !== undefined && !Number.isSafeInteger(c['reasonCount'])) {
    refuse('reasonCount is not a whole number');
  }
  const reasons = c['reasons'];
  if (
    !Array.isArray(reasons) ||
    !reasons.every(
      (r) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as Record<string, unknown>)['code'] === 'string' &&
        typeof (r as Record<string, unknown>)['detail'] === 'string',
    )
  ) {
    refuse('reasons is not a list of {code, detail}');
  }
  return c as unknown as ReceiptClaims;
}
