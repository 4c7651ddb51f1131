/**
 * Who a certificate belongs to, for transport authentication: the client certificate of a
 * mutual-TLS connection, or the certificate a client assertion names by `x5t#S256`. The
 * certificate must be registered, active (not revoked), chain to the hub's trust bundle, allow
 * digital signatures and be within its dates at the hub's clock (the same checker that judges
 * envelope signatures); its owner must be a registered, active participant, and it must not be
 * a portal user's browser key (which signs only in the portal). Lookups go through
 * the registry's cache, so this costs no store query per request.
 */
import type { KeyObject } from 'node:crypto';
import { KnooppuntError, SigningCertificateChecker } from '@knooppunt/standard';
import type { Clock, TrustStore } from '@knooppunt/standard';
import type { ParticipantRegistry } from '../../participants/registry.ts';
import type { Participant } from '../../participants/types.ts';
import { HttpProblem } from './problem.ts';

/** An authenticated certificate and its owner. */
export interface CertificateIdentity {
  readonly participant: Participant;
  readonly thumbprint: string;
  readonly publicKey: KeyObject;
}

/** What identification needs. */
export interface CertificateIdentityDeps {
  readonly registry: ParticipantRegistry;
  readonly trust: TrustStore;
  readonly clock: Clock;
}

/** Maps certificate thumbprints to active participants. */
export class CertificateIdentifier {
  readonly #registry: ParticipantRegistry;
  readonly #checker: SigningCertificateChecker;
  readonly #clock: Clock;

  constructor(deps: CertificateIdentityDeps) {
    this.#registry = deps.registry;
    this.#checker = new SigningCertificateChecker(deps.trust);
    this.#clock = deps.clock;
  }

  /**
   * The owner of the certificate with `thumbprint`. Throws an HttpProblem: 401 with the
   * CERT_* code (unknown, revoked, untrusted, key usage, dates), 401 PARTICIPANT_UNKNOWN,
   * 403 PARTICIPANT_SUSPENDED.
   */
  async identify(thumbprint: string): Promise<CertificateIdentity> {
    try {
      const record = await this.#registry.byThumbprint(thumbprint);
      const trusted = this.#checker.check(thumbprint, record, this.#clock.now());
      // Registration checks that the certificate's OIN is its owner's (registry.add).
      const oin = trusted.info.oin;
      if (oin === undefined) {
        throw new HttpProblem('CERT_INVALID', 'the certificate names no OIN', { status: 401 });
      }
      const participant = await this.#registry.requireActive(oin);
      const registered = participant.certificates.find((known) => known.thumbprint === thumbprint);
      if (registered === undefined) {
        throw new HttpProblem('CERT_UNKNOWN', `certificate ${thumbprint} is not registered`, {
          status: 401,
        });
      }
      if (registered.use === 'portal') {
        throw new HttpProblem(
          'CERT_KEY_USAGE',
          `certificate ${thumbprint} is a portal key's: it signs only in the portal`,
          { status: 401 },
        );
      }
      return { participant, thumbprint, publicKey: trusted.publicKey };
    } catch (error) {
      if (error instanceof KnooppuntError && error.family === 'certificate') {
        // A certificate that fails here fails authentication: 401, whatever its code.
        throw HttpProblem.from(error, { status: 401 });
      }
      throw error;
    }
  }
}
