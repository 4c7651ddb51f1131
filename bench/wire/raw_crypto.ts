/**
 * The cryptographic floor of a message, measured on the same messages the hub took: one raw
 * `crypto.verify` of the sender's ES256 signature (its JWS signing input, as sent) and one raw
 * `crypto.sign` of a receipt over the same input with a P-256 key, synchronously on one core —
 * the least any hub that checks and receipts a message must spend.
 */
import { sign, verify } from 'node:crypto';
import type { Signer } from '@knooppunt/standard';
import type { Shot } from './cast.ts';

/** Verify + sign pairs per second over `shots` (their senders' signers by OIN). */
export function rawCryptoRate(
  shots: readonly Shot[],
  signers: ReadonlyMap<string, Signer>,
  receiptSigner: Signer,
): number {
  const inputs = shots.map((shot) => {
    const { signature } = JSON.parse(shot.body) as { signature: string };
    const [header, claims, value] = signature.split('.');
    const signer = signers.get(shot.sender) as Signer;
    return {
      input: Buffer.from(`${header ?? ''}.${claims ?? ''}`),
      signature: Buffer.from(value ?? '', 'base64url'),
      key: signer.certificate.publicKey,
    };
  });
  const receiptKey = { key: receiptSigner.privateKey, dsaEncoding: 'ieee-p1363' as const };
  const start = performance.now();
  for (const { input, signature, key } of inputs) {
    if (!verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature)) {
      throw new Error('raw crypto: a signature the hub accepted does not verify');
    }
    sign('sha256', input, receiptKey);
  }
  return (inputs.length * 1000) / (performance.now() - start);
}
