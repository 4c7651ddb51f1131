import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';
import type { IssuedCertificate } from '../../../src/pki/issue.ts';
import { inspectCertificate, parseCertificate, TrustStore } from '@knooppunt/standard';
import type { KeyAlgorithm } from '../../../src/pki/keys.ts';
import {
  openssl,
  removeTemporaryDir,
  requireOpenssl,
  temporaryDir,
  writeTemporary,
} from './pki_fixtures.ts';

const OIN = '00000001002220647000';
const ALGORITHMS: readonly KeyAlgorithm[] = ['p256', 'rsa-3072'];

/** openssl's own verdict, in strict X.509 mode (RFC 5280 checks OpenSSL makes). */
function opensslVerify(
  dir: string,
  ca: IssuedCertificate,
  leaf: IssuedCertificate,
  untrusted?: IssuedCertificate,
) {
  const caPath = writeTemporary(dir, 'ca.pem', ca.certificatePem);
  const leafPath = writeTemporary(dir, 'leaf.pem', leaf.certificatePem);
  const chain =
    untrusted === undefined
      ? []
      : ['-untrusted', writeTemporary(dir, 'sub.pem', untrusted.certificatePem)];
  return openssl(['verify', '-x509_strict', '-CAfile', caPath, ...chain, leafPath]);
}

describe('pki certificates judged by openssl', () => {
  const cas = new Map<KeyAlgorithm, IssuedCertificate>();
  let dir: string;

  before(function () {
    requireOpenssl(this);
    dir = temporaryDir();
    for (const algorithm of ALGORITHMS) {
      cas.set(algorithm, createDevelopmentCa({ keyAlgorithm: algorithm }));
    }
  });

  after(() => {
    if (dir !== undefined) removeTemporaryDir(dir);
  });

  for (const caAlgorithm of ALGORITHMS) {
    for (const leafAlgorithm of ALGORITHMS) {
      it(`openssl verify accepts a ${leafAlgorithm} leaf issued by a ${caAlgorithm} CA`, () => {
        const ca = cas.get(caAlgorithm) as IssuedCertificate;
        const leaf = issueCertificate({
          issuer: ca,
          oin: OIN,
          name: 'Gemeente Utrecht',
          keyAlgorithm: leafAlgorithm,
        });
        const result = opensslVerify(dir, ca, leaf);
        expect(result.status, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/: OK\n$/);
      });
    }
  }

  it('openssl verify rejects a leaf against a CA that did not issue it', () => {
    const leaf = issueCertificate({
      issuer: cas.get('p256') as IssuedCertificate,
      oin: OIN,
      name: 'Gemeente Utrecht',
      keyAlgorithm: 'p256',
    });
    const result = opensslVerify(dir, cas.get('rsa-3072') as IssuedCertificate, leaf);
    expect(result.status).to.not.equal(0);
  });

  it('openssl verify accepts a chain through a development intermediate CA', () => {
    const root = cas.get('rsa-3072') as IssuedCertificate;
    const intermediate = createDevelopmentCa({ issuer: root, commonName: 'Knooppunt Sub CA' });
    const leaf = issueCertificate({
      issuer: intermediate,
      oin: OIN,
      name: 'Gemeente Utrecht',
      keyAlgorithm: 'p256',
    });
    const result = opensslVerify(dir, root, leaf, intermediate);
    expect(result.status, result.stderr).to.equal(0);
  });

  it('the trust store accepts a chain made entirely by openssl', () => {
    const run = (args: readonly string[]): void => {
      const result = openssl(args, dir);
      expect(result.status, result.stderr).to.equal(0);
    };
    const p256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    run([
      'req',
      '-x509',
      ...p256,
      '-keyout',
      'o-ca.key',
      '-out',
      'o-ca.pem',
      '-days',
      '30',
      '-subj',
      '/C=NL/CN=OpenSSL CA',
    ]);
    run([
      'req',
      ...p256,
      '-keyout',
      'o-leaf.key',
      '-out',
      'o-leaf.csr',
      '-subj',
      `/C=NL/O=Test/serialNumber=${OIN}/CN=Test`,
    ]);
    writeTemporary(
      dir,
      'o-leaf.ext',
      'keyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n',
    );
    run([
      'x509',
      '-req',
      '-in',
      'o-leaf.csr',
      '-CA',
      'o-ca.pem',
      '-CAkey',
      'o-ca.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      'o-leaf.ext',
      '-out',
      'o-leaf.pem',
    ]);
    const leaf = parseCertificate(readFileSync(join(dir, 'o-leaf.pem'), 'utf8'));
    const trust = TrustStore.fromPem(readFileSync(join(dir, 'o-ca.pem'), 'utf8'));
    expect(() => trust.validateChain(leaf)).to.not.throw();
    expect(inspectCertificate(leaf)).to.include({ oin: OIN, digitalSignature: true, isCa: false });
  });
});
