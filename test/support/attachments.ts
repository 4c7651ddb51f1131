/**
 * Attachments for tests (standard 2.1): court-decision PDFs made at test time (never
 * committed) and a melding-bewind 2.1 that references them, built on the standard's example.
 */
import { randomBytes } from 'node:crypto';
import { attachmentDigest } from '@knooppunt/standard';
import type { Payload } from '@knooppunt/standard';
import { examplePayload } from './examples.ts';

/** A PDF-looking document of exactly `size` bytes: a header, random bytes, the trailer. */
export function courtDecisionPdf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1');
  const tail = Buffer.from('\n%%EOF\n', 'latin1');
  if (size < head.length + tail.length) return randomBytes(size);
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

/** The reference (defs-2.1 `bijlage`) of a document. */
export function referenceOf(
  content: Buffer,
  bestandsnaam: string,
  soort = 'rechterlijke-uitspraak',
): Record<string, unknown> {
  return {
    soort,
    bestandsnaam,
    mediaType: 'application/pdf',
    grootte: content.length,
    sha256: attachmentDigest(content),
  };
}

/**
 * A melding-bewind 2.1 payload (no BSN) whose beschikking is `decision` and, when given,
 * whose one further attachment is `second`.
 */
export function meldingBewind21(
  decision: Record<string, unknown>,
  second?: Record<string, unknown>,
): Payload {
  const payload = examplePayload('melding-bewind');
  return {
    ...payload,
    beschikking: decision,
    ...(second === undefined ? {} : { bijlagen: [second] }),
  };
}
