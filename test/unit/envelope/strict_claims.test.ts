/**
 * Claim sets and JWS headers checked before use: a receipt whose claims are not a receipt's is
 * refused (RECEIPT_MALFORMED) instead of crashing its reader; a header with `crit` is refused
 * (RFC 7515 §4.1.11) and one with a name twice is no header.
 */
import { expect } from 'chai';
import {
  KnooppuntError,
  readJwsHeader,
  ReceiptSigner,
  signerFromPem,
  verifyReceipt,
} from '@knooppunt/standard';
import type { ReceiptClaims } from '@knooppunt/standard';
import { createDevelopmentCa, issueCertificate } from '../../../src/pki/issue.ts';

const now = new Date('2027-02-01T12:00:00.000Z');
const HUB = '00000001999999990000';

function codeOf(work: () => unknown): string {
  try {
    work();
    return 'ok';
  } catch (error) {
    if (error instanceof KnooppuntError) return error.code;
    throw error;
  }
}

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const segmentText = (text: string) => Buffer.from(text).toString('base64url');
const THUMB = 'A'.repeat(43);

describe('standard: claim sets and JWS headers are checked before use', () => {
  const ca = createDevelopmentCa({ now: () => now });
  const hub = issueCertificate({
    issuer: ca,
    oin: HUB,
    name: 'Knooppunt',
    role: 'hub',
    now: () => now,
  });
  const signer = signerFromPem(hub.privateKeyPem, hub.certificatePem);
  const receipts = new ReceiptSigner(signer, HUB);
  const good: ReceiptClaims = {
    hub: HUB,
    status: 'rejected',
    receivedAt: now.toISOString(),
    ledgerPosition: 'rejection:1#0',
    ledgerHash: 'h',
    reasons: [{ code: 'SCHEMA_INVALID', detail: 'x' }],
    reasonCount: 25,
  };

  it('reads a receipt of the right shape', () => {
    expect(verifyReceipt(receipts.sign(good), signer.certificate)).to.deep.equal(good);
  });

  it('refuses a verifying receipt whose claims are not a receipt’s', () => {
    for (const claims of [
      { ...good, status: 'maybe' },
      { ...good, reasons: 'none' },
      { ...good, reasons: [{ code: 1 }] },
      { ...good, ledgerHash: 7 },
      { ...good, messageId: { $ne: null } },
      { ...good, reasonCount: 'many' },
      { ...good, via: 'fax' },
    ]) {
      const receipt = receipts.sign(claims as unknown as ReceiptClaims);
      expect(
        codeOf(() => verifyReceipt(receipt, signer.certificate)),
        JSON.stringify(claims),
      ).to.equal('RECEIPT_MALFORMED');
    }
  });

  it('refuses a JWS header with crit, and reads one with a name twice as no header', () => {
    const header = { alg: 'ES256', typ: 'knooppunt-envelope+jwt', 'x5t#S256': THUMB };
    expect(readJwsHeader(`${segment(header)}.e30.sig`).thumbprint).to.equal(THUMB);
    expect(
      codeOf(() => readJwsHeader(`${segment({ ...header, crit: ['exp'] })}.e30.sig`)),
    ).to.equal('JWS_CRIT_UNSUPPORTED');
    expect(codeOf(() => readJwsHeader(`${segment({ ...header, crit: [] })}.e30.sig`))).to.equal(
      'JWS_CRIT_UNSUPPORTED',
    );
    const twice = `{"alg":"none","alg":"ES256","typ":"knooppunt-envelope+jwt","x5t#S256":"${THUMB}"}`;
    expect(codeOf(() => readJwsHeader(`${segmentText(twice)}.e30.sig`))).to.equal(
      'SIGNATURE_MALFORMED',
    );
  });
});
