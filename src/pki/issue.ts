/**
 * The development PKI's certificate profile: a self-signed CA, and end-entity certificates
 * for participants and the hub that carry the OIN in the subject's serialNumber and may only
 * sign (keyUsage digitalSignature). Keys are RSA-3072 or P-256, made by Node's native crypto;
 * certificates are drawn with node-forge and signed natively (see `x509_build.ts`).
 * Production uses PKIoverheid certificates instead; nothing here runs there.
 */
import { X509Certificate, createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { CertificateError, isValidOinSyntax, toPem, UsageError } from '@knooppunt/standard';
import {
  extensionsFor,
  keyIdentifierOf,
  OID,
  readBasicConstraints,
  readCertificateStructure,
  readKeyUsage,
  readSubjectKeyIdentifier,
  subjectPublicKeyBits,
} from '@knooppunt/standard/pki';
import type { KeyUsage } from '@knooppunt/standard/pki';
import { generateKeyPair, keyAlgorithmOf } from './keys.ts';
import type { KeyAlgorithm } from './keys.ts';
import { buildCertificate } from './x509_build.ts';
import type { SubjectAttribute } from './x509_build.ts';

/** A certificate with its private key, both PEM. */
export interface IssuedCertificate {
  readonly certificatePem: string;
  /** PKCS#8 PEM; `''` when the holder generated the key and kept it. */
  readonly privateKeyPem: string;
}

/** Options common to every certificate. */
export interface CertificateOptions {
  /** Key algorithm of a generated key. @defaultValue `p256` for a CA and the hub, `rsa-3072` for participants */
  keyAlgorithm?: KeyAlgorithm;
  /** Start of validity (notBefore), truncated to whole seconds. @defaultValue `now()` */
  validFrom?: Date;
  /** Days of validity after `validFrom`. @defaultValue 3650 for a CA, 825 otherwise */
  validDays?: number;
  /** The clock. @defaultValue the system clock */
  now?: () => Date;
}

/** Options of `createDevelopmentCa`. */
export type CaOptions = CertificateOptions & {
  /** @defaultValue `Knooppunt Development CA` */
  commonName?: string;
  /** A CA to sign this one, making it an intermediate CA. @defaultValue self-signed */
  issuer?: IssuedCertificate;
};

/** Options of `issueCertificate`. */
export type IssueOptions = CertificateOptions & {
  /** The CA certificate and its private key. */
  issuer: IssuedCertificate;
  /** The holder's OIN (20 digits), put in the subject's serialNumber. */
  oin: string;
  /** The organisation's name: subject O and CN (at most 64 characters, RFC 5280 App. A). */
  name: string;
  /** @defaultValue `participant` */
  role?: 'participant' | 'hub';
  /** The holder's public key, when it made its own key pair; none is generated then. */
  publicKey?: KeyObject;
};

/** Profile defaults. */
export const PROFILE_DEFAULTS = Object.freeze({
  caCommonName: 'Knooppunt Development CA',
  caOrganisation: 'Knooppunt (development)',
  caValidDays: 3650,
  endEntityValidDays: 825,
});

const DAY_MS = 86_400_000;
const UB_NAME = 64; // ub-common-name and ub-organization-name, RFC 5280 Appendix A

/**
 * Creates a development CA: basicConstraints cA (critical), keyUsage keyCertSign and cRLSign
 * (critical), subject and authority key identifiers; P-256 unless told otherwise.
 * Self-signed (a root), or signed by `options.issuer` (an intermediate, as PKIoverheid has).
 */
export function createDevelopmentCa(options: CaOptions = {}): IssuedCertificate {
  const commonName = checkName(options.commonName ?? PROFILE_DEFAULTS.caCommonName);
  const parent = options.issuer === undefined ? undefined : openIssuer(options.issuer);
  const keys = generateKeyPair(options.keyAlgorithm ?? 'p256');
  const keyId = keyIdentifierOf(subjectPublicKeyBits(spkiOf(keys.publicKey)));
  const der = buildCertificate(
    {
      serialNumber: randomSerial(),
      subject: [
        printable(OID.countryName, 'NL'),
        utf8(OID.organizationName, PROFILE_DEFAULTS.caOrganisation),
        utf8(OID.commonName, commonName),
      ],
      issuerNameDer: parent?.subjectNameDer,
      ...validity(options, PROFILE_DEFAULTS.caValidDays),
      subjectPublicKey: keys.publicKey,
      extensions: extensionsFor(
        plan(true, ['keyCertSign', 'cRLSign'], keyId, parent?.keyId ?? keyId),
      ),
    },
    parent?.privateKey ?? keys.privateKey,
  );
  return issued(der, keys.privateKey);
}

/**
 * Issues an end-entity certificate signed by `issuer`: subject C=NL, O=name, CN=name,
 * serialNumber=OIN; keyUsage digitalSignature only (critical); basicConstraints cA FALSE;
 * a random 16-byte serial. Throws UsageError USAGE_INVALID for a bad OIN, name, validity or
 * key, and CertificateError CERT_KEY_USAGE / CERT_INVALID when `issuer` cannot issue.
 */
export function issueCertificate(options: IssueOptions): IssuedCertificate {
  if (!isValidOinSyntax(options.oin)) {
    throw new UsageError('USAGE_INVALID', `an OIN is 20 digits, got '${options.oin}'`);
  }
  const name = checkName(options.name);
  const ca = openIssuer(options.issuer);
  const role = options.role ?? 'participant';
  const algorithm = options.keyAlgorithm ?? (role === 'hub' ? 'p256' : 'rsa-3072');
  const keys =
    options.publicKey === undefined
      ? generateKeyPair(algorithm)
      : {
          publicKey: checkHolderKey(options.publicKey, options.keyAlgorithm),
          privateKey: undefined,
        };
  const der = buildCertificate(
    {
      serialNumber: randomSerial(),
      subject: [
        printable(OID.countryName, 'NL'),
        utf8(OID.organizationName, name),
        utf8(OID.commonName, name),
        printable(OID.serialNumber, options.oin),
      ],
      issuerNameDer: ca.subjectNameDer,
      ...validity(options, PROFILE_DEFAULTS.endEntityValidDays),
      subjectPublicKey: keys.publicKey,
      extensions: extensionsFor(
        plan(
          false,
          ['digitalSignature'],
          keyIdentifierOf(subjectPublicKeyBits(spkiOf(keys.publicKey))),
          ca.keyId,
        ),
      ),
    },
    ca.privateKey,
  );
  const certificate = issued(der, keys.privateKey);
  if (!new X509Certificate(certificate.certificatePem).verify(ca.publicKey)) {
    throw new CertificateError('CERT_INVALID', 'the issued certificate does not verify');
  }
  return certificate;
}

interface OpenIssuer {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly subjectNameDer: Buffer;
  readonly keyId: Buffer;
}

/** Checks that `issuer` is a CA whose key we hold (RFC 5280 §4.2.1.3, §4.2.1.9). */
function openIssuer(issuer: IssuedCertificate): OpenIssuer {
  let certificate: X509Certificate;
  let privateKey: KeyObject;
  try {
    certificate = new X509Certificate(issuer.certificatePem);
    privateKey = createPrivateKey(issuer.privateKeyPem);
  } catch (error) {
    throw new CertificateError('CERT_INVALID', 'the issuer certificate or key cannot be read', {
      cause: error,
    });
  }
  const structure = readCertificateStructure(certificate.raw);
  const usages = readKeyUsage(structure.extensions);
  if (!readBasicConstraints(structure.extensions).cA || usages?.has('keyCertSign') === false) {
    throw new CertificateError('CERT_KEY_USAGE', 'the issuer certificate is not a CA');
  }
  if (!spkiOf(createPublicKey(privateKey)).equals(spkiOf(certificate.publicKey))) {
    throw new CertificateError('CERT_INVALID', 'the issuer key does not match its certificate');
  }
  return {
    privateKey,
    publicKey: certificate.publicKey,
    subjectNameDer: structure.subjectNameDer,
    // §4.2.1.1: the authority key identifier repeats the issuer's subject key identifier.
    keyId:
      readSubjectKeyIdentifier(structure.extensions) ?? keyIdentifierOf(structure.subjectPublicKey),
  };
}

function checkHolderKey(key: KeyObject, wanted: KeyAlgorithm | undefined): KeyObject {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const algorithm = keyAlgorithmOf(publicKey);
  if (algorithm === undefined || (wanted !== undefined && wanted !== algorithm)) {
    throw new UsageError(
      'USAGE_INVALID',
      `the holder's key must be ${wanted ?? 'RSA (3072 bits or more) or P-256'}`,
    );
  }
  return publicKey;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || [...trimmed].length > UB_NAME) {
    throw new UsageError('USAGE_INVALID', `a name is 1 to ${UB_NAME} characters, got '${name}'`);
  }
  return trimmed;
}

/** RFC 5280 §4.1.2.5: notBefore and notAfter, in whole seconds. */
function validity(
  options: CertificateOptions,
  defaultDays: number,
): { notBefore: Date; notAfter: Date } {
  const days = options.validDays ?? defaultDays;
  if (!Number.isInteger(days) || days <= 0) {
    throw new UsageError('USAGE_INVALID', `validDays must be a positive whole number, got ${days}`);
  }
  const start = options.validFrom ?? (options.now ?? (() => new Date()))();
  const notBefore = new Date(Math.floor(start.getTime() / 1000) * 1000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

/**
 * RFC 5280 §4.1.2.2: a positive integer of at most 20 octets, unpredictable. 16 random bytes
 * with the top bit clear (positive) and the next bit set (so DER keeps all 16 octets).
 */
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}

function plan(ca: boolean, keyUsage: KeyUsage[], subjectKeyId: Buffer, authorityKeyId: Buffer) {
  return {
    ca,
    keyUsage,
    subjectKeyIdentifier: subjectKeyId,
    authorityKeyIdentifier: authorityKeyId,
  };
}

function issued(der: Buffer, privateKey: KeyObject | undefined): IssuedCertificate {
  return Object.freeze({
    certificatePem: toPem(der),
    privateKeyPem:
      privateKey === undefined
        ? ''
        : (privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
  });
}

function spkiOf(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function printable(oid: string, value: string): SubjectAttribute {
  return { oid, value, utf8: false };
}

function utf8(oid: string, value: string): SubjectAttribute {
  return { oid, value, utf8: true };
}
