import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import forge from 'node-forge';
import { toPem, TrustStore } from '@knooppunt/standard';
import {
  extensionsFor,
  keyIdentifierOf,
  readCertificateStructure,
  subjectPublicKeyBits,
} from '@knooppunt/standard/pki';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../../src/pki/issue.ts';
import { generateKeyPair } from '../../../src/pki/keys.ts';
import { buildCertificate } from '../../../src/pki/x509_build.ts';
import { expectCode } from './pki_fixtures.ts';

const OIN = '00000001002220647000';

function x509(issued: IssuedCertificate): X509Certificate {
  return new X509Certificate(issued.certificatePem);
}

function leafOf(issuer: IssuedCertificate, oin = OIN): IssuedCertificate {
  return issueCertificate({ issuer, oin, name: 'Gemeente Utrecht', keyAlgorithm: 'p256' });
}

interface KeyIds {
  readonly subject: Buffer;
  readonly authority: Buffer;
}

/**
 * A certificate built with the low-level builder, so that nothing stops a non-CA from
 * "issuing" or a CA from carrying odd extensions. Self-signed when there is no `signer`.
 */
function build(
  cn: string,
  extensions: (ids: KeyIds) => readonly object[],
  signer?: IssuedCertificate,
): IssuedCertificate {
  const keys = generateKeyPair('p256');
  const ownId = keyIdentifierOf(
    subjectPublicKeyBits(keys.publicKey.export({ type: 'spki', format: 'der' })),
  );
  const parent = signer === undefined ? undefined : readCertificateStructure(x509(signer).raw);
  const der = buildCertificate(
    {
      serialNumber: Buffer.concat([Buffer.from([0x40]), randomBytes(15)]),
      subject: [{ oid: '2.5.4.3', value: cn, utf8: true }],
      issuerNameDer: parent?.subjectNameDer,
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86_400_000),
      subjectPublicKey: keys.publicKey,
      extensions: extensions({
        subject: ownId,
        authority: parent === undefined ? ownId : keyIdentifierOf(parent.subjectPublicKey),
      }),
    },
    signer === undefined ? keys.privateKey : createPrivateKey(signer.privateKeyPem),
  );
  const privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { certificatePem: toPem(der), privateKeyPem };
}

/** The end-entity profile's extensions, plus `extra`. */
function endEntity(extra: readonly object[] = []): (ids: KeyIds) => readonly object[] {
  return (ids) => [
    ...extensionsFor({
      ca: false,
      keyUsage: ['digitalSignature'],
      subjectKeyIdentifier: ids.subject,
      authorityKeyIdentifier: ids.authority,
    }),
    ...extra,
  ];
}

describe('pki/trust_store', () => {
  let root: IssuedCertificate;
  let intermediate: IssuedCertificate;
  let trust: TrustStore;

  before(() => {
    root = createDevelopmentCa({ commonName: 'Knooppunt Root' });
    intermediate = createDevelopmentCa({ issuer: root, commonName: 'Knooppunt Sub CA' });
    trust = TrustStore.fromPem(root.certificatePem);
  });

  it('accepts a certificate issued directly by an anchor, path leaf-first', () => {
    const leaf = x509(leafOf(root));
    expect(() => trust.validateChain(leaf)).to.not.throw();
    expect(trust.buildPath(leaf).map((c) => c.subject)).to.deep.equal([
      leaf.subject,
      x509(root).subject,
    ]);
  });

  it('accepts a chain through an intermediate CA that the sender supplies', () => {
    const leaf = x509(leafOf(intermediate));
    const path = trust.buildPath(leaf, [x509(intermediate)]);
    expect(path.map((c) => c.fingerprint256)).to.deep.equal(
      [leaf, x509(intermediate), x509(root)].map((c) => c.fingerprint256),
    );
  });

  it('rejects a chain whose intermediate is missing with CERT_UNTRUSTED', () => {
    expectCode(() => trust.validateChain(x509(leafOf(intermediate))), 'CERT_UNTRUSTED');
  });

  it('rejects a certificate from another CA with CERT_UNTRUSTED, even one with the same name', () => {
    const stranger = createDevelopmentCa({ commonName: 'Knooppunt Root' }); // same subject DN
    const leaf = x509(leafOf(stranger));
    expect(leaf.checkIssued(x509(root))).to.equal(false); // the key identifiers differ
    expectCode(() => trust.validateChain(leaf), 'CERT_UNTRUSTED');
    expectCode(() => trust.validateChain(leaf, [x509(stranger)]), 'CERT_UNTRUSTED');
  });

  it('rejects a certificate "issued" by a participant certificate posing as intermediate', () => {
    const participant = leafOf(root);
    const forged = x509(build('Forged', endEntity(), participant));
    expect(forged.verify(x509(participant).publicKey)).to.equal(true); // the signature is fine
    expectCode(() => trust.validateChain(forged, [x509(participant)]), 'CERT_UNTRUSTED');
  });

  it('rejects an intermediate without basicConstraints cA even when it states no keyUsage', () => {
    // No keyUsage: OpenSSL's checkIssued lets it pass, so only the cA check stops it.
    const bare = build('Bare', () => [], root);
    const forged = x509(build('Forged', endEntity(), bare));
    expect(forged.checkIssued(x509(bare))).to.equal(true);
    expect(x509(bare).checkIssued(x509(root))).to.equal(true);
    expectCode(() => trust.validateChain(forged, [x509(bare)]), 'CERT_UNTRUSTED');
  });

  it('honours a path length constraint (RFC 5280 §4.2.1.9)', () => {
    const constrained = build('Root pathLen 0', (ids) => [
      { name: 'basicConstraints', critical: true, cA: true, pathLenConstraint: 0 },
      { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
      ...extensionsFor({
        ca: true,
        keyUsage: [],
        subjectKeyIdentifier: ids.subject,
        authorityKeyIdentifier: ids.authority,
      }).slice(2),
    ]);
    const store = TrustStore.fromPem(constrained.certificatePem);
    const sub = createDevelopmentCa({ issuer: constrained, commonName: 'Too deep' });
    expect(() => store.validateChain(x509(leafOf(constrained)))).to.not.throw();
    expectCode(() => store.validateChain(x509(leafOf(sub)), [x509(sub)]), 'CERT_UNTRUSTED');
  });

  it('rejects a certificate with a critical extension it does not understand (RFC 5280 §4.2)', () => {
    const unknown = {
      id: '1.3.6.1.4.1.99999.1',
      critical: true,
      value: forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.NULL, false, ''),
    };
    const odd = x509(build('Odd', endEntity([unknown]), root));
    expect(odd.verify(x509(root).publicKey)).to.equal(true);
    expectCode(() => trust.validateChain(odd), 'CERT_INVALID');
  });

  it('does not judge validity dates: an expired certificate still chains', () => {
    const expired = issueCertificate({
      issuer: root,
      oin: OIN,
      name: 'Verlopen',
      keyAlgorithm: 'p256',
      validFrom: new Date('2020-01-01T00:00:00Z'),
      validDays: 1,
    });
    expect(() => trust.validateChain(x509(expired))).to.not.throw();
  });

  it('accepts an anchor itself', () => {
    expect(trust.buildPath(x509(root))).to.have.length(1);
  });

  it('reads a bundle of several CAs with comments between them', () => {
    const other = createDevelopmentCa({ commonName: 'Second Root', keyAlgorithm: 'rsa-3072' });
    const bundle = `# first\n${root.certificatePem}\n# second\n${other.certificatePem}`;
    const store = TrustStore.fromPem(bundle);
    expect(store.anchors.map((anchor) => anchor.fingerprint256)).to.deep.equal(
      [x509(root), x509(other)].map((c) => c.fingerprint256),
    );
    expect(() => store.validateChain(x509(leafOf(other)))).to.not.throw();
  });

  it('refuses a bundle without certificates, or with one that is not a CA (CERT_INVALID)', () => {
    expectCode(() => TrustStore.fromPem(''), 'CERT_INVALID');
    expectCode(() => TrustStore.fromPem(root.privateKeyPem), 'CERT_INVALID');
    expectCode(() => TrustStore.fromPem(leafOf(root).certificatePem), 'CERT_INVALID');
  });
});
