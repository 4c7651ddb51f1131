import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { attachmentDigest } from '@knooppunt/standard';
import { SqliteLedger, verifyChain } from '../../../src/ledger/index.ts';
import { duePurge } from '../../../src/ledger/verify_attachments.ts';
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
    await ledger.attachments.putUpload(
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
    await ledger.attachments.bindAttachments(record.messageId, GEMEENTE, [sha256], AT);
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

  const attachmentProblems = async (now?: string) =>
    (await verifyChain(ledger, now === undefined ? {} : { now })).problems.filter(
      (p) => p.kind === 'message-attachment',
    );

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

  it('finds nothing missing for a message housekeeping is purging (documents first, then the payload)', async () => {
    // The window of housekeeping's purge: the documents dropped, the payload not yet.
    expect(await ledger.attachments.dropAttachments(record.messageId, [sha256])).to.equal(1);
    expect(await attachmentProblems(record.expiresAt)).to.deep.equal([]);
    // Before the message is due, the same gap is a finding.
    const before = new Date(Date.parse(record.expiresAt) - 1).toISOString();
    expect((await attachmentProblems(before))[0]?.detail).to.include('missing');
  });

  it('still finds a replaced document of a message being purged', async () => {
    ledger.unsafeExec(
      'UPDATE attachments SET content = ? WHERE id = ?',
      Buffer.from('%PDF-1.4 another decision'),
      `message:${record.messageId}:${sha256}`,
    );
    expect((await attachmentProblems(record.expiresAt))[0]?.detail).to.include('does not match');
  });

  it('takes a message as being purged when unfetched past expiry or past retention after pickup', () => {
    expect(duePurge(record, record.expiresAt)).to.equal(true);
    const pickedUp = {
      ...record,
      status: 'picked-up' as const,
      dropPayloadAfter: '2027-01-01T00:00:00.000Z',
    };
    expect(duePurge(pickedUp, record.expiresAt)).to.equal(false);
    expect(duePurge(pickedUp, '2027-01-01T00:00:00.000Z')).to.equal(true);
  });
});
