import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { main } from '../../../src/cli/main.ts';
import { makeOpensslPki } from '../../support/openssl.ts';
import { OIN } from '../../support/pki_fixtures.ts';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function knooppunt(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'knooppunt', ...args], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const EXAMPLES = new URL(
  '../../../packages/standard/schemas/examples/saldoverzoek-2.0/',
  import.meta.url,
);
function examplePayload(): unknown {
  const file = readdirSync(EXAMPLES).find((name) => name.startsWith('valid-')) ?? '';
  return JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8'));
}

function unsignedMessage(dir: string, sender: string): string {
  const path = join(dir, 'message.json');
  const envelope = {
    module: 'schuldinventarisatie',
    messageType: 'saldoverzoek',
    version: '2.0',
    sender,
    recipient: OIN.energie,
  };
  writeFileSync(path, JSON.stringify({ envelope, payload: examplePayload() }));
  return path;
}

describe('knooppunt command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-cli-'));
  const pkiDir = join(dir, 'certs');

  it('pki init creates the CA and hub certificate, keys with mode 0600, and is idempotent', async () => {
    const first = await knooppunt('pki', 'init', '--dir', pkiDir);
    expect(first.code, first.err).to.equal(0);
    expect(first.out).to.match(/^created: /);
    for (const key of [join(pkiDir, 'ca', 'ca.key.pem')]) {
      expect(statSync(key).mode & 0o777).to.equal(0o600);
    }
    const again = await knooppunt('pki', 'init', '--dir', pkiDir);
    expect(again.out).to.match(/^exists: /);
  });

  it('pki issue writes a participant certificate whose inspection shows the OIN', async () => {
    const issued = await knooppunt(
      'pki',
      'issue',
      '--oin',
      OIN.gemeente,
      '--name',
      'Gemeente Utrecht',
      '--dir',
      pkiDir,
    );
    expect(issued.code, issued.err).to.equal(0);
    const certPath = join(pkiDir, 'participants', OIN.gemeente, 'cert.pem');
    expect(statSync(join(pkiDir, 'participants', OIN.gemeente, 'key.pem')).mode & 0o777).to.equal(
      0o600,
    );
    const inspected = await knooppunt('pki', 'inspect', certPath);
    expect(inspected.out).to.include(`oin:        ${OIN.gemeente}`);
    expect(inspected.out).to.include('rsa-3072');
  });

  it('pki issue refuses an OIN that is not 20 digits with exit 2 and USAGE_INVALID', async () => {
    const run = await knooppunt('pki', 'issue', '--oin', '12345', '--name', 'X', '--dir', pkiDir);
    expect(run.code).to.equal(2);
    expect(run.err).to.include('error USAGE_INVALID');
  });

  it('envelope sign then verify accepts the message (exit 0); a changed payload exits 1 with DIGEST_MISMATCH', async () => {
    const participant = join(pkiDir, 'participants', OIN.gemeente);
    const signed = await knooppunt(
      'envelope',
      'sign',
      '--key',
      join(participant, 'key.pem'),
      '--cert',
      join(participant, 'cert.pem'),
      unsignedMessage(dir, OIN.gemeente),
    );
    expect(signed.code, signed.err).to.equal(0);
    const signedPath = join(dir, 'signed.json');
    writeFileSync(signedPath, signed.out);
    const args = [
      'envelope',
      'verify',
      '--trust',
      join(pkiDir, 'ca', 'ca.pem'),
      '--cert',
      join(participant, 'cert.pem'),
    ];
    const valid = await knooppunt(...args, signedPath);
    expect(valid.code, valid.err).to.equal(0);
    expect(valid.out).to.match(/^valid: saldoverzoek 2\.0 /);

    const message = JSON.parse(signed.out) as {
      payload: { klantnummerSchuldhulpverlener: string };
    };
    message.payload.klantnummerSchuldhulpverlener += '9';
    const tamperedPath = join(dir, 'tampered.json');
    writeFileSync(tamperedPath, JSON.stringify(message));
    const tampered = await knooppunt(...args, tamperedPath);
    expect(tampered.code).to.equal(1);
    expect(tampered.err).to.match(/^error DIGEST_MISMATCH: /);
  });

  it('envelope verify reports CERT_UNTRUSTED against another trust bundle', async () => {
    const other = makeOpensslPki(OIN.gemeente, 'ec');
    const participant = join(pkiDir, 'participants', OIN.gemeente);
    const signed = await knooppunt(
      'envelope',
      'sign',
      '--key',
      join(participant, 'key.pem'),
      '--cert',
      join(participant, 'cert.pem'),
      unsignedMessage(dir, OIN.gemeente),
    );
    const signedPath = join(dir, 'signed-untrusted.json');
    writeFileSync(signedPath, signed.out);
    const run = await knooppunt(
      'envelope',
      'verify',
      '--trust',
      other.caCertPath,
      '--cert',
      join(participant, 'cert.pem'),
      signedPath,
    );
    expect(run.code).to.equal(1);
    expect(run.err).to.match(/^error CERT_UNTRUSTED: /);
  });

  it('signs with an openssl-made key and verifies against the openssl CA through the installed bin', () => {
    const made = makeOpensslPki(OIN.gemeente, 'rsa');
    const bin = new URL('../../../bin/knooppunt.js', import.meta.url).pathname;
    const sign = spawnSync(
      'node',
      [
        bin,
        'envelope',
        'sign',
        '--key',
        made.keyPath,
        '--cert',
        made.certPath,
        unsignedMessage(made.dir, OIN.gemeente),
      ],
      { encoding: 'utf8' },
    );
    expect(sign.status, sign.stderr).to.equal(0);
    const signedPath = join(made.dir, 'signed.json');
    writeFileSync(signedPath, sign.stdout);
    const verify = spawnSync(
      'node',
      [bin, 'envelope', 'verify', '--trust', made.caCertPath, '--cert', made.certPath, signedPath],
      { encoding: 'utf8' },
    );
    expect(verify.status, verify.stderr).to.equal(0);
    expect(verify.stdout).to.include('(PS256)');
  });

  it('schemas validate prints each offending JSON pointer with SCHEMA_INVALID', async () => {
    const participant = join(pkiDir, 'participants', OIN.gemeente);
    const signed = await knooppunt(
      'envelope',
      'sign',
      '--key',
      join(participant, 'key.pem'),
      '--cert',
      join(participant, 'cert.pem'),
      unsignedMessage(dir, OIN.gemeente),
    );
    const message = JSON.parse(signed.out) as { envelope: Record<string, unknown> };
    message.envelope['recipient'] = '123';
    const path = join(dir, 'bad-recipient.json');
    writeFileSync(path, JSON.stringify(message));
    const run = await knooppunt('schemas', 'validate', path);
    expect(run.code).to.equal(1);
    expect(run.err).to.match(/^error SCHEMA_INVALID/);
    expect(run.err).to.include('/envelope/recipient');
  });

  it('schemas changelog prints the changelog of the standard, or one version of it', async () => {
    const all = await knooppunt('schemas', 'changelog');
    expect(all.code, all.err).to.equal(0);
    expect(all.out).to.match(/^# Changelog of the Knooppunt message standard/);
    expect(all.out).to.include('\n## 2.1\n').and.include('\n## 2.0\n');
    const one = await knooppunt('schemas', 'changelog', '--version', '2.1');
    expect(one.code, one.err).to.equal(0);
    expect(one.out).to.match(/^## 2\.1\n/);
    expect(one.out).to.include('VERSION_NOT_ACCEPTED');
    expect(one.out).not.to.include('## 2.0');
    const none = await knooppunt('schemas', 'changelog', '--version', '9.9');
    expect(none.code).to.equal(2);
    expect(none.err).to.match(
      /^error USAGE_INVALID: the changelog has versions 2\.1, 2\.0, not 9\.9/,
    );
  });

  it('prints help for every subcommand', async () => {
    for (const command of [
      ['pki', 'issue'],
      ['envelope', 'verify'],
      ['schemas', 'validate'],
      ['start'],
    ]) {
      const run = await knooppunt(...command, '--help');
      expect(run.code, command.join(' ')).to.equal(0);
      expect(run.out).to.include('Usage: knooppunt');
    }
  });
});
