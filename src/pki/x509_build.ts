/**
 * Builds and signs X.509 v3 certificates for RSA and P-256 keys. node-forge can lay out a
 * TBSCertificate (names, validity, extensions) but signs only with RSA and cannot hold an EC
 * public key, so forge draws the TBSCertificate with a placeholder key, and this module then
 * puts in the real subjectPublicKeyInfo (DER exported by Node), the issuer's Name (copied
 * verbatim from the issuer certificate, so name chaining is byte-exact) and the signature
 * algorithm, and signs the DER with Node's native `crypto.sign` (RFC 5280 §4.1).
 */
import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from '@knooppunt/standard';
import { encodeDer, OID, parseDer } from '@knooppunt/standard/pki';
import type { Asn1 } from '@knooppunt/standard/pki';

const { Class, Type } = forge.asn1;

/** One subject attribute; `utf8` selects UTF8String, otherwise PrintableString. */
export interface SubjectAttribute {
  readonly oid: string;
  readonly value: string;
  readonly utf8: boolean;
}

/** Everything that goes into a certificate. */
export interface CertificateTemplate {
  /** Positive serial, big-endian, in minimal two's complement (RFC 5280 §4.1.2.2). */
  readonly serialNumber: Buffer;
  readonly subject: readonly SubjectAttribute[];
  /** DER of the issuer's subject Name; `undefined` for a self-issued certificate. */
  readonly issuerNameDer: Buffer | undefined;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subjectPublicKey: KeyObject;
  /** forge extension objects (see `extensionsFor`). */
  readonly extensions: readonly object[];
}

/** Stands in for the subject key while forge draws the TBSCertificate; replaced after. */
const PLACEHOLDER_KEY = forge.pki.setRsaPublicKey(
  new forge.jsbn.BigInteger('3', 10),
  new forge.jsbn.BigInteger('3', 10),
);

interface ForgeTbs {
  getTBSCertificate(certificate: forge.pki.Certificate): Asn1;
}

/** The signature AlgorithmIdentifier for a signing key (RFC 5280 §4.1.1.2; RFC 3279, 5758). */
export function signatureAlgorithmFor(signingKey: KeyObject): Asn1 {
  const oid = (value: string): Asn1 =>
    forge.asn1.create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(value).getBytes());
  const type = signingKey.asymmetricKeyType;
  if (type === 'rsa') {
    // RFC 4055 §5: sha256WithRSAEncryption parameters are NULL.
    const nullParameters = forge.asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
    return forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
      oid(OID.sha256WithRSAEncryption),
      nullParameters,
    ]);
  }
  if (type === 'ec' && signingKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    // RFC 5758 §3.2: ecdsa-with-SHA256 has its parameters absent.
    return forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [oid(OID.ecdsaWithSha256)]);
  }
  throw new CertificateError(
    'CERT_INVALID',
    `an issuer key of type ${type ?? 'unknown'} cannot sign (RSA or P-256 only)`,
  );
}

/** Draws the TBSCertificate (RFC 5280 §4.1.2) for `template`, to be signed by `signingKey`. */
export function buildTbsCertificate(template: CertificateTemplate, signingKey: KeyObject): Asn1 {
  const draft = forge.pki.createCertificate();
  draft.version = 2; // v3
  draft.serialNumber = template.serialNumber.toString('hex');
  draft.validity.notBefore = template.notBefore;
  draft.validity.notAfter = template.notAfter;
  draft.setSubject(
    template.subject.map((attribute) => ({
      type: attribute.oid,
      value: attribute.value,
      // @types/node-forge types valueTagClass as a Class; forge reads it as a universal Type.
      valueTagClass: (attribute.utf8
        ? Type.UTF8
        : Type.PRINTABLESTRING) as unknown as forge.asn1.Class,
    })),
  );
  draft.setIssuer([]);
  draft.setExtensions([...template.extensions]);
  // Placeholders: forge needs an RSA key and a signature OID to draw the TBSCertificate.
  draft.publicKey = PLACEHOLDER_KEY;
  draft.siginfo.algorithmOid = OID.sha256WithRSAEncryption;

  const tbs = (forge.pki as unknown as ForgeTbs).getTBSCertificate(draft);
  const fields = tbs.value as Asn1[];
  const subjectName = fields[5];
  if (subjectName === undefined) throw new TypeError('forge drew an unexpected TBSCertificate');
  fields[2] = signatureAlgorithmFor(signingKey); // §4.1.2.3: MUST equal signatureAlgorithm
  fields[3] = template.issuerNameDer === undefined ? subjectName : parseDer(template.issuerNameDer);
  fields[6] = parseDer(template.subjectPublicKey.export({ type: 'spki', format: 'der' }));
  return tbs;
}

/**
 * Builds and signs a certificate; returns its DER. The signature is PKCS#1 v1.5 over SHA-256
 * for an RSA issuer and DER-encoded ECDSA (r, s) over SHA-256 for a P-256 issuer, which is
 * what Node's `crypto.sign` produces by default and what X.509 wants (RFC 3279 §2.2.3).
 */
export function buildCertificate(template: CertificateTemplate, signingKey: KeyObject): Buffer {
  const tbs = buildTbsCertificate(template, signingKey);
  const signature = sign('sha256', encodeDer(tbs), signingKey);
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
  const certificate = forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    tbs,
    signatureAlgorithmFor(signingKey),
    forge.asn1.create(
      Class.UNIVERSAL,
      Type.BITSTRING,
      false,
      `\u0000${signature.toString('binary')}`, // no unused bits
    ),
  ]);
  return encodeDer(certificate);
}
