/**
 * X.509 at the ASN.1 level, with node-forge's DER codec. Node's `X509Certificate` parses
 * certificates of every key type but gives the subject only as an escaped string and exposes
 * neither the keyUsage bits nor the key identifiers; forge's own certificate parser knows
 * only RSA keys. So this module reads the certificate structure (RFC 5280 §4.1) from DER
 * with `forge.asn1`, which works for any key type, and leaves interpretation of extensions
 * to `extensions.ts`. It is pure: DER in, plain frozen values out.
 */
import forge from 'node-forge';
import { CertificateError } from '../errors.ts';

/** A node of forge's ASN.1 tree. */
export type Asn1 = forge.asn1.Asn1;

/** Object identifiers of the Knooppunt certificate profile. */
export const OID = Object.freeze({
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
});

/** One attribute of a distinguished name, decoded to text. */
export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/** An extension as found in the certificate: `value` is the DER inside `extnValue`. */
export interface RawExtension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: Buffer;
}

/** The parts of a certificate Knooppunt reads from DER. */
export interface CertificateStructure {
  readonly issuer: readonly NameAttribute[];
  readonly subject: readonly NameAttribute[];
  /** DER of the subject Name, copied verbatim into certificates this one issues. */
  readonly subjectNameDer: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The subjectPublicKey BIT STRING's bits (RFC 5280 §4.2.1.2 hashes these). */
  readonly subjectPublicKey: Buffer;
  readonly extensions: readonly RawExtension[];
}

const { Class, Type } = forge.asn1;
const UTF8_STRING = 12;
const UNIVERSAL_STRING = 28;
const BMP_STRING = 30;

type FromDer = (
  bytes: string,
  options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
) => Asn1;

/**
 * Parses DER strictly. BIT STRINGs stay opaque (forge would otherwise try to read them as
 * ASN.1), so re-encoding a parsed node gives back the same bytes.
 */
export function parseDer(der: Uint8Array): Asn1 {
  // @types/node-forge lacks the options object that forge 1.x accepts.
  const fromDer = forge.asn1.fromDer as unknown as FromDer;
  return fromDer(Buffer.from(der).toString('binary'), {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
  });
}

/** DER encoding of a forge ASN.1 node. */
export function encodeDer(node: Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

/** A primitive node's content octets. */
export function bytesOf(node: Asn1): Buffer {
  if (typeof node.value !== 'string') throw new TypeError('expected a primitive ASN.1 value');
  return Buffer.from(node.value, 'binary');
}

/** The `index`-th child of a constructed node, checked to be a universal `type`. */
export function childOf(node: Asn1, index: number, type?: number): Asn1 {
  const children = node.value;
  const child = Array.isArray(children) ? children[index] : undefined;
  if (child === undefined) throw new TypeError(`missing ASN.1 element ${index}`);
  if (type !== undefined && (child.tagClass !== Class.UNIVERSAL || child.type !== type)) {
    throw new TypeError(`ASN.1 element ${index} has tag ${child.type}, expected ${type}`);
  }
  return child;
}

/** The children of a constructed node. */
export function childrenOf(node: Asn1): readonly Asn1[] {
  if (!Array.isArray(node.value)) throw new TypeError('expected a constructed ASN.1 value');
  return node.value;
}

/** An OBJECT IDENTIFIER node's dotted form. */
export function oidOf(node: Asn1): string {
  return forge.asn1.derToOid(bytesOf(node).toString('binary'));
}

/** The subjectPublicKey bits of a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7). */
export function subjectPublicKeyBits(spkiDer: Uint8Array): Buffer {
  return bytesOf(childOf(parseDer(spkiDer), 1, Type.BITSTRING)).subarray(1);
}

/** Reads the certificate structure of RFC 5280 §4.1; CERT_INVALID when it is not one. */
export function readCertificateStructure(der: Uint8Array): CertificateStructure {
  try {
    const tbs = childOf(parseDer(der), 0, Type.SEQUENCE);
    const fields = childrenOf(tbs);
    // §4.1.2.1: version is an EXPLICIT [0] and absent for v1 certificates.
    const first = fields[0];
    const offset = first?.tagClass === Class.CONTEXT_SPECIFIC && first.type === 0 ? 1 : 0;
    const validity = childOf(tbs, offset + 3, Type.SEQUENCE);
    const subjectName = childOf(tbs, offset + 4, Type.SEQUENCE);
    const spki = childOf(tbs, offset + 5, Type.SEQUENCE);
    const bits = bytesOf(childOf(spki, 1, Type.BITSTRING));
    return Object.freeze({
      issuer: readName(childOf(tbs, offset + 2, Type.SEQUENCE)),
      subject: readName(subjectName),
      subjectNameDer: encodeDer(subjectName),
      notBefore: readTime(childOf(validity, 0)),
      notAfter: readTime(childOf(validity, 1)),
      subjectPublicKey: bits.subarray(1),
      extensions: readExtensions(fields.slice(offset + 6)),
    });
  } catch (error) {
    if (error instanceof CertificateError) throw error;
    throw new CertificateError('CERT_INVALID', 'the certificate is not valid DER X.509', {
      cause: error,
    });
  }
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (RFC 5280 §4.1.2.4), flattened in order. */
export function readName(name: Asn1): readonly NameAttribute[] {
  return Object.freeze(
    childrenOf(name).flatMap((rdn) =>
      childrenOf(rdn).map((pair) =>
        Object.freeze({
          oid: oidOf(childOf(pair, 0, Type.OID)),
          value: readString(childOf(pair, 1)),
        }),
      ),
    ),
  );
}

/** Text of a DirectoryString or other string attribute value. */
function readString(node: Asn1): string {
  const bytes = bytesOf(node);
  switch (node.type as number) {
    case UTF8_STRING:
      return bytes.toString('utf8');
    case BMP_STRING:
      return Buffer.from(bytes).swap16().toString('utf16le');
    case UNIVERSAL_STRING: {
      const points: number[] = [];
      for (let i = 0; i + 3 < bytes.length; i += 4) points.push(bytes.readUInt32BE(i));
      return String.fromCodePoint(...points);
    }
    default:
      // PrintableString, IA5String, NumericString; TeletexString read as Latin-1.
      return bytes.toString('latin1');
  }
}

/** Time ::= UTCTime | GeneralizedTime (RFC 5280 §4.1.2.5). */
function readTime(node: Asn1): Date {
  const text = bytesOf(node).toString('latin1');
  if (node.type === Type.UTCTIME) return forge.asn1.utcTimeToDate(text);
  if (node.type === Type.GENERALIZEDTIME) return forge.asn1.generalizedTimeToDate(text);
  throw new TypeError(`validity time has tag ${node.type}`);
}

/** extensions [3] EXPLICIT SEQUENCE OF Extension (RFC 5280 §4.1.2.9, §4.2). */
function readExtensions(optionalFields: readonly Asn1[]): readonly RawExtension[] {
  const wrapper = optionalFields.find(
    (field) => field.tagClass === Class.CONTEXT_SPECIFIC && field.type === 3,
  );
  if (wrapper === undefined) return Object.freeze([]);
  const extensions = childrenOf(childOf(wrapper, 0, Type.SEQUENCE)).map((extension) => {
    const parts = childrenOf(extension);
    const critical = parts.length === 3 && bytesOf(childOf(extension, 1, Type.BOOLEAN))[0] !== 0;
    const value = bytesOf(childOf(extension, parts.length - 1, Type.OCTETSTRING));
    return Object.freeze({ oid: oidOf(childOf(extension, 0, Type.OID)), critical, value });
  });
  // §4.2: a certificate MUST NOT include more than one instance of a particular extension.
  const oids = new Set(extensions.map((extension) => extension.oid));
  if (oids.size !== extensions.length) {
    throw new CertificateError('CERT_INVALID', 'the certificate repeats an extension');
  }
  return Object.freeze(extensions);
}
