/**
 * Compact JWS (RFC 7515 §7.1) with Node's native crypto, for the hub's hot paths: verifying
 * every incoming envelope and signing every receipt. ES256 signatures are the raw R‖S form
 * (RFC 7518 §3.4), which Node produces directly with `dsaEncoding: 'ieee-p1363'`; PS256 uses
 * RSASSA-PSS with SHA-256, MGF1 and a 32-byte salt (RFC 7518 §3.5). Envelopes are signed with
 * jsonwebtoken (src/envelope/sign.ts); the two are tested against each other and against jose.
 */
import { constants, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { EnvelopeError } from '../errors.ts';
import type { SignatureAlgorithm } from './message.ts';
import { parseStrictJson } from './strict_json.ts';

/** The key and its options for `crypto.sign`/`crypto.verify` under `algorithm`. */
function signingKey(
  key: KeyObject,
  algorithm: SignatureAlgorithm,
): { key: KeyObject; dsaEncoding?: 'ieee-p1363'; padding?: number; saltLength?: number } {
  return algorithm === 'ES256'
    ? { key, dsaEncoding: 'ieee-p1363' }
    : { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
}

/** RFC 7515 §5.1: the JWS signing input, `base64url(header).base64url(claims)`. */
function signingInput(header: Readonly<Record<string, unknown>>, claims: unknown): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
}

/** The compact serialisation of a signing input and its signature (RFC 7515 §7.1). */
function compactJws(input: string, signature: Buffer): string {
  return `${input}.${signature.toString('base64url')}`;
}

/** A compact JWS's signing input and decoded signature; `undefined` unless it has three parts. */
function splitCompactJws(token: string): { input: Buffer; signature: Buffer } | undefined {
  if (token.split('.').length !== 3) return undefined; // RFC 7515 §7.1: three parts
  const lastDot = token.lastIndexOf('.');
  return {
    input: Buffer.from(token.slice(0, lastDot)),
    signature: Buffer.from(token.slice(lastDot + 1), 'base64url'),
  };
}

/**
 * `signCompactJws` on libuv's thread pool (Node's callback form of `crypto.sign`), so that
 * the signature costs the event loop nothing: the hub signs every receipt this way.
 */
export function signCompactJwsAsync(
  header: Readonly<Record<string, unknown>> & { alg: SignatureAlgorithm },
  claims: unknown,
  privateKey: KeyObject,
): Promise<string> {
  const input = signingInput(header, claims);
  return new Promise((resolve, reject) =>
    sign('sha256', Buffer.from(input), signingKey(privateKey, header.alg), (error, signature) =>
      error === null ? resolve(compactJws(input, signature)) : reject(error),
    ),
  );
}

/** Signs `claims` under `header` (which must name `alg`); returns `header.claims.signature`. */
export function signCompactJws(
  header: Readonly<Record<string, unknown>> & { alg: SignatureAlgorithm },
  claims: unknown,
  privateKey: KeyObject,
): string {
  const input = signingInput(header, claims);
  return compactJws(input, sign('sha256', Buffer.from(input), signingKey(privateKey, header.alg)));
}

/**
 * Checks the signature of a compact JWS with `publicKey` under `algorithm` (already checked
 * against the allow-list by the caller). Returns the decoded claims, or `undefined` when the
 * signature does not verify or the claims are not JSON.
 */
export function verifyCompactJws(
  token: string,
  publicKey: KeyObject,
  algorithm: SignatureAlgorithm,
): unknown {
  const parts = splitCompactJws(token);
  if (parts === undefined) return undefined;
  let valid: boolean;
  try {
    valid = verify('sha256', parts.input, signingKey(publicKey, algorithm), parts.signature);
  } catch {
    return undefined; // e.g. an RSA key under ES256: not a valid signature
  }
  return valid ? decodeJwsClaims(token) : undefined;
}

/**
 * `verifyCompactJws` on libuv's thread pool (Node's callback form of `crypto.verify`), so
 * that the check costs the event loop nothing: the hub verifies every envelope this way.
 */
export function verifyCompactJwsAsync(
  token: string,
  publicKey: KeyObject,
  algorithm: SignatureAlgorithm,
): Promise<unknown> {
  const parts = splitCompactJws(token);
  if (parts === undefined) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    try {
      verify(
        'sha256',
        parts.input,
        signingKey(publicKey, algorithm),
        parts.signature,
        // An error (e.g. an RSA key under ES256) is not a valid signature either.
        (error, valid) => resolve(error === null && valid ? decodeJwsClaims(token) : undefined),
      );
    } catch {
      resolve(undefined);
    }
  });
}

/** Decodes the protected header of a compact JWS; `undefined` when it is not base64url JSON. */
export function decodeJwsHeader(token: string): unknown {
  return decodeSegment(token.split('.')[0]);
}

/**
 * Decodes the claims (payload) of a compact JWS without checking its signature — for a token
 * the caller made or verified itself; `undefined` when they are not base64url JSON.
 */
export function decodeJwsClaims(token: string): unknown {
  return decodeSegment(token.split('.')[1]);
}

/** A JWS header or claims set is small: these limits leave room for any Knooppunt one. */
const SEGMENT_LIMITS = { maxBytes: 64 * 1024, maxDepth: 8 } as const;

function decodeSegment(segment: string | undefined): unknown {
  if (segment === undefined) return undefined;
  try {
    // I-JSON: a header with a name twice (two `alg`s, say) is no header (RFC 7515 §4).
    return parseStrictJson(Buffer.from(segment, 'base64url'), SEGMENT_LIMITS);
  } catch {
    return undefined;
  }
}

/**
 * RFC 7515 §4.1.11: a header with `crit` names extensions the recipient must understand and
 * process; Knooppunt understands none, so any `crit` (well-formed or not) is refused.
 */
export function refuseCriticalExtensions(header: Readonly<Record<string, unknown>>): void {
  if ('crit' in header) {
    throw new EnvelopeError(
      'JWS_CRIT_UNSUPPORTED',
      `the JWS header names critical extensions (${JSON.stringify(header['crit']).slice(0, 80)}) that Knooppunt does not understand`,
    );
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
