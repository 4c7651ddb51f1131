/**
 * The certificate extensions Knooppunt reads and writes: keyUsage, basicConstraints and the
 * key identifiers (RFC 5280 §4.2.1). Reading works on the DER inside `extnValue`, so it serves
 * certificates of any key type and from any issuer (our development CA, openssl,
 * PKIoverheid). Writing produces forge extension objects for the certificate builder.
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { OID, bytesOf, childrenOf, parseDer } from './der.ts';
import type { RawExtension } from './der.ts';

const { Class, Type } = forge.asn1;

/** The KeyUsage bits in the order of RFC 5280 §4.2.1.3 (bit 0 first). */
export const KEY_USAGES = Object.freeze([
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const);

/** One KeyUsage bit. */
export type KeyUsage = (typeof KEY_USAGES)[number];

/** basicConstraints (RFC 5280 §4.2.1.9). */
export interface BasicConstraints {
  readonly cA: boolean;
  readonly pathLenConstraint?: number;
}

/**
 * Extensions whose meaning Knooppunt enforces, and which may therefore be critical. RFC 5280
 * §4.2: a certificate with an unrecognised critical extension MUST be rejected.
 */
const UNDERSTOOD = new Set<string>([
  OID.keyUsage,
  OID.basicConstraints,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
]);

/** The extension with `oid`, if present. */
export function findExtension(
  extensions: readonly RawExtension[],
  oid: string,
): RawExtension | undefined {
  return extensions.find((extension) => extension.oid === oid);
}

/** The key usages asserted, or `undefined` when the certificate has no keyUsage extension. */
export function readKeyUsage(
  extensions: readonly RawExtension[],
): ReadonlySet<KeyUsage> | undefined {
  const extension = findExtension(extensions, OID.keyUsage);
  if (extension === undefined) return undefined;
  // KeyUsage ::= BIT STRING; the first content octet counts the unused trailing bits.
  const bits = bytesOf(parseDer(extension.value)).subarray(1);
  const usages = KEY_USAGES.filter((_, bit) => ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0);
  return new Set(usages);
}

/** basicConstraints; absent means an end-entity certificate (cA FALSE). */
export function readBasicConstraints(extensions: readonly RawExtension[]): BasicConstraints {
  const extension = findExtension(extensions, OID.basicConstraints);
  if (extension === undefined) return Object.freeze({ cA: false });
  const sequence = parseDer(extension.value);
  let cA = false;
  let pathLenConstraint: number | undefined;
  for (const element of childrenOf(sequence)) {
    if (element.type === Type.BOOLEAN) cA = bytesOf(element)[0] !== 0;
    if (element.type === Type.INTEGER)
      pathLenConstraint = forge.asn1.derToInteger(bytesOf(element).toString('binary'));
  }
  return Object.freeze(pathLenConstraint === undefined ? { cA } : { cA, pathLenConstraint });
}

/** subjectKeyIdentifier's keyIdentifier (RFC 5280 §4.2.1.2), if present. */
export function readSubjectKeyIdentifier(extensions: readonly RawExtension[]): Buffer | undefined {
  const extension = findExtension(extensions, OID.subjectKeyIdentifier);
  return extension === undefined ? undefined : bytesOf(parseDer(extension.value));
}

/** authorityKeyIdentifier's [0] keyIdentifier (RFC 5280 §4.2.1.1), if present. */
export function readAuthorityKeyIdentifier(
  extensions: readonly RawExtension[],
): Buffer | undefined {
  const extension = findExtension(extensions, OID.authorityKeyIdentifier);
  if (extension === undefined) return undefined;
  const keyId = childrenOf(parseDer(extension.value)).find(
    (element) => element.tagClass === Class.CONTEXT_SPECIFIC && element.type === 0,
  );
  return keyId === undefined ? undefined : bytesOf(keyId);
}

/** OIDs of critical extensions that Knooppunt does not understand (RFC 5280 §4.2). */
export function unknownCriticalExtensions(extensions: readonly RawExtension[]): readonly string[] {
  return extensions.filter((e) => e.critical && !UNDERSTOOD.has(e.oid)).map((e) => e.oid);
}

/**
 * A key identifier by RFC 5280 §4.2.1.2 method (1): the SHA-1 of the subjectPublicKey BIT
 * STRING's bits (without tag, length and unused-bits octet).
 */
export function keyIdentifierOf(subjectPublicKey: Uint8Array): Buffer {
  return createHash('sha1').update(subjectPublicKey).digest();
}

/** What the profile puts in a certificate's extensions. */
export interface ExtensionPlan {
  readonly ca: boolean;
  readonly keyUsage: readonly KeyUsage[];
  readonly subjectKeyIdentifier: Buffer;
  readonly authorityKeyIdentifier: Buffer;
}

/** forge extension objects for `plan` (forge encodes keyUsage and basicConstraints itself). */
export function extensionsFor(plan: ExtensionPlan): object[] {
  const keyUsage = Object.fromEntries(plan.keyUsage.map((usage) => [usage, true]));
  return [
    // §4.2.1.9: critical in CA certificates; cA DEFAULT FALSE is omitted from DER otherwise.
    { name: 'basicConstraints', critical: true, cA: plan.ca },
    // §4.2.1.3: conforming CAs SHOULD mark keyUsage critical.
    { name: 'keyUsage', critical: true, ...keyUsage },
    {
      name: 'subjectKeyIdentifier',
      value: octetString(plan.subjectKeyIdentifier),
    },
    {
      name: 'authorityKeyIdentifier',
      value: forge.asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
        forge.asn1.create(
          Class.CONTEXT_SPECIFIC,
          0,
          false,
          plan.authorityKeyIdentifier.toString('binary'),
        ),
      ]),
    },
  ];
}

function octetString(bytes: Buffer): forge.asn1.Asn1 {
  return forge.asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
}
