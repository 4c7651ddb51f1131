import { X509Certificate, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  formatName,
  inspectCertificate,
  isValidOinSyntax,
  thumbprintOf,
} from '@knooppunt/standard';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../../src/pki/issue.ts';
import {
  expectCode,
  openssl,
  removeTemporaryDir,
  requireOpenssl,
  temporaryDir,
} from './pki_fixtures.ts';

const OIN = '00000003273111110000';

/** An openssl-made self-signed certificate, its key made by openssl too. */
function opensslCertificate(dir: string, name: string, args: readonly string[]): X509Certificate {
  const result = openssl(
    [
      'req',
      '-x509',
      '-nodes',
      '-days',
      '30',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      ...args,
    ],
    dir,
  );
  expect(result.status, result.stderr).to.equal(0);
  return new X509Certificate(readFileSync(join(dir, `${name}.pem`)));
}

describe('pki/inspect', () => {
  let ca: IssuedCertificate;
  let rsaLeaf: IssuedCertificate;
  let ecLeaf: IssuedCertificate;
  let dir: string;

  before(() => {
    ca = createDevelopmentCa({ commonName: 'Inspect Test CA' });
    rsaLeaf = issueCertificate({ issuer: ca, oin: OIN, name: 'Energie Direct B.V.' });
    ecLeaf = issueCertificate({
      issuer: ca,
      oin: OIN,
      name: 'Energie Direct B.V.',
      keyAlgorithm: 'p256',
    });
    dir = temporaryDir();
  });

  after(() => removeTemporaryDir(dir));

  it('reads the OIN, names, issuer, serial and dates of a participant certificate', () => {
    const x509 = new X509Certificate(rsaLeaf.certificatePem);
    const info = inspectCertificate(rsaLeaf.certificatePem);
    expect(info.oin).to.equal(OIN);
    expect(info.subjectName).to.equal('Energie Direct B.V.');
    expect(info.organisation).to.equal('Energie Direct B.V.');
    expect(info.issuer).to.equal('C=NL, O=Knooppunt (development), CN=Inspect Test CA');
    expect(info.serialNumber).to.equal(x509.serialNumber);
    expect(info.validFrom).to.deep.equal(new Date(x509.validFrom));
    expect(info.validTo).to.deep.equal(new Date(x509.validTo));
    expect(Object.isFrozen(info)).to.equal(true);
  });

  it('computes x5t#S256 as unpadded base64url SHA-256 of the DER, like an independent hash', () => {
    const body = ecLeaf.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    const expected = createHash('sha256')
      .update(Buffer.from(body, 'base64'))
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    const x509 = new X509Certificate(ecLeaf.certificatePem);
    expect(thumbprintOf(x509)).to.equal(expected);
    expect(inspectCertificate(x509).thumbprint).to.equal(expected);
    expect(expected).to.have.length(43);
  });

  it('says an end-entity certificate may sign and is no CA, and the CA the reverse', () => {
    const leaf = inspectCertificate(ecLeaf.certificatePem);
    const root = inspectCertificate(ca.certificatePem);
    expect([leaf.digitalSignature, leaf.isCa]).to.deep.equal([true, false]);
    expect([root.digitalSignature, root.isCa]).to.deep.equal([false, true]);
    expect(root.oin).to.equal(undefined);
  });

  it('describes RSA keys by modulus length and EC keys by JOSE curve name', () => {
    const rsa = inspectCertificate(rsaLeaf.certificatePem);
    const ec = inspectCertificate(ecLeaf.certificatePem);
    expect([rsa.keyType, rsa.keyBits, rsa.namedCurve]).to.deep.equal(['rsa', 3072, undefined]);
    expect([ec.keyType, ec.keyBits, ec.namedCurve]).to.deep.equal(['ec', undefined, 'P-256']);
  });

  it('reads an openssl-made P-256 certificate with the OIN in its subject serialNumber', function () {
    requireOpenssl(this);
    const x509 = opensslCertificate(dir, 'openssl-leaf', [
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
      '-subj', '/C=NL/O=Test/serialNumber=00000003123456780000/CN=Test',
      '-addext', 'keyUsage=critical,digitalSignature',
      '-addext', 'basicConstraints=critical,CA:FALSE',
    ]); // prettier-ignore
    const info = inspectCertificate(x509);
    expect(info.oin).to.equal('00000003123456780000');
    expect([info.subjectName, info.organisation]).to.deep.equal(['Test', 'Test']);
    expect(info.issuer).to.equal('C=NL, O=Test, serialNumber=00000003123456780000, CN=Test');
    expect([info.keyType, info.namedCurve]).to.deep.equal(['ec', 'P-256']);
    expect([info.digitalSignature, info.isCa]).to.deep.equal([true, false]);
    expect(info.serialNumber).to.equal(x509.serialNumber);
  });

  it('reports basicConstraints cA as isCa, also where keyUsage lacks keyCertSign', function () {
    requireOpenssl(this);
    const x509 = opensslCertificate(dir, 'openssl-ca', [
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
      '-subj', '/C=NL/O=Test/serialNumber=00000003123456780000/CN=Test',
      '-addext', 'keyUsage=critical,digitalSignature',
    ]); // prettier-ignore
    // openssl's default config adds basicConstraints CA:TRUE. Node's x509.ca is OpenSSL's
    // X509_check_ca, which also wants keyCertSign; isCa reads basicConstraints alone.
    expect(inspectCertificate(x509).isCa).to.equal(true);
    expect(x509.ca).to.equal(false);
  });

  it('gives no OIN when the serialNumber is not 20 digits, and no signing without keyUsage', function () {
    requireOpenssl(this);
    const x509 = opensslCertificate(dir, 'openssl-other', [
      '-newkey', 'rsa:2048',
      '-subj', '/O=Elders/serialNumber=NTRNL-12345678',
      '-addext', 'basicConstraints=critical,CA:FALSE',
    ]); // prettier-ignore
    const info = inspectCertificate(x509);
    expect(info.oin).to.equal(undefined);
    expect(info.subjectName).to.equal('Elders'); // no CN: the organisation
    expect([info.keyType, info.keyBits]).to.deep.equal(['rsa', 2048]);
    expect(info.digitalSignature).to.equal(false);
  });

  it('refuses a certificate whose key is neither RSA nor EC with CERT_INVALID', function () {
    requireOpenssl(this);
    const x509 = opensslCertificate(dir, 'openssl-ed25519', [
      '-newkey',
      'ed25519',
      '-subj',
      '/CN=Ed',
    ]);
    expectCode(() => inspectCertificate(x509), 'CERT_INVALID');
  });

  it('refuses text that is not a certificate with CERT_INVALID', () => {
    expectCode(() => inspectCertificate('not a certificate'), 'CERT_INVALID');
    expectCode(() => inspectCertificate(ca.privateKeyPem), 'CERT_INVALID');
  });

  it('accepts exactly twenty ASCII digits as an OIN', () => {
    expect(isValidOinSyntax('00000001002220647000')).to.equal(true);
    for (const bad of [
      '0000000100222064700',
      '000000010022206470000',
      '0000000100222064700a',
      '',
      '０００００００１００２２２０６４７０００',
    ]) {
      expect(isValidOinSyntax(bad), bad).to.equal(false);
    }
  });

  it('formats names on one line in certificate order', () => {
    expect(
      formatName([
        { oid: '2.5.4.6', value: 'NL' },
        { oid: '2.5.4.11', value: 'Schulden' },
        { oid: '1.2.3.4', value: 'x' },
      ]),
    ).to.equal('C=NL, OU=Schulden, 1.2.3.4=x');
  });
});
