/**
 * The client assertion a participant signs to get a bearer token from `POST /v1/token`
 * (RFC 7523 §2.2, as the client authentication of RFC 6749's client_credentials grant): a
 * JWT whose issuer and subject are the participant's OIN, whose audience is the token
 * endpoint, valid for at most 300 seconds, with a fresh `jti` against replay. The header
 * names the signing certificate by `x5t#S256`, so the hub finds it in its registry.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Signer } from '@knooppunt/standard';

/** The form fields of `POST /v1/token` besides the assertion itself. */
export const TOKEN_GRANT = Object.freeze({
  grant_type: 'client_credentials',
  client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
});

/** The longest lifetime the hub accepts for an assertion (`exp - iat`). */
export const MAX_ASSERTION_SECONDS = 300;

/** What a client assertion is made from. */
export interface ClientAssertionInput {
  readonly signer: Signer;
  /** The participant's OIN: `iss` and `sub`. */
  readonly oin: string;
  /** The hub's base URL; the audience is `<baseUrl>/v1/token`. */
  readonly baseUrl: string;
  /** @defaultValue now */
  readonly now?: Date;
  /** @defaultValue {@link MAX_ASSERTION_SECONDS} */
  readonly lifetimeSeconds?: number;
  /** @defaultValue a random UUID */
  readonly jti?: string;
}

/** The token endpoint of a hub base URL (a trailing slash is ignored). */
export function tokenEndpoint(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/v1/token`;
}

/** Signs a client assertion (ES256 for a P-256 key, PS256 for RSA). */
export function createClientAssertion(input: ClientAssertionInput): string {
  const iat = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const lifetime = Math.min(input.lifetimeSeconds ?? MAX_ASSERTION_SECONDS, MAX_ASSERTION_SECONDS);
  const claims = {
    iss: input.oin,
    sub: input.oin,
    aud: tokenEndpoint(input.baseUrl),
    iat,
    exp: iat + lifetime,
    jti: input.jti ?? randomUUID(),
  };
  const { signer } = input;
  return jwt.sign(claims, signer.privateKey, {
    algorithm: signer.algorithm, // iat is in the claims, from the injected time: kept as given
    header: { alg: signer.algorithm, typ: 'JWT', 'x5t#S256': signer.thumbprint },
  });
}

/** The `application/x-www-form-urlencoded` body of a token request. */
export function tokenRequestBody(assertion: string): URLSearchParams {
  return new URLSearchParams({ ...TOKEN_GRANT, client_assertion: assertion });
}
