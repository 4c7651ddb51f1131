/**
 * A CA and a participant made with the `openssl` command line, not by our code: the proof that
 * Knooppunt interoperates with certificates it did not issue itself; and a self-signed
 * participant certificate dated at a test's clock.
 */
import { spawnSync } from 'node:child_process';
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from '@knooppunt/standard';
import type { Signer } from '@knooppunt/standard';

/** Paths of the files openssl made. */
export interface OpensslPki {
  readonly dir: string;
  readonly caCertPath: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

function openssl(args: readonly string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0] ?? ''} failed: ${result.stderr}`);
}

/** Makes a P-256 CA and a participant (`rsa:3072` or `ec`) with the OIN in serialNumber. */
export function makeOpensslPki(oin: string, key: 'rsa' | 'ec' = 'rsa'): OpensslPki {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-openssl-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '30',
      '-subj',
      '/C=NL/O=OpenSSL Test CA/CN=OpenSSL Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  const newkey =
    key === 'rsa'
      ? ['-newkey', 'rsa:3072']
      : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  openssl(
    [
      'req',
      '-new',
      ...newkey,
      '-nodes',
      '-keyout',
      'participant.key',
      '-out',
      'participant.csr',
      '-subj',
      `/C=NL/O=Gemeente Testdorp/serialNumber=${oin}/CN=Gemeente Testdorp`,
    ],
    dir,
  );
  writeFileSync(
    join(dir, 'ext.cnf'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'participant.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'participant.pem',
      '-days',
      '30',
      '-sha256',
      '-extfile',
      'ext.cnf',
    ],
    dir,
  );
  const path = (name: string): string => join(dir, name);
  return {
    dir,
    caCertPath: path('ca.pem'),
    certPath: path('participant.pem'),
    keyPath: path('participant.key'),
    caCertPem: readFileSync(path('ca.pem'), 'utf8'),
    certPem: readFileSync(path('participant.pem'), 'utf8'),
    keyPem: readFileSync(path('participant.key'), 'utf8'),
  };
}

/**
 * A self-signed end-entity certificate (cA FALSE, digitalSignature) naming `oin`, valid from
 * `at` for a year: made with `openssl ca -selfsign`, which takes its dates from the caller
 * (`openssl req -x509` would take them from the system clock).
 */
export function makeSelfSignedLeaf(oin: string, at: Date): Signer {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-selfsigned-'));
  const stamp = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`;
  const openssl = (args: readonly string[]): void => {
    const result = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  try {
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = self',
        '[self]',
        'database = index.txt',
        'new_certs_dir = .',
        'serial = serial',
        'default_md = sha256',
        'policy = any',
        'copy_extensions = none',
        'unique_subject = no',
        '[any]',
        'serialNumber = supplied',
        'commonName = supplied',
        '[leaf]',
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'serial'), `${randomUUID().replace(/-/g, '').slice(0, 16)}\n`);
    openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'key.pem',
      '-out',
      'req.pem',
      '-subj',
      `/C=NL/O=Zelf/CN=Zelf/serialNumber=${oin}`,
    ]);
    openssl([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-selfsign',
      '-keyfile',
      'key.pem',
      '-in',
      'req.pem',
      '-out',
      'cert.pem',
      '-extensions',
      'leaf',
      '-notext',
      '-startdate',
      stamp(at),
      '-enddate',
      stamp(new Date(at.getTime() + 365 * 86_400_000)),
    ]);
    return createSigner(
      createPrivateKey(readFileSync(join(dir, 'key.pem'), 'utf8')),
      new X509Certificate(readFileSync(join(dir, 'cert.pem'), 'utf8')),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
