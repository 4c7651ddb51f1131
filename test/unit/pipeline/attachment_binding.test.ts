import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  attachmentDigest,
  ConversationError,
  examplePayload,
  LedgerError,
} from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import type { MessageRecord, NewLedgerEvent } from '../../../src/ledger/index.ts';
import type { FollowUps, OpensConversation } from '../../../src/ledger/port.ts';
import { CAST, createPipelineWorld, WORLD_START } from '../../support/pipeline_world.ts';
import type { PipelineWorld } from '../../support/pipeline_world.ts';

/**
 * A ledger whose next message insert goes as in a lost race: refused (the conversation was
 * opened by others), beaten by the same message (a duplicate), beaten by another message
 * under the same id (a conflict), or failing (the ledger unavailable, nothing stored).
 */
class RacingLedger extends SqliteLedger {
  next: 'refuse' | 'duplicate' | 'conflict' | 'unavailable' | undefined;

  override async insertMessage(
    record: MessageRecord,
    received: NewLedgerEvent,
    opens?: OpensConversation,
    follows?: FollowUps,
  ) {
    const next = this.next;
    this.next = undefined;
    if (next === 'refuse') {
      throw new ConversationError('CONVERSATION_NOT_PARTICIPANT', 'opened by others meanwhile');
    }
    if (next === 'unavailable') throw new LedgerError('LEDGER_UNAVAILABLE', 'the disk went away');
    if (next === 'duplicate') await super.insertMessage(record, received, opens, follows);
    if (next === 'conflict') {
      const { attachments: _none, ...data } = received.data;
      const { bijlagen: _also, ...payload } = record.payload ?? {};
      await super.insertMessage(
        {
          ...record,
          envelope: { ...record.envelope, payloadDigest: 'another-payload' },
          payload,
        },
        { ...received, data },
        opens,
      );
    }
    return super.insertMessage(record, received, opens, follows);
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
    await ledger.attachments.putUpload(
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

  const send = (ids: { messageId?: string; conversationId?: string } = {}) =>
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
      { module: 'schuldinventarisatie', version: '2.1', ...ids },
    );

  it('keeps the bound copy of a stored message', async () => {
    const result = await send();
    expect(result.outcome).to.equal('accepted');
    if (result.outcome === 'rejected') return;
    const stored = await ledger.attachments.readAttachment(result.record.messageId, sha256);
    expect(stored?.content.equals(document)).to.equal(true);
  });

  it('drops the bound copy when the store refuses the message, so no document outlives it', async () => {
    ledger.next = 'refuse';
    const result = await send();
    expect(result.outcome).to.equal('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.error.code).to.equal('CONVERSATION_NOT_PARTICIPANT');
    const messageId = result.claims.messageId as string;
    expect(await ledger.attachments.readAttachment(messageId, sha256)).to.equal(undefined);
    expect(await ledger.attachments.getUpload(CAST.gemeente.oin, sha256)).to.not.equal(undefined);
  });

  it('keeps the copy when the same message was stored meanwhile (a duplicate shares it)', async () => {
    ledger.next = 'duplicate';
    const result = await send();
    expect(result.outcome).to.equal('duplicate');
    if (result.outcome === 'rejected') return;
    const stored = await ledger.attachments.readAttachment(result.record.messageId, sha256);
    expect(stored?.content.equals(document)).to.equal(true);
  });

  it('drops the copy when another message took the id meanwhile (MESSAGE_ID_CONFLICT)', async () => {
    ledger.next = 'conflict';
    const result = await send();
    expect(result.outcome).to.equal('rejected');
    if (result.outcome !== 'rejected') return;
    expect(result.error.code).to.equal('MESSAGE_ID_CONFLICT');
    expect(
      await ledger.attachments.readAttachment(result.claims.messageId as string, sha256),
    ).to.equal(undefined);
  });

  it('drops the copy when the ledger fails to store, and a retry binds and stores it again', async () => {
    ledger.next = 'unavailable';
    const ids = { messageId: randomUUID(), conversationId: randomUUID() };
    let failure: unknown;
    await send(ids).catch((error: unknown) => (failure = error));
    expect((failure as LedgerError | undefined)?.code).to.equal('LEDGER_UNAVAILABLE');
    const { messageId } = ids;
    expect(await ledger.attachments.readAttachment(messageId, sha256)).to.equal(undefined);
    const retried = await send(ids);
    expect(retried.outcome).to.equal('accepted');
    expect(
      (await ledger.attachments.readAttachment(messageId, sha256))?.content.equals(document),
    ).to.equal(true);
  });
});
