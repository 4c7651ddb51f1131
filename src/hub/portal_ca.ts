/**
 * The portal CA at work (docs/portal.md): certifies a portal user's browser key in the name of
 * its participant and registers the certificate with the participant, so the envelopes that
 * browser signs verify like any participant's. The CA's certificate and key are read when a
 * key is approved (so a rotated CA needs no restart); without them approval answers 503
 * PORTAL_CA_UNAVAILABLE and everything else in the portal still works.
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AuthorisationError, thumbprintOf } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { ParticipantRegistry } from '../participants/registry.ts';
import { issueCertificate } from '../pki/issue.ts';
import type { IssuedCertificate } from '../pki/issue.ts';
import type { KeyCertifier } from '../portal/index.ts';

/** How long a browser key's certificate lives: a year, then the user enrols the browser again. */
export const PORTAL_CERTIFICATE_DAYS = 365;

export interface PortalCaOptions {
  readonly certPath: string;
  readonly keyPath: string;
  readonly registry: ParticipantRegistry;
  readonly clock: Clock;
}

/** The certifier of browser keys for `PortalKeys`. */
export function portalCertifier(options: PortalCaOptions): KeyCertifier {
  const { registry, clock } = options;
  return {
    async certify(participant, publicKey, actor) {
      const owner = await registry.get(participant);
      if (owner === undefined) {
        throw new AuthorisationError('PARTICIPANT_UNKNOWN', `no participant ${participant}`);
      }
      const issued = issueCertificate({
        issuer: readCa(options),
        oin: owner.oin,
        name: owner.name.slice(0, 64),
        keyAlgorithm: 'p256',
        publicKey: createPublicKey({ key: { ...publicKey }, format: 'jwk' }),
        validDays: PORTAL_CERTIFICATE_DAYS,
        now: () => clock.now(),
      });
      await registry.addCertificate(owner.oin, issued.certificatePem, actor, 'portal');
      return {
        certificatePem: issued.certificatePem,
        thumbprint: thumbprintOf(new X509Certificate(issued.certificatePem)),
      };
    },
    async revoke(participant, thumbprint, actor) {
      const owner = await registry.get(participant);
      if (owner?.certificates.some((c) => c.thumbprint === thumbprint && c.status === 'active')) {
        await registry.revokeCertificate(participant, thumbprint, actor);
      }
    },
  };
}

function readCa(options: PortalCaOptions): IssuedCertificate {
  try {
    return {
      certificatePem: readFileSync(options.certPath, 'utf8'),
      privateKeyPem: readFileSync(options.keyPath, 'utf8'),
    };
  } catch (error) {
    throw new AuthorisationError(
      'PORTAL_CA_UNAVAILABLE',
      'the hub has no portal CA (KNOOPPUNT_PORTAL_CA_CERT, KNOOPPUNT_PORTAL_CA_KEY)',
      { cause: error },
    );
  }
}
