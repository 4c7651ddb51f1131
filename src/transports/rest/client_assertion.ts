/**
 * Client assertions for `POST /v1/token` (RFC 7523 §2.2 and §3, used as RFC 6749 §4.4 client
 * credentials): a JWT the participant signs with the key of one of its registered certificates.
 *
 *   header  {alg: PS256 | ES256, typ: JWT, x5t#S256: <certificate thumbprint>}
 *   claims  {iss = sub = <participant OIN>, aud = <publicUrl>/v1/token, iat, exp, jti}
 *
 * Checked in this order, so each failure has its own code: the header (alg allow-list, typ,
 * thumbprint) → the certificate and its owner (CertificateIdentifier: CERT_* and PARTICIPANT_*)
 * → `iss` is that owner → signature, audience, issuer, subject and expiry (jsonwebtoken, with
 * the algorithm allow-list) → lifetime at most 300 s, `iat` not in the future → `jti` not seen
 * before (recorded only once everything else passed, so a forger cannot burn a client's ids).
 *
 * A `jti` is used once across every hub process: the ledger's claim (ClaimStore) decides, with
 * this process's ReplayCache as a first check that spares the ledger a round trip for a replay
 * seen here. A ledger that cannot answer fails the request with its transient code (503
 * LEDGER_UNAVAILABLE), never with an assertion accepted unchecked.
 */
import jwt from 'jsonwebtoken';
import { ALLOWED_ALGORITHMS } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { ClaimStore } from '../../ledger/port.ts';
import type { Participant } from '../../participants/types.ts';
import type { CertificateIdentifier } from './certificate_identity.ts';
import { HttpProblem } from './problem.ts';
import { ReplayCache } from './replay_cache.ts';

/** `client_assertion_type` of RFC 7523 §2.2. */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The longest lifetime (`exp - iat`) of an assertion, in seconds. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** Tolerated clock difference between client and hub for `iat` and `exp`, in seconds. */
export const ASSERTION_CLOCK_TOLERANCE_SECONDS = 30;

/** What verifying client assertions needs. */
export interface ClientAssertionDeps {
  readonly identifier: CertificateIdentifier;
  readonly clock: Clock;
  /** The ledger's one-time claims, shared by every hub process: they decide on a replay. */
  readonly claims: Pick<ClaimStore, 'claimOnce'>;
}

/** Verifies client assertions; one per process (it holds the replay cache). */
export class ClientAssertionVerifier {
  readonly #deps: ClientAssertionDeps;
  readonly #replays = new ReplayCache();

  constructor(deps: ClientAssertionDeps) {
    this.#deps = deps;
  }

  /**
   * The participant the assertion authenticates. Throws an HttpProblem: 401 ASSERTION_INVALID,
   * 401 CERT_*, 401 PARTICIPANT_UNKNOWN or 403 PARTICIPANT_SUSPENDED; each with the OAuth
   * `error` member `invalid_client` (RFC 7521 §4.2.1). A ledger that cannot record the `jti`
   * throws its LedgerError (LEDGER_UNAVAILABLE, LEDGER_FULL: send the same request again).
   */
  async verify(assertion: string, audience: string): Promise<Participant> {
    try {
      return await this.#verify(assertion, audience);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      throw new HttpProblem(error.code, error.message, {
        status: error.status,
        cause: error.cause,
        extensions: { error: 'invalid_client' },
      });
    }
  }

  async #verify(assertion: string, audience: string): Promise<Participant> {
    const decoded = jwt.decode(assertion, { complete: true });
    if (decoded === null || typeof decoded.payload !== 'object') {
      throw invalid('the client assertion is not a signed JWT');
    }
    const { header } = decoded;
    if ('crit' in header) {
      // RFC 7515 §4.1.11: extensions the hub would have to understand; it understands none.
      throw invalid('the header names critical extensions (crit) the hub does not understand');
    }
    if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
      throw invalid(`algorithm ${header.alg} is not allowed (PS256 or ES256)`);
    }
    const typ: unknown = header.typ;
    if (typ !== undefined && (typeof typ !== 'string' || typ.toUpperCase() !== 'JWT')) {
      throw invalid(`typ ${String(typ)} is not JWT`);
    }
    const thumbprint = (header as unknown as Record<string, unknown>)['x5t#S256'];
    if (typeof thumbprint !== 'string' || thumbprint === '') {
      throw invalid('the header names no certificate (x5t#S256)');
    }
    const identity = await this.#deps.identifier.identify(thumbprint);
    const { oin } = identity.participant;
    if (decoded.payload.iss !== oin) {
      throw invalid(`the certificate is registered to ${oin}, not to the issuer`);
    }
    const nowMs = this.#deps.clock.now().getTime();
    const nowSeconds = Math.floor(nowMs / 1000);
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(assertion, identity.publicKey, {
        algorithms: [...ALLOWED_ALGORITHMS],
        audience,
        issuer: oin,
        subject: oin,
        clockTimestamp: nowSeconds,
        clockTolerance: ASSERTION_CLOCK_TOLERANCE_SECONDS,
      }) as jwt.JwtPayload;
    } catch (error) {
      throw invalid(`the client assertion does not verify: ${(error as Error).message}`, error);
    }
    const { iat, exp, jti } = claims;
    if (typeof iat !== 'number' || typeof exp !== 'number')
      throw invalid('iat and exp are required');
    if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) {
      throw invalid(
        `the assertion lives ${exp - iat} s; at most ${MAX_ASSERTION_LIFETIME_SECONDS}`,
      );
    }
    if (iat > nowSeconds + ASSERTION_CLOCK_TOLERANCE_SECONDS)
      throw invalid('iat lies in the future');
    if (typeof jti !== 'string' || jti === '' || jti.length > 256) {
      throw invalid('jti is required (a unique id of at most 256 characters)');
    }
    // Remembered as long as jsonwebtoken would still accept the assertion.
    const acceptedUntilMs = (exp + ASSERTION_CLOCK_TOLERANCE_SECONDS) * 1000;
    if (!(await this.#claimOnce(`${oin} ${jti}`, nowMs, acceptedUntilMs))) {
      throw invalid(`jti ${jti} was used before`);
    }
    return identity.participant;
  }

  /**
   * Claims `key` in the ledger unless this process has seen it already. Remembered here only
   * after the ledger answered (first here, or used at another process), so a request the
   * ledger could not answer can be sent again.
   */
  async #claimOnce(key: string, nowMs: number, untilMs: number): Promise<boolean> {
    if (this.#replays.has(key, nowMs)) return false;
    const claimed = await this.#deps.claims.claimOnce(
      key,
      new Date(nowMs).toISOString(),
      new Date(untilMs).toISOString(),
    );
    this.#replays.remember(key, untilMs, nowMs);
    return claimed;
  }
}

function invalid(detail: string, cause?: unknown): HttpProblem {
  return new HttpProblem('ASSERTION_INVALID', detail, { cause });
}
