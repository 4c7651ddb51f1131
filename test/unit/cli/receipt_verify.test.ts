/**
 * `knooppunt envelope verify --receipt`: a receipt signed with the hub key of a development
 * PKI verifies against the hub certificate, as the bare JWS or inside the JSON answer of
 * `POST /v1/messages`; one changed byte, or another hub's certificate, fails with its code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEFAULT_HUB_OIN } from '../../../src/devnet/dev_network.ts';
import {
  createSigner,
  readCertificateFile,
  readPrivateKeyFile,
  ReceiptSigner,
} from '@knooppunt/standard';
import type { ReceiptClaims } from '@knooppunt/standard';
import { pkiInit } from '../../../src/pki/files.ts';
import { OIN } from '../../support/pki_fixtures.ts';
import { knooppunt } from './run_cli.ts';

const HUB_OIN = '00000001999999990000';
const MESSAGE_ID = '6f1c2b9e-4d0a-4c55-9a57-3e2f1d0c9b8a';

const ACCEPTED: ReceiptClaims = {
  hub: HUB_OIN,
  status: 'accepted',
  messageId: MESSAGE_ID,
  payloadDigest: 'x'.repeat(43),
  sender: OIN.gemeente,
  recipient: OIN.energie,
  receivedAt: '2026-11-23T09:00:00.000Z',
  ledgerPosition: `${MESSAGE_ID}#0`,
  ledgerHash: 'h'.repeat(43),
  reasons: [],
};

/** `text` with the character at `index` replaced by another base64url character. */
function flipAt(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('knooppunt envelope verify --receipt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'knooppunt-receipt-'));
  const hubPki = pkiInit(join(dir, 'pki'), { hubOin: DEFAULT_HUB_OIN });
  const otherPki = pkiInit(join(dir, 'other'), { hubOin: DEFAULT_HUB_OIN });
  const signer = createSigner(
    readPrivateKeyFile(hubPki.hubKeyPath),
    readCertificateFile(hubPki.hubCertPath),
  );
  const receipts = new ReceiptSigner(signer, HUB_OIN);
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const verify = (file: string, cert = hubPki.hubCertPath) =>
    knooppunt({ env: {} }, 'envelope', 'verify', '--receipt', '--cert', cert, file);

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts a receipt signed with the hub key and prints its status, message and ledger position', async () => {
    const run = await verify(write('receipt.jws', `${receipts.sign(ACCEPTED)}\n`));
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.include('valid receipt: accepted');
    expect(run.out).to.include(`messageId:       ${MESSAGE_ID}`);
    expect(run.out).to.include(`ledgerPosition:  ${MESSAGE_ID}#0`);
    expect(run.out).to.include('reasons:         (none)');
  });

  it('accepts the JSON answer of POST /v1/messages as saved by curl, and prints a rejection’s reasons', async () => {
    const rejected = receipts.sign({
      ...ACCEPTED,
      status: 'rejected',
      ledgerPosition: 'rejection:1#0',
      reasons: [
        {
          code: 'BSN_NOT_ALLOWED',
          detail: 'not a public body',
          pointer: '/payload/schuldenaar/bsn',
        },
      ],
    });
    const answer = { status: 'rejected', messageId: MESSAGE_ID, receipt: rejected };
    const run = await verify(write('answer.json', JSON.stringify(answer)));
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.include('valid receipt: rejected');
    expect(run.out).to.include('BSN_NOT_ALLOWED: not a public body (/payload/schuldenaar/bsn)');
  });

  it('rejects a receipt with one byte changed: exit 1 and SIGNATURE_INVALID on stderr', async () => {
    const receipt = receipts.sign(ACCEPTED);
    const claimsStart = receipt.indexOf('.') + 1;
    const run = await verify(write('flipped.jws', flipAt(receipt, claimsStart + 10)));
    expect(run.code).to.equal(1);
    expect(run.out).to.equal('');
    expect(run.err).to.match(/^error SIGNATURE_INVALID: /);

    const signatureStart = receipt.lastIndexOf('.') + 1;
    const inSignature = await verify(write('flipped-sig.jws', flipAt(receipt, signatureStart + 5)));
    expect(inSignature.code).to.equal(1);
    expect(inSignature.err).to.match(/^error SIGNATURE_INVALID: /);
  });

  it('rejects a receipt checked against another hub’s certificate with CERT_UNKNOWN', async () => {
    const run = await verify(write('other.jws', receipts.sign(ACCEPTED)), otherPki.hubCertPath);
    expect(run.code).to.equal(1);
    expect(run.err).to.match(/^error CERT_UNKNOWN: /);
  });

  it('a message (not a receipt) still needs --trust: exit 2 with USAGE_INVALID', async () => {
    const run = await knooppunt(
      { env: {} },
      ...['envelope', 'verify', '--cert', hubPki.hubCertPath, write('m.json', '{}')],
    );
    expect(run.code).to.equal(2);
    expect(run.err).to.match(/^error USAGE_INVALID: give --trust/);
  });
});
