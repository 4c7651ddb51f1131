/**
 * Key pairs for the development PKI. Keys are made by Node's native `crypto` (OpenSSL), never
 * by node-forge: forge's RSA key generation runs in JavaScript and takes seconds for 3072
 * bits, and forge has no elliptic-curve keys at all. Knooppunt signs with two kinds of key,
 * RSA-3072 (JWS `PS256`) and P-256 (JWS `ES256`); this module names them and recognises them.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** A key algorithm of the Knooppunt certificate profile. */
export type KeyAlgorithm = 'rsa-3072' | 'p256';

/** Every key algorithm, in the order the CLI lists them. */
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = Object.freeze(['rsa-3072', 'p256']);

/** A freshly generated key pair. */
export interface KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Whether `value` names a key algorithm (for parsing options). */
export function isKeyAlgorithm(value: string): value is KeyAlgorithm {
  return (KEY_ALGORITHMS as readonly string[]).includes(value);
}

/**
 * Generates a key pair with Node's native crypto: RSA with a 3072-bit modulus and public
 * exponent 65537, or an EC key on NIST P-256 (`prime256v1`).
 */
export function generateKeyPair(algorithm: KeyAlgorithm): KeyPair {
  switch (algorithm) {
    case 'rsa-3072':
      return generateKeyPairSync('rsa', { modulusLength: 3072, publicExponent: 0x10001 });
    case 'p256':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  }
}

/**
 * The key algorithm of the profile a key belongs to, or `undefined` when it fits neither:
 * RSA (PKCS#1 `rsaEncryption` or RSASSA-PSS) with a modulus of at least 3072 bits, or P-256.
 */
export function keyAlgorithmOf(key: KeyObject): KeyAlgorithm | undefined {
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return (details?.modulusLength ?? 0) >= 3072 ? 'rsa-3072' : undefined;
    case 'ec':
      return details?.namedCurve === 'prime256v1' ? 'p256' : undefined;
    default:
      return undefined;
  }
}
