import {
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
} from 'node:crypto';
import { expect } from 'chai';
import forge from 'node-forge';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../../src/pki/issue.ts';
import { inspectCertificate } from '@knooppunt/standard';
import { generateKeyPair } from '../../../src/pki/keys.ts';
import { expectCode } from './pki_fixtures.ts';

const OIN = '00000001002220647000';
const NAME = 'Gemeente Utrecht, Schuldhulpverlening';
const DAY = 86_400_000;

/** [signatureAlgorithm OID inside TBS, its parameter count, the outer OID] read with forge. */
function signatureAlgorithms(certificate: X509Certificate): [string, number, string] {
  const root = forge.asn1.fromDer(certificate.raw.toString('binary'));
  const [tbs, outer] = root.value as forge.asn1.Asn1[];
  const inner = (tbs?.value as forge.asn1.Asn1[])[2];
  const oidOf = (algorithm: forge.asn1.Asn1 | undefined): string => {
    const node = (algorithm?.value as forge.asn1.Asn1[])[0];
    return forge.asn1.derToOid(node?.value as string);
  };
  return [oidOf(inner), (inner?.value as forge.asn1.Asn1[]).length, oidOf(outer)];
}

describe('pki/issue', () => {
  let p256Ca: IssuedCertificate;
  let rsaCa: IssuedCertificate;

  before(() => {
    p256Ca = createDevelopmentCa();
    rsaCa = createDevelopmentCa({ keyAlgorithm: 'rsa-3072', commonName: 'Knooppunt RSA CA' });
  });

  it('makes a self-signed P-256 or RSA-3072 CA that Node parses and verifies', () => {
    for (const [ca, keyType] of [
      [p256Ca, 'ec'],
      [rsaCa, 'rsa'],
    ] as const) {
      const x509 = new X509Certificate(ca.certificatePem);
      expect(x509.ca).to.equal(true);
      expect(x509.publicKey.asymmetricKeyType).to.equal(keyType);
      expect(x509.checkIssued(x509)).to.equal(true);
      expect(x509.verify(x509.publicKey)).to.equal(true);
      expect(x509.checkPrivateKey(createPrivateKey(ca.privateKeyPem))).to.equal(true);
      expect(ca.privateKeyPem).to.match(/^-{5}BEGIN PRIVATE KEY-{5}\n/); // PKCS#8 (no literal PEM header: no key in the repo looks like one)
    }
  });

  it('gives a CA ten years and a participant 825 days from the injected clock', () => {
    const now = new Date('2026-11-23T09:00:00.750Z');
    const ca = createDevelopmentCa({ now: () => now });
    const leaf = issueCertificate({
      issuer: ca,
      oin: OIN,
      name: NAME,
      keyAlgorithm: 'p256',
      now: () => now,
    });
    const start = new Date('2026-11-23T09:00:00Z'); // whole seconds, not later than now
    for (const [certificate, days] of [
      [ca, 3650],
      [leaf, 825],
    ] as const) {
      const info = inspectCertificate(certificate.certificatePem);
      expect(info.validFrom).to.deep.equal(start);
      expect(info.validTo).to.deep.equal(new Date(start.getTime() + days * DAY));
    }
  });

  it('issues an RSA-3072 participant certificate under a P-256 CA that verifies natively', () => {
    const leaf = issueCertificate({ issuer: p256Ca, oin: OIN, name: NAME });
    const x509 = new X509Certificate(leaf.certificatePem);
    const ca = new X509Certificate(p256Ca.certificatePem);
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).to.equal(3072);
    expect(x509.checkIssued(ca)).to.equal(true);
    expect(x509.verify(ca.publicKey)).to.equal(true);
    expect(x509.ca).to.equal(false);
    expect(x509.subject.split('\n')).to.deep.equal([
      'C=NL',
      'O=Gemeente Utrecht\\, Schuldhulpverlening', // Node escapes the comma
      'CN=Gemeente Utrecht\\, Schuldhulpverlening',
      `serialNumber=${OIN}`,
    ]);
    expect(x509.checkPrivateKey(createPrivateKey(leaf.privateKeyPem))).to.equal(true);
  });

  it('issues a P-256 participant certificate under an RSA-3072 CA that verifies natively', () => {
    const leaf = issueCertificate({ issuer: rsaCa, oin: OIN, name: NAME, keyAlgorithm: 'p256' });
    const x509 = new X509Certificate(leaf.certificatePem);
    expect(x509.publicKey.asymmetricKeyDetails?.namedCurve).to.equal('prime256v1');
    expect(x509.verify(new X509Certificate(rsaCa.certificatePem).publicKey)).to.equal(true);
    expect(x509.verify(new X509Certificate(p256Ca.certificatePem).publicKey)).to.equal(false);
  });

  it('names the signature algorithm of the issuer key, the same inside and outside the TBS', () => {
    const underRsa = issueCertificate({
      issuer: rsaCa,
      oin: OIN,
      name: NAME,
      keyAlgorithm: 'p256',
    });
    const underEc = issueCertificate({
      issuer: p256Ca,
      oin: OIN,
      name: NAME,
      keyAlgorithm: 'p256',
    });
    // sha256WithRSAEncryption with NULL parameters; ecdsa-with-SHA256 with none (RFC 5758).
    expect(signatureAlgorithms(new X509Certificate(underRsa.certificatePem))).to.deep.equal([
      '1.2.840.113549.1.1.11',
      2,
      '1.2.840.113549.1.1.11',
    ]);
    expect(signatureAlgorithms(new X509Certificate(underEc.certificatePem))).to.deep.equal([
      '1.2.840.10045.4.3.2',
      1,
      '1.2.840.10045.4.3.2',
    ]);
  });

  it('makes hub certificates P-256 and participant certificates RSA-3072 by default', () => {
    const hub = issueCertificate({ issuer: p256Ca, oin: OIN, name: 'Knooppunt', role: 'hub' });
    const participant = issueCertificate({ issuer: p256Ca, oin: OIN, name: NAME });
    expect(inspectCertificate(hub.certificatePem).namedCurve).to.equal('P-256');
    expect(inspectCertificate(participant.certificatePem).keyBits).to.equal(3072);
  });

  it('gives every certificate a random positive 16-byte serial', () => {
    const serials = [1, 2, 3].map(
      () =>
        new X509Certificate(
          issueCertificate({ issuer: p256Ca, oin: OIN, name: NAME, keyAlgorithm: 'p256' })
            .certificatePem,
        ).serialNumber,
    );
    expect(new Set(serials).size).to.equal(3);
    for (const serial of serials) {
      expect(serial).to.match(/^[0-9A-F]{32}$/);
      expect(Number.parseInt(serial.slice(0, 2), 16)).to.be.within(0x40, 0x7f);
    }
  });

  it('certifies a key the holder made without returning a private key', () => {
    const holder = generateKeyPair('p256');
    const leaf = issueCertificate({
      issuer: p256Ca,
      oin: OIN,
      name: NAME,
      publicKey: holder.publicKey,
    });
    expect(leaf.privateKeyPem).to.equal('');
    expect(new X509Certificate(leaf.certificatePem).checkPrivateKey(holder.privateKey)).to.equal(
      true,
    );
  });

  it('keeps names with non-ASCII characters intact (UTF8String)', () => {
    const name = "Gemeente Súdwest-Fryslân ('s-Hertogenbosch)";
    const info = inspectCertificate(
      issueCertificate({ issuer: p256Ca, oin: OIN, name, keyAlgorithm: 'p256' }).certificatePem,
    );
    expect([info.subjectName, info.organisation]).to.deep.equal([name, name]);
  });

  it('refuses a bad OIN, name, validity or holder key with USAGE_INVALID', () => {
    const base = { issuer: p256Ca, oin: OIN, name: NAME, keyAlgorithm: 'p256' as const };
    expectCode(() => issueCertificate({ ...base, oin: '1234' }), 'USAGE_INVALID');
    expectCode(() => issueCertificate({ ...base, oin: '0000000100222064700x' }), 'USAGE_INVALID');
    expectCode(() => issueCertificate({ ...base, name: '  ' }), 'USAGE_INVALID');
    expectCode(() => issueCertificate({ ...base, name: 'x'.repeat(65) }), 'USAGE_INVALID');
    expectCode(() => issueCertificate({ ...base, validDays: 0 }), 'USAGE_INVALID');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    expectCode(() => issueCertificate({ ...base, publicKey: p384 }), 'USAGE_INVALID');
    const p256 = generateKeyPair('p256').publicKey;
    const rsaWanted = { ...base, keyAlgorithm: 'rsa-3072' as const, publicKey: p256 };
    expectCode(() => issueCertificate(rsaWanted), 'USAGE_INVALID');
  });

  it('refuses to issue from an end-entity certificate (CERT_KEY_USAGE)', () => {
    const leaf = issueCertificate({ issuer: p256Ca, oin: OIN, name: NAME, keyAlgorithm: 'p256' });
    expectCode(
      () => issueCertificate({ issuer: leaf, oin: OIN, name: 'Forged' }),
      'CERT_KEY_USAGE',
    );
    expectCode(() => createDevelopmentCa({ issuer: leaf }), 'CERT_KEY_USAGE');
  });

  it('refuses an issuer whose key is missing or not its own (CERT_INVALID)', () => {
    const swapped = { certificatePem: p256Ca.certificatePem, privateKeyPem: rsaCa.privateKeyPem };
    expectCode(() => issueCertificate({ issuer: swapped, oin: OIN, name: NAME }), 'CERT_INVALID');
    const keyless = { certificatePem: p256Ca.certificatePem, privateKeyPem: '' };
    expectCode(() => issueCertificate({ issuer: keyless, oin: OIN, name: NAME }), 'CERT_INVALID');
  });

  it('signs an intermediate CA with its parent, the key identifiers linking them', () => {
    const intermediate = createDevelopmentCa({ issuer: rsaCa, commonName: 'Knooppunt Sub CA' });
    const x509 = new X509Certificate(intermediate.certificatePem);
    const root = new X509Certificate(rsaCa.certificatePem);
    expect(x509.ca).to.equal(true);
    expect(x509.checkIssued(root)).to.equal(true); // OpenSSL also matches AKI against SKI here
    expect(x509.verify(root.publicKey)).to.equal(true);
    expect(x509.verify(x509.publicKey)).to.equal(false);
    expect(
      createPublicKey(createPrivateKey(intermediate.privateKeyPem)).equals(x509.publicKey),
    ).to.equal(true);
  });
});
