import { expect } from 'chai';
import { documentsFor } from '@knooppunt/sdk';
import { ATTACHMENT_MAX_BYTES, attachmentDigest } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';

/** A message whose payload references `documents` (only the payload matters here). */
function referencing(...documents: { bytes: Uint8Array; grootte?: number }[]): SignedMessage {
  return {
    envelope: {} as SignedMessage['envelope'],
    signature: 'a.b.c',
    payload: {
      bijlagen: documents.map(({ bytes, grootte }) => ({
        soort: 'overig',
        bestandsnaam: 'x.pdf',
        mediaType: 'application/pdf',
        grootte: grootte ?? bytes.length,
        sha256: attachmentDigest(bytes),
      })),
    },
  };
}

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'none';
};

describe('SDK: the documents a message references', () => {
  it('pairs each reference with the document of its digest, whatever the order given', () => {
    const a = Buffer.from('%PDF a');
    const b = Buffer.from('%PDF bb');
    const paired = documentsFor(referencing({ bytes: a }, { bytes: b }), [b, a]);
    expect(paired.map((d) => Buffer.from(d.bytes).toString())).to.deep.equal(['%PDF a', '%PDF bb']);
    expect(documentsFor(referencing(), [a])).to.deep.equal([]);
  });

  it('refuses before sending: a document not given, another size, more than ATTACHMENT_MAX_BYTES', () => {
    const a = Buffer.from('%PDF a');
    expect(codeOf(() => documentsFor(referencing({ bytes: a }), []))).to.equal(
      'ATTACHMENT_MISSING',
    );
    expect(codeOf(() => documentsFor(referencing({ bytes: a, grootte: 99 }), [a]))).to.equal(
      'ATTACHMENT_MISMATCH',
    );
    const atLimit = Buffer.alloc(ATTACHMENT_MAX_BYTES, 2);
    expect(documentsFor(referencing({ bytes: atLimit }), [atLimit])).to.have.length(1);
    const over = Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 1);
    expect(codeOf(() => documentsFor(referencing({ bytes: over }), [over]))).to.equal(
      'ATTACHMENT_TOO_LARGE',
    );
  });
});
