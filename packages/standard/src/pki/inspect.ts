/**
 * What Knooppunt needs to know about a certificate: the participant's OIN (the subject's
 * serialNumber attribute), names, validity, the `x5t#S256` thumbprint that JWS headers name
 * it by, the key, and whether it may sign messages (keyUsage digitalSignature) or is a CA.
 * Node's `X509Certificate` answers what it can; the rest is read from the DER with
 * node-forge's ASN.1 codec, which works for RSA and EC keys alike and for certificates made
 * by any tool (our development CA, openssl, PKIoverheid).
 */
import { createHash } from 'node:crypto';
import type { X509Certificate } from 'node:crypto';
import { CertificateError } from '../errors.ts';
import { OID, readCertificateStructure } from './der.ts';
import type { NameAttribute } from './der.ts';
import { readBasicConstraints, readKeyUsage } from './extensions.ts';
import { parseCertificate } from './pem.ts';

/** A certificate as Knooppunt sees it. All fields are read once; the object is frozen. */
export interface CertificateInfo {
  /** The OIN: the subject's serialNumber (2.5.4.5) when it is 20 digits, else `undefined`. */
  readonly oin: string | undefined;
  /** The subject's commonName, or its organizationName when there is no CN. */
  readonly subjectName: string;
  /** The subject's organizationName. */
  readonly organisation: string | undefined;
  /** The issuer's distinguished name, one line, in certificate order (`C=NL, O=…, CN=…`). */
  readonly issuer: string;
  /** The certificate serial in upper-case hex, as Node's `X509Certificate` gives it. */
  readonly serialNumber: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  /** `x5t#S256`: base64url (no padding) of SHA-256 over the DER certificate (RFC 7515 §4.1.8). */
  readonly thumbprint: string;
  /** `rsa` (including RSASSA-PSS keys) or `ec`. */
  readonly keyType: 'rsa' | 'ec';
  /** RSA modulus length in bits; absent for EC keys. */
  readonly keyBits?: number;
  /** EC curve by its JOSE name (`P-256`, `P-384`, `P-521`), else OpenSSL's; absent for RSA. */
  readonly namedCurve?: string;
  /**
   * keyUsage asserts digitalSignature. False when the certificate has no keyUsage extension:
   * RFC 5280 §4.2.1.3 would then allow any use, but Knooppunt requires the usage to be stated
   * (the PKIoverheid profile always states it).
   */
  readonly digitalSignature: boolean;
  /** basicConstraints cA is TRUE (RFC 5280 §4.2.1.9). */
  readonly isCa: boolean;
}

const OIN_SYNTAX = /^[0-9]{20}$/;
const JOSE_CURVES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

/** Whether `oin` has the syntax of an OIN (Organisatie-identificatienummer): 20 digits. */
export function isValidOinSyntax(oin: string): boolean {
  return OIN_SYNTAX.test(oin);
}

/** `x5t#S256` of a certificate: base64url, no padding, of SHA-256 over its DER. */
export function thumbprintOf(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.raw).digest('base64url');
}

/**
 * Inspects a certificate (an `X509Certificate` or PEM text). Throws CertificateError
 * CERT_INVALID when it cannot be parsed or its key is neither RSA nor EC.
 */
export function inspectCertificate(certificate: string | X509Certificate): CertificateInfo {
  const x509 = typeof certificate === 'string' ? parseCertificate(certificate) : certificate;
  const structure = readCertificateStructure(x509.raw);
  const commonName = firstValue(structure.subject, OID.commonName);
  const organisation = firstValue(structure.subject, OID.organizationName);
  const serialNumber = firstValue(structure.subject, OID.serialNumber);
  return Object.freeze({
    oin: serialNumber !== undefined && isValidOinSyntax(serialNumber) ? serialNumber : undefined,
    subjectName: commonName ?? organisation ?? formatName(structure.subject),
    organisation,
    issuer: formatName(structure.issuer),
    serialNumber: x509.serialNumber.toUpperCase(),
    validFrom: structure.notBefore,
    validTo: structure.notAfter,
    thumbprint: thumbprintOf(x509),
    ...describeKey(x509),
    digitalSignature: readKeyUsage(structure.extensions)?.has('digitalSignature') === true,
    isCa: readBasicConstraints(structure.extensions).cA,
  });
}

/** A distinguished name on one line, in certificate order, with common short names. */
export function formatName(attributes: readonly NameAttribute[]): string {
  return attributes.map(({ oid, value }) => `${SHORT_NAMES[oid] ?? oid}=${value}`).join(', ');
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.commonName]: 'CN',
  [OID.serialNumber]: 'serialNumber',
  '2.5.4.11': 'OU',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.97': 'organizationIdentifier',
};

function firstValue(attributes: readonly NameAttribute[], oid: string): string | undefined {
  return attributes.find((attribute) => attribute.oid === oid)?.value;
}

type KeyFields = Pick<CertificateInfo, 'keyType' | 'keyBits' | 'namedCurve'>;

function describeKey(x509: X509Certificate): KeyFields {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails;
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return details?.modulusLength === undefined
        ? { keyType: 'rsa' }
        : { keyType: 'rsa', keyBits: details.modulusLength };
    case 'ec': {
      const curve = details?.namedCurve;
      return curve === undefined
        ? { keyType: 'ec' }
        : { keyType: 'ec', namedCurve: JOSE_CURVES[curve] ?? curve };
    }
    default:
      throw new CertificateError(
        'CERT_INVALID',
        `certificate key type ${key.asymmetricKeyType ?? 'unknown'} is not supported (RSA or EC only)`,
      );
  }
}
