/**
 * Reading and showing a hub receipt on the command line. A receipt file is either the compact
 * JWS itself or the JSON the hub answers on `POST /v1/messages` (`{…, "receipt": "…"}`), so a
 * saved `curl` answer can be checked as it is.
 */
import {
  parseStrictJson,
  readCertificateFile,
  UsageError,
  verifyReceipt,
} from '@knooppunt/standard';
import type { ReceiptClaims } from '@knooppunt/standard';
import { readTextFile } from './io.ts';
import type { CliIo } from './io.ts';

/** The compact JWS in a receipt file's text (pure). */
export function receiptFromText(text: string, file: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  let document: unknown;
  try {
    document = parseStrictJson(trimmed, { malformed: 'FILE_UNREADABLE' });
  } catch (error) {
    throw new UsageError('FILE_UNREADABLE', `${file} is not JSON: ${(error as Error).message}`);
  }
  const receipt = (document as { receipt?: unknown } | null)?.receipt;
  if (typeof receipt !== 'string') {
    throw new UsageError('USAGE_INVALID', `${file} has no "receipt" field`);
  }
  return receipt;
}

/** Verifies the receipt in `file` with the hub certificate in `certFile`; returns its claims. */
export function verifyReceiptFile(file: string, certFile: string): ReceiptClaims {
  const receipt = receiptFromText(readTextFile(file), file);
  return verifyReceipt(receipt, readCertificateFile(certFile));
}

/** Prints a verified receipt: status, message, ledger position and every reason. */
export function printReceipt(io: CliIo, claims: ReceiptClaims): void {
  io.out(`valid receipt: ${claims.status}`);
  io.out(`messageId:       ${claims.messageId ?? '(none)'}`);
  if (claims.sender !== undefined || claims.recipient !== undefined) {
    io.out(`from → to:       ${claims.sender ?? '?'} → ${claims.recipient ?? '?'}`);
  }
  io.out(`receivedAt:      ${claims.receivedAt}`);
  io.out(`ledgerPosition:  ${claims.ledgerPosition}`);
  io.out(`ledgerHash:      ${claims.ledgerHash}`);
  if (claims.reasons.length === 0) {
    io.out('reasons:         (none)');
    return;
  }
  io.out('reasons:');
  for (const reason of claims.reasons) {
    io.out(`  ${reason.code}: ${reason.detail}${reason.pointer ? ` (${reason.pointer})` : ''}`);
  }
}
