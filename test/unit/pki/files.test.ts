import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { pkiInit, pkiIssue, pkiPaths } from '../../../src/pki/files.ts';
import { DEFAULT_HUB_OIN } from '../../../src/devnet/dev_network.ts';
import { inspectCertificate } from '@knooppunt/standard';
import { expectCode, removeTemporaryDir, temporaryDir } from './pki_fixtures.ts';

const OIN = '00000001002220647000';

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

function certificateAt(path: string): X509Certificate {
  return new X509Certificate(readFileSync(path));
}

describe('pki/files', () => {
  let dir: string;

  beforeEach(() => {
    dir = join(temporaryDir(), 'certs');
  });

  afterEach(() => removeTemporaryDir(join(dir, '..')));

  it('pki init writes the CA and the hub certificate, keys 0600 in folders 0700', () => {
    const result = pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const paths = pkiPaths(dir);
    expect(result).to.include({ created: true, caCertPath: paths.caCert, caKeyPath: paths.caKey });
    for (const key of [paths.caKey, paths.hubKey]) expect(modeOf(key)).to.equal(0o600);
    for (const folder of [join(dir, 'ca'), join(dir, 'hub')])
      expect(modeOf(folder)).to.equal(0o700);
    const ca = certificateAt(paths.caCert);
    const hub = certificateAt(paths.hubCert);
    expect(ca.ca).to.equal(true);
    expect(hub.verify(ca.publicKey)).to.equal(true);
    expect(hub.checkPrivateKey(createPrivateKey(readFileSync(paths.hubKey)))).to.equal(true);
    expect(inspectCertificate(hub)).to.include({
      oin: DEFAULT_HUB_OIN,
      keyType: 'ec',
      namedCurve: 'P-256',
    });
  });

  it('pki init is idempotent: a second run keeps the CA and the hub certificate', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const paths = pkiPaths(dir);
    const before = [paths.caCert, paths.caKey, paths.hubCert, paths.hubKey].map((p) =>
      readFileSync(p, 'utf8'),
    );
    expect(pkiInit(dir, { hubOin: DEFAULT_HUB_OIN }).created).to.equal(false);
    const after = [paths.caCert, paths.caKey, paths.hubCert, paths.hubKey].map((p) =>
      readFileSync(p, 'utf8'),
    );
    expect(after).to.deep.equal(before);
  });

  it('pki init --force replaces the CA and reissues the hub certificate under it', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const paths = pkiPaths(dir);
    const oldCa = readFileSync(paths.caCert, 'utf8');
    expect(
      pkiInit(dir, { force: true, keyAlgorithm: 'rsa-3072', hubOin: DEFAULT_HUB_OIN }).created,
    ).to.equal(true);
    const ca = certificateAt(paths.caCert);
    expect(ca.toString()).to.not.equal(oldCa);
    expect(ca.publicKey.asymmetricKeyType).to.equal('rsa');
    expect(certificateAt(paths.hubCert).verify(ca.publicKey)).to.equal(true);
    expect(modeOf(paths.caKey)).to.equal(0o600);
  });

  it('pki init reissues the hub certificate when the hub OIN changes', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    pkiInit(dir, { hubOin: '00000001888888880000', hubName: 'Knooppunt Acceptatie' });
    expect(inspectCertificate(certificateAt(pkiPaths(dir).hubCert))).to.include({
      oin: '00000001888888880000',
      subjectName: 'Knooppunt Acceptatie',
    });
  });

  it('pki init refuses a folder with half a CA (USAGE_INVALID)', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    rmSync(pkiPaths(dir).caKey);
    expectCode(() => pkiInit(dir, { hubOin: DEFAULT_HUB_OIN }), 'USAGE_INVALID');
    expect(pkiInit(dir, { force: true, hubOin: DEFAULT_HUB_OIN }).created).to.equal(true);
  });

  it('pki issue writes participants/<oin>/cert.pem and key.pem (0600) under the CA', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const { certPath, keyPath, created } = pkiIssue(dir, {
      oin: OIN,
      name: 'Gemeente Utrecht',
      keyAlgorithm: 'p256',
    });
    expect(created).to.equal(true);
    expect(certPath).to.equal(join(dir, 'participants', OIN, 'cert.pem'));
    expect(keyPath).to.equal(join(dir, 'participants', OIN, 'key.pem'));
    expect(modeOf(keyPath)).to.equal(0o600);
    expect(modeOf(join(dir, 'participants', OIN))).to.equal(0o700);
    const certificate = certificateAt(certPath);
    expect(certificate.verify(certificateAt(pkiPaths(dir).caCert).publicKey)).to.equal(true);
    expect(certificate.checkPrivateKey(createPrivateKey(readFileSync(keyPath)))).to.equal(true);
    expect(inspectCertificate(certificate)).to.include({
      oin: OIN,
      subjectName: 'Gemeente Utrecht',
    });
  });

  it('pki issue is idempotent, and issues anew when the request or the CA changes', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const request = { oin: OIN, name: 'Gemeente Utrecht', keyAlgorithm: 'p256' as const };
    const first = pkiIssue(dir, request);
    const pem = readFileSync(first.certPath, 'utf8');
    expect(pkiIssue(dir, request).created).to.equal(false);
    expect(readFileSync(first.certPath, 'utf8')).to.equal(pem);
    expect(pkiIssue(dir, { ...request, name: 'Gemeente Utrecht (SHV)' }).created).to.equal(true);
    pkiInit(dir, { force: true, hubOin: DEFAULT_HUB_OIN });
    expect(pkiIssue(dir, { ...request, name: 'Gemeente Utrecht (SHV)' }).created).to.equal(true);
    expect(
      pkiIssue(dir, { ...request, name: 'Gemeente Utrecht (SHV)', force: true }).created,
    ).to.equal(true);
  });

  it('pki issue reissues a certificate that expired by the injected clock', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    const request = {
      oin: OIN,
      name: 'Gemeente Utrecht',
      keyAlgorithm: 'p256' as const,
      validDays: 1,
    };
    pkiIssue(dir, request);
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(pkiIssue(dir, { ...request, now: () => later }).created).to.equal(true);
  });

  it('pki issue without a CA fails with FILE_UNREADABLE', () => {
    expectCode(() => pkiIssue(dir, { oin: OIN, name: 'Gemeente Utrecht' }), 'FILE_UNREADABLE');
  });

  it('pki issue refuses an OIN that is not 20 digits before it touches the disk', () => {
    pkiInit(dir, { hubOin: DEFAULT_HUB_OIN });
    expectCode(() => pkiIssue(dir, { oin: '../../../tmp/x', name: 'Evil' }), 'USAGE_INVALID');
    expect(existsSync(join(dir, 'participants'))).to.equal(false);
  });
});
