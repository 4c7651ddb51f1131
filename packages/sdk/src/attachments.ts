/**
 * Documents a message carries by reference (standard 2.1): the payload names each by SHA-256
 * and size (`bijlage`), the document travels as a part of its own, sent before the message.
 * Both clients' `send` take the documents and find, for each reference, the one it names.
 */
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentError,
  attachmentDigest,
  attachmentReferences,
} from '@knooppunt/standard';
import type { AttachmentReference, SignedMessage } from '@knooppunt/standard';

/** What `send` may be given besides the message. */
export interface SendOptions {
  /**
   * The documents the payload references (in any order); each is uploaded before the message.
   * @defaultValue none
   */
  readonly attachments?: readonly Uint8Array[];
}

/** A reference with the document it names. */
export interface ReferencedDocument {
  readonly reference: AttachmentReference;
  readonly bytes: Uint8Array;
}

/**
 * The document of each reference in `message`'s payload, in the payload's order.
 *
 * @throws AttachmentError `ATTACHMENT_MISSING` when a reference names a document not given,
 * `ATTACHMENT_MISMATCH` when its size differs from the reference, `ATTACHMENT_TOO_LARGE` when
 * it is larger than the standard allows (ATTACHMENT_MAX_BYTES) — before anything is sent
 */
export function documentsFor(
  message: SignedMessage,
  documents: readonly Uint8Array[],
): ReferencedDocument[] {
  const references = attachmentReferences(message.payload);
  if (references.length === 0) return [];
  const byDigest = new Map(documents.map((bytes) => [attachmentDigest(bytes), bytes]));
  return references.map((reference) => {
    const bytes = byDigest.get(reference.sha256);
    if (bytes === undefined) {
      throw new AttachmentError(
        'ATTACHMENT_MISSING',
        `the message references document ${reference.sha256}, which was not given to send`,
      );
    }
    if (bytes.length > ATTACHMENT_MAX_BYTES) {
      throw new AttachmentError(
        'ATTACHMENT_TOO_LARGE',
        `document ${reference.sha256} has ${bytes.length} bytes; at most ${ATTACHMENT_MAX_BYTES} are accepted`,
      );
    }
    if (bytes.length !== reference.grootte) {
      throw new AttachmentError(
        'ATTACHMENT_MISMATCH',
        `document ${reference.sha256} has ${bytes.length} bytes; the reference says ${reference.grootte}`,
      );
    }
    return { reference, bytes };
  });
}
