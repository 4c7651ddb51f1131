/**
 * Attachment references (standard 2.1): the signed payload names each document by its SHA-256,
 * size and media type (defs-2.1 `bijlage`); the document itself travels as a part of its own.
 * These pure functions find the references in a validated payload, so the hub, the SDK and the
 * tests agree on which documents a message needs without a list of where each type keeps them.
 */
import { createHash } from 'node:crypto';
import { AttachmentError } from '../errors.ts';
import { SHA256_HEX } from './limits.ts';

/** One document a payload references (the fields of defs-2.1 `bijlage` the parts depend on). */
export interface AttachmentReference {
  /** SHA-256 of the document, lowercase hexadecimal. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly grootte: number;
  readonly mediaType: string;
  readonly bestandsnaam: string;
  /** What it is (`rechterlijke-uitspraak`, `toestemmingsverklaring`, `overig`). */
  readonly soort?: string;
}

/**
 * Every attachment reference in `payload`, each digest once, in the order found: any object
 * with a hexadecimal `sha256`, a numeric `grootte` and a `mediaType` — the shape of defs-2.1
 * `bijlage`, which nothing else in the standard has. Run it on a payload its schema validated.
 */
export function attachmentReferences(payload: unknown): AttachmentReference[] {
  const found = new Map<string, AttachmentReference>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const candidate = value as Record<string, unknown>;
    if (isReference(candidate)) {
      if (!found.has(candidate.sha256)) found.set(candidate.sha256, candidate);
      return;
    }
    Object.values(candidate).forEach(visit);
  };
  visit(payload);
  return [...found.values()];
}

function isReference(
  value: Record<string, unknown>,
): value is Record<string, unknown> & AttachmentReference {
  return (
    typeof value['sha256'] === 'string' &&
    SHA256_HEX.test(value['sha256']) &&
    typeof value['grootte'] === 'number' &&
    typeof value['mediaType'] === 'string'
  );
}

/** SHA-256 of `bytes` in lowercase hexadecimal: an attachment's name. */
export function attachmentDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks a document against the reference in the signed payload: its SHA-256 and its size.
 * A recipient runs it on the bytes it will use — in a sealed exchange, on the decrypted bytes
 * — since the hub checks only what it stores.
 *
 * @throws AttachmentError `ATTACHMENT_DIGEST_MISMATCH` when they differ
 */
export function verifyAttachment(reference: AttachmentReference, bytes: Uint8Array): void {
  const digest = attachmentDigest(bytes);
  if (digest !== reference.sha256 || bytes.length !== reference.grootte) {
    throw new AttachmentError(
      'ATTACHMENT_DIGEST_MISMATCH',
      `the document has ${bytes.length} bytes with SHA-256 ${digest}; the message names ${reference.grootte} bytes with ${reference.sha256}`,
    );
  }
}
