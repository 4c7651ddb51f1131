/**
 * Verifying what one receives: the sender's signature over the envelope, the payload digest,
 * the sender's certificate (chained to the trust anchors, digitalSignature, not revoked, valid
 * when the message was made) and that the certificate belongs to the envelope's sender. The
 * hub checked all this on acceptance; checking again end to end means a recipient need not
 * trust the hub or the transport with the message's integrity.
 */
import { X509Certificate } from 'node:crypto';
import { EnvelopeVerifier, ManualClock, TrustStore } from '@knooppunt/standard';
import type { CertificateRecord, SignedMessage, VerifiedMessage } from '@knooppunt/standard';
import type { RestClient } from './rest_client.ts';

/** Where the verifier finds a certificate by its thumbprint. */
export type CertificateLookup = (
  thumbprint: string,
) => Promise<
  { readonly certificatePem: string; readonly status: 'active' | 'revoked' } | undefined
>;

/** Verifies received messages. */
export class SenderVerifier {
  readonly #trust: TrustStore;
  readonly #lookup: CertificateLookup;
  readonly #cache = new Map<string, Promise<CertificateRecord | undefined>>();

  /**
   * @param trustPem the trust anchors (PEM bundle) the senders' certificates must chain to:
   *   PKIoverheid's roots in production (configure them yourself), the development CA locally
   * @param lookup finds a certificate by thumbprint, e.g. at the hub
   */
  constructor(trustPem: string, lookup: CertificateLookup) {
    this.#trust = TrustStore.fromPem(trustPem);
    this.#lookup = lookup;
  }

  /**
   * A verifier that looks certificates up at the hub; trust anchors as given, or (for
   * development) the hub's `GET /v1/hub/trust`.
   */
  static async fromHub(client: RestClient, trustPem?: string): Promise<SenderVerifier> {
    return new SenderVerifier(trustPem ?? (await client.trustAnchors()), (thumbprint) =>
      client.certificate(thumbprint),
    );
  }

  /** Verifies `message`; throws an EnvelopeError or CertificateError with a stable code. */
  async verify(
    message: Pick<SignedMessage, 'envelope' | 'payload' | 'signature'>,
  ): Promise<VerifiedMessage> {
    // Judged at the moment it was made (createdAt): a message stays verifiable after its
    // sender's certificate expired, but not after it was revoked.
    const createdAt = new Date(message.envelope.createdAt);
    const verifier = new EnvelopeVerifier({
      trust: this.#trust,
      clock: new ManualClock(Number.isNaN(createdAt.getTime()) ? new Date(0) : createdAt),
      certificates: { byThumbprint: (thumbprint) => this.#certificate(thumbprint) },
    });
    return verifier.verify({
      envelope: message.envelope,
      payload: message.payload,
      signature: message.signature,
    });
  }

  #certificate(thumbprint: string): Promise<CertificateRecord | undefined> {
    let found = this.#cache.get(thumbprint);
    if (found === undefined) {
      found = this.#lookup(thumbprint).then((entry) =>
        entry === undefined
          ? undefined
          : { certificate: new X509Certificate(entry.certificatePem), status: entry.status },
      );
      // A miss or a failure is asked again next time; a found certificate is kept.
      found.then(
        (entry) => entry === undefined && this.#cache.delete(thumbprint),
        () => this.#cache.delete(thumbprint),
      );
      this.#cache.set(thumbprint, found);
    }
    return found;
  }
}
