import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createDevelopmentCa } from '../../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../../src/pki/issue.ts';
import {
  parseCertificate,
  readCertificateBundleFile,
  readCertificateFile,
  readPrivateKeyFile,
  splitPemBundle,
  toPem,
} from '@knooppunt/standard';
import { expectCode, removeTemporaryDir, temporaryDir, writeTemporary } from './pki_fixtures.ts';

describe('pki/pem', () => {
  let first: IssuedCertificate;
  let second: IssuedCertificate;
  let dir: string;

  before(() => {
    first = createDevelopmentCa({ commonName: 'First' });
    second = createDevelopmentCa({ commonName: 'Second' });
    dir = temporaryDir();
  });

  after(() => removeTemporaryDir(dir));

  it('splits a bundle into its certificates, skipping comments and key blocks', () => {
    const text = `# roots\n${first.certificatePem}${first.privateKeyPem}\nnote\n${second.certificatePem}`;
    const blocks = splitPemBundle(text);
    expect(blocks).to.deep.equal([first.certificatePem, second.certificatePem]);
    expect(splitPemBundle('no certificates here')).to.deep.equal([]);
  });

  it('encodes DER as PEM in 64-character lines that parse back to the same certificate', () => {
    const certificate = parseCertificate(first.certificatePem);
    const pem = toPem(certificate.raw);
    expect(pem).to.equal(first.certificatePem);
    const lines = pem.trim().split('\n').slice(1, -1);
    expect(lines.slice(0, -1).every((line) => line.length === 64)).to.equal(true);
    expect(parseCertificate(certificate.raw).fingerprint256).to.equal(certificate.fingerprint256);
  });

  it('reads a certificate file in PEM or DER; a chain file yields its first certificate', () => {
    const der = join(dir, 'first.der');
    writeFileSync(der, parseCertificate(first.certificatePem).raw);
    const chain = writeTemporary(dir, 'chain.pem', first.certificatePem + second.certificatePem);
    const expected = parseCertificate(first.certificatePem).fingerprint256;
    expect(readCertificateFile(der).fingerprint256).to.equal(expected);
    expect(readCertificateFile(chain).fingerprint256).to.equal(expected);
    expect(readCertificateBundleFile(chain)).to.have.length(2);
  });

  it('reports a missing file as FILE_UNREADABLE and a file without certificate as CERT_INVALID', () => {
    expectCode(() => readCertificateFile(join(dir, 'missing.pem')), 'FILE_UNREADABLE');
    const junk = writeTemporary(dir, 'junk.pem', 'hello');
    expectCode(() => readCertificateFile(junk), 'CERT_INVALID');
    expectCode(() => readCertificateBundleFile(junk), 'CERT_INVALID');
  });

  it('reads a PKCS#8 private key file, and reports a non-key as FILE_UNREADABLE', () => {
    const key = writeTemporary(dir, 'key.pem', first.privateKeyPem);
    expect(readPrivateKeyFile(key).asymmetricKeyType).to.equal('ec');
    expectCode(
      () => readPrivateKeyFile(writeTemporary(dir, 'nokey.pem', first.certificatePem)),
      'FILE_UNREADABLE',
    );
  });
});
