/**
 * Key handling for signatures: which JWS algorithm a key signs with, and loading keys and
 * certificates into Node's native objects once, so the hot path never parses PEM.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { EnvelopeError } from '../errors.ts';
import { thumbprintOf } from '../pki/inspect.ts';
import type { SignatureAlgorithm } from './message.ts';

/** The JWS algorithm for a key: PS256 for RSA, ES256 for P-256. */
export function algorithmForKey(key: KeyObject): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') return 'PS256';
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new EnvelopeError(
    'ALG_NOT_ALLOWED',
    `keys of type ${type ?? 'unknown'} cannot sign Knooppunt messages (RSA or P-256 only)`,
  );
}

/** A private key and the certificate that names it: what a participant signs with. */
export interface Signer {
  readonly privateKey: KeyObject;
  readonly certificate: X509Certificate;
  /** The certificate's `x5t#S256`, computed once. */
  readonly thumbprint: string;
  /** The JWS algorithm of the key, decided once. */
  readonly algorithm: SignatureAlgorithm;
}

/** Builds a signer from PEM text (PKCS#8 or PKCS#1/SEC1 key, X.509 certificate). */
export function signerFromPem(privateKeyPem: string, certificatePem: string): Signer {
  return createSigner(createPrivateKey(privateKeyPem), new X509Certificate(certificatePem));
}

/** Builds a signer from a key and its certificate. */
export function createSigner(privateKey: KeyObject, certificate: X509Certificate): Signer {
  return Object.freeze({
    privateKey,
    certificate,
    thumbprint: thumbprintOf(certificate),
    algorithm: algorithmForKey(privateKey),
  });
}
