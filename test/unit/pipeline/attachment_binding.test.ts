import { expect } from 'chai';
import { attachmentDigest, ConversationError, examplePayload } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import type { MessageRecord, NewLedgerEvent } from '../../../src/ledger/index.ts';
import type { OpensConversation } from '../../../src/ledger/port.ts';
import { CAST, createPipelineWorld, WORLD_START } from '../../support/pipeline_world.ts';
import type { PipelineWorld } from '../../support/pipeline_world.ts';

/** A ledger whose next message insert is refused as it would be in a lost race. */
class RacingLedger extends SqliteLedger {
  refuseNext = false;

  override insertMessage(
    record: MessageRecord,
    received: NewLedgerEvent,
    opens?: OpensConversation,
  ) {
    if (this.refuseNext) {
      this.refuseNext = false;
      return Promise.reject(
        new ConversationError('CONVERSATION_NOT_PARTICIPANT', 'opened by others meanwhile'),
      );
    }
    return super.insertMessage(record, received, opens);
  }
}

describe('pipeline: documents bound to a message that is then not stored', () => {
  let world: PipelineWorld;
  let ledger: RacingLedger;
  const document = Buffer.from('%PDF-1.4 toestemmingsverklaring');
  const sha256 = attachmentDigest(document);

  beforeEach(async () => {
    ledger = new RacingLedger(':memory:');
    world = await createPipelineWorld({ ledger, attachments: true });
    await ledger.putUpload(
      {
        sha256,
        size: document.length,
        mediaType: 'application/pdf',
        owner: CAST.gemeente.oin,
        storedAt: WORLD_START,
        expiresAt: '2026-11-23T10:00:00.000Z',
      },
      document,
    );
  });
  afterEach(() => world.close());

  const send = () =>
    world.send(
      'gemeente',
      'energie',
      'saldoverzoek',
      {
        ...examplePayload('saldoverzoek', 'met-uitspraak', { version: '2.1' }),
        bijlagen: [
          {
            soort: 'toestemmingsverklaring',
            bestandsnaam: 'toestemming.pdf',
            mediaType: 'application/pdf',
            grootte: document.length,
            sha256,
          },
        ],
      },
      { module: 'schuldinventarisatie', version: '2.1' },
    );

  it('keeps the bound copy of a stored message', async () => {
    const result = await send();
    expect(result.outcome).to.equal('accepted');
    if (result.outcome === 'rejected') return;
    const stored = await ledger.readAttachment(result.record.messageId, sha256);
    expect(stored?.content.equals(document)).to.equal(true);
  });

  it('drops the bound copy when the store refuses the message, so no document outlives it', async () => {
    ledger.refuseNext = true;
    const result = await send();
    expect(result.outcome).to.equal('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.error.code).to.equal('CONVERSATION_NOT_PARTICIPANT');
    const messageId = result.claims.messageId as string;
    expect(await ledger.readAttachment(messageId, sha256)).to.equal(undefined);
    expect(await ledger.getUpload(CAST.gemeente.oin, sha256)).to.not.equal(undefined);
  });
});
