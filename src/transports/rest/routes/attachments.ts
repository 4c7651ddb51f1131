/**
 * The attachment routes (standard 2.1; docs/api.md, "Attachments"):
 *
 * - `PUT /v1/attachments/{sha256}`: a sender uploads a document before the message that
 *   references it — the raw bytes, their media type as Content-Type. The hub checks that the
 *   bytes have that SHA-256 and at most ATTACHMENT_MAX_BYTES, and keeps them for the sender
 *   until a message takes them or the upload expires. 201 stored, 200 already there
 *   (idempotent: the same upload again renews its expiry).
 * - `GET /v1/messages/{id}/attachments/{sha256}`: the message's recipient (and its sender)
 *   fetch a document the message references, until its payload is removed (then 410).
 *   Portal users fetch the same at `GET /v1/portal/messages/{id}/attachments/{sha256}`
 *   (routes/portal.ts, their session instead of a token).
 *
 * The hub checks digest and size and never opens a document: what it stores it hands out as
 * it came (in a sealed exchange the bytes are ciphertext to the hub).
 */
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  attachmentDigest,
  attachmentReferences,
  SHA256_HEX,
} from '@knooppunt/standard';
import type { AttachmentMeta } from '../../../ledger/attachments.ts';
import type { MessageRecord } from '../../../ledger/types.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { participantOf } from '../request_context.ts';
import { mount } from '../routing.ts';

/** What an upload answers. */
export interface AttachmentUploadResult {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  /** When the upload expires unless a message references it first. */
  readonly expiresAt: string;
}

/** Mounts the attachment routes. */
export function mountAttachmentRoutes(router: Router, context: RestContext): void {
  const { authenticate } = context;
  mount(router, '/v1/attachments/:sha256', {
    put: [authenticate, ...readDocument(), (req, res) => upload(context, req, res)],
  });
  mount(router, '/v1/messages/:id/attachments/:sha256', {
    get: [authenticate, (req, res) => download(context, req, res)],
  });
}

/** The digest named in the path, checked before a byte of the body is read. */
export function digestParameter(req: Request): string {
  const sha256 = req.params['sha256'] as string;
  if (!SHA256_HEX.test(sha256)) {
    throw new HttpProblem(
      'USAGE_INVALID',
      'an attachment is named by its SHA-256 in lowercase hexadecimal (64 characters)',
    );
  }
  return sha256;
}

/**
 * Reads the raw document: one of ATTACHMENT_MEDIA_TYPES (else 415), at most
 * ATTACHMENT_MAX_BYTES (else 413 ATTACHMENT_TOO_LARGE — answered before reading when the
 * request declares more, and the connection closed).
 */
function readDocument(): RequestHandler[] {
  const check: RequestHandler = (req, _res, next) => {
    digestParameter(req);
    if (req.get('Content-Type') === undefined || req.is([...ATTACHMENT_MEDIA_TYPES]) === false) {
      throw new HttpProblem(
        'UNSUPPORTED_MEDIA_TYPE',
        `an attachment is ${ATTACHMENT_MEDIA_TYPES.join(' or ')}, not ${req.get('Content-Type') ?? 'untyped'}`,
      );
    }
    const encoding = (req.get('Content-Encoding') ?? 'identity').trim().toLowerCase();
    if (encoding === 'identity' && Number(req.get('Content-Length') ?? 0) > ATTACHMENT_MAX_BYTES) {
      throw tooLarge({ headers: { Connection: 'close' } });
    }
    next();
  };
  const raw = express.raw({ type: () => true, limit: ATTACHMENT_MAX_BYTES });
  const read: RequestHandler = (req, res, next: NextFunction) => {
    raw(req, res, (error?: unknown) => {
      if (error === undefined || error === null) {
        next();
        return;
      }
      const type = (error as { type?: unknown }).type;
      if (type === 'entity.too.large') next(tooLarge({ cause: error }));
      else if (type === 'encoding.unsupported') {
        next(
          new HttpProblem('UNSUPPORTED_MEDIA_TYPE', 'unsupported Content-Encoding', {
            cause: error,
          }),
        );
      } else
        next(
          new HttpProblem('USAGE_INVALID', 'the attachment cannot be read', {
            status: 400,
            cause: error,
          }),
        );
    });
  };
  return [check, read];
}

function tooLarge(options: { cause?: unknown; headers?: Record<string, string> }): HttpProblem {
  return new HttpProblem(
    'ATTACHMENT_TOO_LARGE',
    `an attachment has at most ${ATTACHMENT_MAX_BYTES} bytes`,
    options,
  );
}

async function upload(context: RestContext, req: Request, res: Response): Promise<void> {
  const sha256 = digestParameter(req);
  const body: unknown = req.body;
  const content = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (content.length === 0) {
    throw new HttpProblem('USAGE_INVALID', 'an attachment has at least one byte');
  }
  if (attachmentDigest(content) !== sha256) {
    throw new HttpProblem(
      'ATTACHMENT_DIGEST_MISMATCH',
      `the ${content.length} bytes sent do not have SHA-256 ${sha256}`,
    );
  }
  const now = context.clock.now();
  const meta: AttachmentMeta = {
    sha256,
    size: content.length,
    mediaType: (req.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
    owner: participantOf(res).oin,
    storedAt: now.toISOString(),
    expiresAt: new Date(
      now.getTime() + context.config.attachmentUploadTtlSeconds * 1000,
    ).toISOString(),
  };
  const outcome = await context.ledger.attachments.putUpload(meta, content);
  const result: AttachmentUploadResult = {
    sha256,
    size: meta.size,
    mediaType: meta.mediaType,
    expiresAt: meta.expiresAt as string,
  };
  res.status(outcome === 'created' ? 201 : 200).json(result);
}

async function download(context: RestContext, req: Request, res: Response): Promise<void> {
  const me = participantOf(res).oin;
  const id = req.params['id'] as string;
  const sha256 = digestParameter(req);
  const record = await context.ledger.getMessage(id);
  if (record === undefined) throw new HttpProblem('MESSAGE_NOT_FOUND', `no message with id ${id}`);
  if (record.recipient !== me && record.sender !== me) {
    throw new HttpProblem(
      'FORBIDDEN',
      "only a message's recipient and sender fetch its attachments",
    );
  }
  await sendAttachment(context, record, sha256, res);
}

/**
 * Answers a document of `record` (its recipient or sender asked: the caller checked), the
 * same for the participant API and the portal (routes/portal.ts): 410 once the payload is
 * gone, 404 ATTACHMENT_NOT_FOUND for a digest the payload does not reference.
 */
export async function sendAttachment(
  context: RestContext,
  record: MessageRecord,
  sha256: string,
  res: Response,
): Promise<void> {
  const id = record.messageId;
  if (record.status === 'expired' || record.payload === null) {
    throw new HttpProblem(
      'MESSAGE_NOT_FOUND',
      `message ${id} is gone, and its attachments with its payload`,
      { status: 410 },
    );
  }
  const referenced = attachmentReferences(record.payload).some((ref) => ref.sha256 === sha256);
  const stored = referenced
    ? await context.ledger.attachments.readAttachment(id, sha256)
    : undefined;
  if (stored === undefined) {
    throw new HttpProblem('ATTACHMENT_NOT_FOUND', `message ${id} has no attachment ${sha256}`);
  }
  res
    .status(200)
    .type(stored.meta.mediaType)
    // RFC 9530 §3: the digest of the bytes as sent, for clients that check on the wire.
    .setHeader('Repr-Digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`)
    .setHeader('Content-Disposition', 'attachment')
    .setHeader('Cache-Control', 'no-store')
    .send(stored.content);
}
