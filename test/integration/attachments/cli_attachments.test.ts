/**
 * `knooppunt send --attachment` against a live hub: a bewindvoerder's signed melding-bewind 2.1
 * goes with the court decision it references; without the document the CLI refuses before
 * sending, with the code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { attachmentDigest } from '@knooppunt/standard';
import { courtDecisionPdf, meldingBewind21, referenceOf } from '../../support/attachments.ts';
import { buildMessage } from '../../support/message_builder.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { knooppunt } from '../../unit/cli/run_cli.ts';

describe('knooppunt send --attachment against a live hub', function () {
  this.timeout(30_000);
  let hub: TestHub;
  let dir: string;
  const cli = (...args: string[]) =>
    knooppunt(
      { env: { KNOOPPUNT_DATA_DIR: hub.dataDir, KNOOPPUNT_LOG_LEVEL: 'silent' } },
      ...args,
      '--url',
      hub.baseUrl,
    );

  before(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'knooppunt-send-attachment-'));
  });
  after(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function signedMelding(decision: Buffer): string {
    const message = buildMessage({
      signer: hub.signer('bewindvoerder'),
      sender: devOin('bewindvoerder'),
      recipient: devOin('energie'),
      module: 'meldingen-bewindvoering',
      messageType: 'melding-bewind',
      version: '2.1',
      payload: meldingBewind21(referenceOf(decision, 'beschikking.pdf')),
    });
    const file = join(dir, `${message.envelope.messageId}.json`);
    writeFileSync(file, JSON.stringify(message));
    return file;
  }

  it('uploads the referenced document, then sends the message', async () => {
    const decision = courtDecisionPdf(50_000);
    const pdf = join(dir, 'beschikking.pdf');
    writeFileSync(pdf, decision);
    const run = await cli(
      'send',
      signedMelding(decision),
      '--as',
      'bewindvoerder',
      '--attachment',
      pdf,
    );
    expect(run.code, run.err).to.equal(0);
    const messageId = /message id: +(\S+)/.exec(run.out)?.[1] as string;
    const stored = await hub.hub.ledger.attachments.readAttachment(
      messageId,
      attachmentDigest(decision),
    );
    expect(stored?.content.equals(decision)).to.equal(true);
  });

  it('refuses to send without the document: ATTACHMENT_MISSING, exit 1', async () => {
    const run = await cli('send', signedMelding(courtDecisionPdf(1_000)), '--as', 'bewindvoerder');
    expect(run.code).to.equal(1);
    expect(run.err).to.include('ATTACHMENT_MISSING');
  });
});
