/**
 * Bearer tokens the hub issues after a good client assertion: ES256 JWTs signed with the hub's
 * own key (jsonwebtoken over Node KeyObjects), typed `at+jwt` (RFC 9068 §2.1) so no other JWT
 * of the hub or a participant passes for one. Claims: `iss` the hub's OIN, `sub` the
 * participant's OIN, `aud` `knooppunt-api`, `iat`, `exp` (`tokenTtlSeconds` later) and a
 * random `jti`. A token names a participant, not a certificate: suspending the participant
 * stops it at once, revoking the certificate it was obtained with stops new tokens.
 */
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isValidOinSyntax } from '@knooppunt/standard';
import type { Clock, Signer } from '@knooppunt/standard';
import { HttpProblem } from './problem.ts';

/** The audience of access tokens. */
export const ACCESS_TOKEN_AUDIENCE = 'knooppunt-api';
/** The JWS `typ` of access tokens (RFC 9068). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** The token response of RFC 6749 §5.1. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  /** Seconds until the token expires. */
  readonly expires_in: number;
}

/** What issuing and checking tokens needs. */
export interface AccessTokenDeps {
  readonly hubSigner: Signer;
  readonly hubOin: string;
  readonly clock: Clock;
  /** Token lifetime in seconds (config.tokenTtlSeconds). */
  readonly ttlSeconds: number;
}

/** Issues and verifies the hub's bearer tokens. */
export class AccessTokens {
  readonly #deps: AccessTokenDeps;
  readonly #publicKey: KeyObject;

  constructor(deps: AccessTokenDeps) {
    this.#deps = deps;
    this.#publicKey = deps.hubSigner.certificate.publicKey;
  }

  /** A fresh token for participant `oin`. */
  issue(oin: string): TokenResponse {
    const iat = Math.floor(this.#deps.clock.now().getTime() / 1000);
    const token = jwt.sign(
      {
        iss: this.#deps.hubOin,
        sub: oin,
        aud: ACCESS_TOKEN_AUDIENCE,
        iat,
        exp: iat + this.#deps.ttlSeconds,
        jti: randomUUID(),
      },
      this.#deps.hubSigner.privateKey,
      { algorithm: 'ES256', header: { alg: 'ES256', typ: ACCESS_TOKEN_TYPE } },
    );
    return { access_token: token, token_type: 'Bearer', expires_in: this.#deps.ttlSeconds };
  }

  /**
   * The participant OIN a token was issued to; throws 401 TOKEN_INVALID. A token that verified
   * is remembered until it expires, so a client sending many messages with one token costs
   * one ES256 verification, not one per request.
   */
  verify(token: string): string {
    const nowMs = this.#deps.clock.now().getTime();
    const known = this.#verified.get(token);
    if (known !== undefined && known.expiresMs > nowMs) return known.sub;
    const sub = this.#verifyFully(token);
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.clear(); // bounded, simply
    const exp = (jwt.decode(token) as jwt.JwtPayload | null)?.exp ?? 0;
    this.#verified.set(token, { sub, expiresMs: exp * 1000 });
    return sub;
  }

  readonly #verified = new Map<string, { sub: string; expiresMs: number }>();

  #verifyFully(token: string): string {
    let decoded: jwt.Jwt;
    try {
      decoded = jwt.verify(token, this.#publicKey, {
        algorithms: ['ES256'],
        issuer: this.#deps.hubOin,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.#deps.clock.now().getTime() / 1000),
        complete: true,
      });
    } catch (error) {
      throw invalid(`the bearer token is not valid: ${(error as Error).message}`, error);
    }
    const sub = (decoded.payload as jwt.JwtPayload).sub;
    if ('crit' in decoded.header) throw invalid('the token names critical extensions (crit)');
    if (decoded.header.typ !== ACCESS_TOKEN_TYPE) throw invalid('the token is not an access token');
    if (typeof sub !== 'string' || !isValidOinSyntax(sub)) throw invalid('the token names no OIN');
    return sub;
  }
}

/** How many verified tokens are remembered at most (each ~0.5 KB). */
const VERIFIED_CACHE_SIZE = 10_000;

function invalid(detail: string, cause?: unknown): HttpProblem {
  return new HttpProblem('TOKEN_INVALID', detail, {
    cause,
    // RFC 6750 §3: a 401 names the scheme, and `invalid_token` for a token that failed.
    headers: { 'WWW-Authenticate': 'Bearer realm="knooppunt", error="invalid_token"' },
  });
}
