import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { attachmentDigest } from '@knooppunt/standard';
import { SqliteLedger, verifyChain } from '../../../src/ledger/index.ts';
import { withAttachmentDigests } from '../../../src/pipeline/attachments.ts';
import { GEMEENTE, ledgerRecord, receivedEventOf } from '../../support/ledger_records.ts';

const AT = '2026-11-23T09:00:00.000Z';

describe('ledger verify: attachments against the digests their received event holds', () => {
  let dir: string;
  let ledger: SqliteLedger;
  const content = Buffer.from('%PDF-1.4 beschikking');
  const sha256 = attachmentDigest(content);
  const record = ledgerRecord();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-verify-attachments-'));
    ledger = new SqliteLedger(join(dir, 'ledger.sqlite'));
    await ledger.init();
    await ledger.putUpload(
      {
        sha256,
        size: content.length,
        mediaType: 'application/pdf',
        owner: GEMEENTE,
        storedAt: AT,
        expiresAt: AT,
      },
      content,
    );
    await ledger.bindAttachments(record.messageId, GEMEENTE, [sha256], AT);
    const reference = {
      soort: 'rechterlijke-uitspraak',
      bestandsnaam: 'b.pdf',
      mediaType: 'application/pdf',
      grootte: content.length,
      sha256,
    };
    await ledger.insertMessage(record, withAttachmentDigests(receivedEventOf(record), [reference]));
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const attachmentProblems = async () =>
    (await verifyChain(ledger)).problems.filter((p) => p.kind === 'message-attachment');

  it('finds nothing while the document is as it was received', async () => {
    expect(await attachmentProblems()).to.deep.equal([]);
  });

  it('finds a document replaced behind the ledger’s back', async () => {
    ledger.unsafeExec(
      'UPDATE attachments SET content = ? WHERE id = ?',
      Buffer.from('%PDF-1.4 another decision'),
      `message:${record.messageId}:${sha256}`,
    );
    const problems = await attachmentProblems();
    expect(problems.map((p) => p.where)).to.deep.equal([`message ${record.messageId}`]);
    expect(problems[0]?.detail).to.include('does not match');
  });

  it('finds a document removed while the payload stays', async () => {
    ledger.unsafeExec(
      'DELETE FROM attachments WHERE id = ?',
      `message:${record.messageId}:${sha256}`,
    );
    expect((await attachmentProblems())[0]?.detail).to.include('missing');
  });
});
