/**
 * The attachment step of the pipeline (standard 2.1): every document a message references by
 * SHA-256 must have been uploaded by its sender, with the size and media type the reference
 * gives; then the uploads are bound to the message, before it is stored, so a stored message
 * never lacks its documents (a retry after a crash binds again, which does nothing); when the
 * message is then not stored, the pipeline drops the copies again (Pipeline.#dropUnstored). The hub
 * checks digest and size only — it never opens a document.
 */
import { ATTACHMENTS_MAX_TOTAL_BYTES } from '@knooppunt/standard';
import type { AttachmentReference, Reason } from '@knooppunt/standard';
import type { AttachmentMeta, AttachmentStore } from '../ledger/attachments.ts';
import type { NewLedgerEvent } from '../ledger/types.ts';
import { Rejection } from './rejection.ts';

/** What the step needs of the ledger: the uploads, binding, and undoing a binding. */
export type AttachmentBinding = Pick<
  AttachmentStore,
  'getUpload' | 'bindAttachments' | 'dropAttachments'
>;

/**
 * Why the uploads do not answer the references (pure): one reason per reference not uploaded
 * (`ATTACHMENT_MISSING`) or uploaded otherwise (`ATTACHMENT_MISMATCH`), and one when the
 * references add up to more than a message may carry.
 */
export function attachmentReasons(
  references: readonly AttachmentReference[],
  uploads: ReadonlyMap<string, AttachmentMeta | undefined>,
): Reason[] {
  const reasons: Reason[] = [];
  const total = references.reduce((sum, reference) => sum + reference.grootte, 0);
  if (total > ATTACHMENTS_MAX_TOTAL_BYTES) {
    reasons.push({
      code: 'ATTACHMENT_MISMATCH',
      detail: `the attachments add up to ${total} bytes; a message carries at most ${ATTACHMENTS_MAX_TOTAL_BYTES}`,
    });
  }
  for (const reference of references) {
    const upload = uploads.get(reference.sha256);
    if (upload === undefined) {
      reasons.push({
        code: 'ATTACHMENT_MISSING',
        detail: `attachment ${reference.sha256} was not uploaded by the sender (or its upload expired)`,
      });
    } else if (upload.size !== reference.grootte || upload.mediaType !== reference.mediaType) {
      reasons.push({
        code: 'ATTACHMENT_MISMATCH',
        detail: `attachment ${reference.sha256} was uploaded with ${upload.size} bytes of ${upload.mediaType}; the message says ${reference.grootte} bytes of ${reference.mediaType}`,
      });
    }
  }
  return reasons;
}

/**
 * Checks the sender's uploads against the references and binds them to the message; throws a
 * Rejection when they do not answer (or an upload expired between the check and the binding).
 */
export async function bindReferencedAttachments(
  store: Pick<AttachmentStore, 'getUpload' | 'bindAttachments'> | undefined,
  ids: { readonly messageId: string; readonly sender: string; readonly at: string },
  references: readonly AttachmentReference[],
): Promise<void> {
  if (references.length === 0) return;
  const uploads = new Map<string, AttachmentMeta | undefined>();
  for (const { sha256 } of references) {
    uploads.set(sha256, await store?.getUpload(ids.sender, sha256));
  }
  const reasons = attachmentReasons(references, uploads);
  if (reasons.length > 0) throw new Rejection(reasons);
  const digests = references.map((reference) => reference.sha256);
  if (!(await store?.bindAttachments(ids.messageId, ids.sender, digests, ids.at))) {
    throw new Rejection([
      {
        code: 'ATTACHMENT_MISSING',
        detail: 'an attachment upload expired while the message was accepted',
      },
    ]);
  }
}

/**
 * The `received` event with the digests and sizes of the message's attachments, so the
 * ledger's hash chain (and `knooppunt ledger verify`) covers the documents too.
 */
export function withAttachmentDigests(
  event: NewLedgerEvent,
  references: readonly AttachmentReference[],
): NewLedgerEvent {
  if (references.length === 0) return event;
  const attachments = references.map(({ sha256, grootte }) => ({ sha256, size: grootte }));
  return { ...event, data: { ...event.data, attachments } };
}
