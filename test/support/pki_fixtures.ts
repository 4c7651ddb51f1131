/**
 * Certificates for tests, built by code at test time (never copied between files): a
 * development CA, participants with RSA-3072 and P-256 keys, and helpers to sign with them.
 * Keys are cached per process because RSA-3072 generation costs ~100 ms.
 */
import { X509Certificate } from 'node:crypto';
import { signerFromPem, TrustStore } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';
import { createDevelopmentCa, issueCertificate } from '../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../src/pki/issue.ts';
import type { KeyAlgorithm } from '../../src/pki/keys.ts';

/** A participant as tests use it: OIN, name, certificate and signer. */
export interface TestParticipant {
  readonly oin: string;
  readonly name: string;
  readonly issued: IssuedCertificate;
  readonly certificate: X509Certificate;
  readonly signer: Signer;
}

/** A development CA with its trust store. */
export interface TestPki {
  readonly ca: IssuedCertificate;
  readonly trust: TrustStore;
  participant(oin: string, name: string, options?: ParticipantOptions): TestParticipant;
}

/** Options of a test participant's certificate. */
export interface ParticipantOptions {
  readonly keyAlgorithm?: KeyAlgorithm;
  /** @defaultValue the PKI's `at` */
  readonly validFrom?: Date;
  readonly validDays?: number;
}

/** Options of a test PKI. */
export interface TestPkiOptions {
  /**
   * When the CA and (unless told otherwise) every certificate under it are made: a test with a
   * fixed clock passes that clock's time, so it never depends on the day it runs.
   * @defaultValue the system clock's time
   */
  readonly at?: Date | string;
}

/** A fresh development PKI; `participant` issues certificates under it. */
export function createTestPki(options: TestPkiOptions = {}): TestPki {
  const at = options.at === undefined ? undefined : new Date(options.at);
  const now = at === undefined ? undefined : () => at;
  const ca = createDevelopmentCa({ commonName: 'Knooppunt Test CA', keyAlgorithm: 'p256', now });
  return {
    ca,
    trust: TrustStore.fromPem(ca.certificatePem),
    participant(oin, name, options = {}) {
      const issued = issueCertificate({
        issuer: ca,
        oin,
        name,
        keyAlgorithm: options.keyAlgorithm ?? 'p256',
        now,
        ...(options.validFrom ? { validFrom: options.validFrom } : {}),
        ...(options.validDays ? { validDays: options.validDays } : {}),
      });
      return {
        oin,
        name,
        issued,
        certificate: new X509Certificate(issued.certificatePem),
        signer: signerFromPem(issued.privateKeyPem, issued.certificatePem),
      };
    },
  };
}

/** The OINs of the standard test cast. */
export const OIN = {
  gemeente: '00000001002220647000',
  belastingdienst: '00000001003214345000',
  energie: '00000003273111110000',
} as const;
