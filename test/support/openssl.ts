/**
 * A CA and a participant made with the `openssl` command line, not by our code: the proof that
 * Knooppunt interoperates with certificates it did not issue itself.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
