import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { PipelineResult } from '../../../src/pipeline/types.ts';
import { verifyReceipt } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { CAST, createPipelineWorld } from '../../support/pipeline_world.ts';
import type { PipelineWorld } from '../../support/pipeline_world.ts';

function codes(result: PipelineResult): string[] {
  return result.claims.reasons.map((reason) => reason.code);
}

function accepted(
  result: PipelineResult,
): asserts result is Extract<PipelineResult, { outcome: 'accepted' | 'duplicate' }> {
  expect(result.outcome, JSON.stringify(result.claims.reasons)).to.be.oneOf([
    'accepted',
    'duplicate',
  ]);
}

describe('pipeline', () => {
  let world: PipelineWorld;
  beforeEach(async () => {
    world = await createPipelineWorld();
  });
  afterEach(() => world.close());

  /** A rejection must leave no message behind and record itself, without payload. */
  async function expectRejectedAndNotStored(
    result: PipelineResult,
    ...expected: string[]
  ): Promise<void> {
    expect(result.outcome).to.equal('rejected');
    expect(codes(result)).to.include.members(expected);
    const claims = verifyReceipt(result.receipt, world.hubCertificate);
    expect(claims.status).to.equal('rejected');
    if (claims.messageId !== undefined) {
      const stored = await world.ledger.getMessage(claims.messageId);
      if (stored !== undefined) expect(stored.receipt).to.not.equal(result.receipt);
    }
    const events = await world.ledger.listEvents(claims.ledgerPosition.split('#')[0] as string);
    expect(events).to.have.length(1);
    expect(events[0]?.type).to.equal('rejected');
    // Metadata and reasons only: no payload value reaches the ledger's rejection record.
    expect(JSON.stringify(events[0]?.data)).to.not.match(/Vries|Jansen|Kanaalstraat|UTR-20/);
  }

  it('accepts a saldoverzoek: stores it once, with a deadline of 10 working days and a verifiable receipt', async () => {
    const result = await world.send(
      'gemeente',
      'energie',
      'saldoverzoek',
      examplePayload('saldoverzoek'),
    );
    accepted(result);
    const claims = verifyReceipt(result.receipt, world.hubCertificate);
    expect(claims).to.include({
      status: 'accepted',
      messageId: result.record.messageId,
      sender: CAST.gemeente.oin,
    });
    const stored = await world.ledger.getMessage(result.record.messageId);
    expect(stored?.status).to.equal('accepted');
    expect(stored?.answerDueAt).to.equal('2026-12-07T23:00:00.000Z'); // Monday 23 Nov + 10 working days
    expect(stored?.expiresAt).to.equal('2026-11-30T23:00:00.000Z'); // + 5 working days
    const [received] = await world.ledger.listEvents(result.record.messageId);
    expect(received?.eventId).to.equal(claims.ledgerPosition);
    expect(received?.hash).to.equal(claims.ledgerHash);
    expect((await world.ledger.getConversation(result.record.conversationId))?.owner).to.equal(
      CAST.gemeente.oin,
    );
  });

  it('returns the original receipt for an identical resubmission and refuses the same id with another payload', async () => {
    const ids = { messageId: randomUUID(), conversationId: randomUUID() };
    const { messageId } = ids;
    const payload = examplePayload('saldoverzoek');
    const first = await world.send('gemeente', 'energie', 'saldoverzoek', payload, ids);
    world.clock.advance(1000); // a retry is signed again, a little later
    const again = await world.send('gemeente', 'energie', 'saldoverzoek', payload, ids);
    expect(again.outcome).to.equal('duplicate');
    expect(again.receipt).to.equal(first.receipt);
    const other = await world.send(
      'gemeente',
      'energie',
      'saldoverzoek',
      { ...payload, toelichting: 'Andere inhoud' },
      ids,
    );
    await expectRejectedAndNotStored(other, 'MESSAGE_ID_CONFLICT');
    // The same id and payload to another recipient is not a retry either.
    const elsewhere = await world.send('gemeente', 'telecom', 'saldoverzoek', payload, ids);
    await expectRejectedAndNotStored(elsewhere, 'MESSAGE_ID_CONFLICT');
    expect((await world.ledger.getMessage(messageId))?.receipt).to.equal(first.receipt);
    expect(await world.ledger.listEvents(messageId)).to.have.length(1);
  });

  it('refuses an envelope sender that is not the authenticated participant (SENDER_MISMATCH)', async () => {
    const result = await world.send(
      'gemeente',
      'energie',
      'saldoverzoek',
      examplePayload('saldoverzoek'),
      { identity: 'kredietbank' },
    );
    await expectRejectedAndNotStored(result, 'SENDER_MISMATCH');
    // The hub signs nothing about an envelope it could not attribute: the receipt names the
    // authenticated submitter, and no message id or digest.
    const claims = verifyReceipt(result.receipt, world.hubCertificate);
    expect(claims.sender).to.equal(CAST.kredietbank.oin);
    expect(claims.messageId).to.equal(undefined);
    expect(claims.payloadDigest).to.equal(undefined);
  });

  it('refuses a suspended participant and a revoked certificate', async () => {
    await world.registry.setStatus(CAST.gemeente.oin, 'suspended');
    await expectRejectedAndNotStored(
      await world.send('gemeente', 'energie', 'saldoverzoek', examplePayload('saldoverzoek')),
      'PARTICIPANT_SUSPENDED',
    );
    await world.registry.setStatus(CAST.gemeente.oin, 'active');
    const thumbprint = (await world.registry.get(CAST.gemeente.oin))?.certificates[0]
      ?.thumbprint as string;
    await world.registry.revokeCertificate(CAST.gemeente.oin, thumbprint);
    await expectRejectedAndNotStored(
      await world.send('gemeente', 'energie', 'saldoverzoek', examplePayload('saldoverzoek')),
      'CERT_REVOKED',
    );
  });

  it('refuses a sender role and module that may not send the type, with every reason', async () => {
    const result = await world.send(
      'energie',
      'gemeente',
      'saldoverzoek',
      examplePayload('saldoverzoek'),
    );
    await expectRejectedAndNotStored(result, 'ROLE_NOT_ALLOWED', 'RECIPIENT_ROLE_NOT_ALLOWED');
    const fase1 = await world.send(
      'fase1',
      'energie',
      'kennisgeving',
      examplePayload('kennisgeving', 'zonder-bsn'),
    );
    await expectRejectedAndNotStored(fase1, 'MODULE_NOT_ALLOWED');
  });

  it('refuses a recipient that lacks the module or the role', async () => {
    const result = await world.send(
      'gemeente',
      'waarborgfonds',
      'kennisgeving',
      examplePayload('kennisgeving', 'zonder-bsn'),
    );
    await expectRejectedAndNotStored(
      result,
      'RECIPIENT_LACKS_MODULE',
      'RECIPIENT_ROLE_NOT_ALLOWED',
    );
    const unknown = await world.send(
      'gemeente',
      'energie',
      'saldoverzoek',
      examplePayload('saldoverzoek'),
      { recipient: '00000003999999990000' },
    );
    await expectRejectedAndNotStored(unknown, 'RECIPIENT_UNKNOWN');
  });

  it('lets a BSN go only to a public body (BSN_NOT_ALLOWED otherwise)', async () => {
    const withBsn = examplePayload('kennisgeving', 'met-bsn', { keepBsn: true });
    accepted(await world.send('gemeente', 'belastingdienst', 'kennisgeving', withBsn));
    await expectRejectedAndNotStored(
      await world.send('gemeente', 'energie', 'kennisgeving', withBsn),
      'BSN_NOT_ALLOWED',
    );
  });

  it('refuses schema violations with a JSON pointer per offending field', async () => {
    const payload = examplePayload('saldoverzoek');
    (payload['schuldenaar'] as Record<string, unknown>)['extra'] = true;
    const result = await world.send('gemeente', 'energie', 'saldoverzoek', payload, {
      recipient: CAST.energie.oin,
    });
    await expectRejectedAndNotStored(result, 'SCHEMA_INVALID');
    expect(result.claims.reasons.map((reason) => reason.pointer)).to.include(
      '/payload/schuldenaar',
    );
  });

  describe('reply rules', () => {
    async function saldoverzoek(
      to: 'energie' | 'telecom' = 'energie',
    ): Promise<{ id: string; conversationId: string }> {
      const result = await world.send(
        'gemeente',
        to,
        'saldoverzoek',
        examplePayload('saldoverzoek'),
      );
      accepted(result);
      return { id: result.record.messageId, conversationId: result.record.conversationId };
    }

    it('accepts an answer from the recipient and marks the request answered', async () => {
      const request = await saldoverzoek();
      const answer = await world.send(
        'energie',
        'gemeente',
        'saldoverzoek-antwoord',
        examplePayload('saldoverzoek-antwoord', 'twee'),
        {
          inReplyTo: request.id,
          conversationId: request.conversationId,
        },
      );
      accepted(answer);
      expect((await world.ledger.getMessage(request.id))?.answeredAt).to.equal(
        answer.record.receivedAt,
      );
      expect((await world.ledger.listEvents(request.id)).map((event) => event.type)).to.deep.equal([
        'received',
        'answered',
      ]);
    });

    it('refuses answering a message addressed to someone else (REPLY_NOT_ADDRESSED_TO_SENDER)', async () => {
      const request = await saldoverzoek('energie');
      const result = await world.send(
        'telecom',
        'gemeente',
        'saldoverzoek-antwoord',
        examplePayload('saldoverzoek-antwoord', 'twee'),
        {
          inReplyTo: request.id,
          conversationId: request.conversationId,
        },
      );
      await expectRejectedAndNotStored(result, 'REPLY_NOT_ADDRESSED_TO_SENDER');
    });

    it('refuses an answer type the request does not allow, a missing inReplyTo and an unknown target', async () => {
      const request = await saldoverzoek();
      const wrongType = await world.send(
        'energie',
        'gemeente',
        'betaalvoorstel-antwoord',
        examplePayload('betaalvoorstel-antwoord', 'akkoord'),
        {
          inReplyTo: request.id,
          conversationId: request.conversationId,
        },
      );
      await expectRejectedAndNotStored(wrongType, 'ANSWER_TYPE_NOT_ALLOWED');
      const missing = await world.send(
        'energie',
        'gemeente',
        'saldoverzoek-antwoord',
        examplePayload('saldoverzoek-antwoord', 'twee'),
        {
          conversationId: request.conversationId,
        },
      );
      await expectRejectedAndNotStored(missing, 'REPLY_REQUIRED');
      const unknown = await world.send(
        'energie',
        'gemeente',
        'saldoverzoek-antwoord',
        examplePayload('saldoverzoek-antwoord', 'twee'),
        {
          inReplyTo: randomUUID(),
          conversationId: request.conversationId,
        },
      );
      await expectRejectedAndNotStored(unknown, 'REPLY_TARGET_UNKNOWN');
    });

    it('closes the conversation with schuldregeling-beeindigd and then accepts nothing more in it', async () => {
      const request = await saldoverzoek();
      const end = await world.send(
        'gemeente',
        'energie',
        'schuldregeling-beeindigd',
        examplePayload('schuldregeling-beeindigd'),
        {
          conversationId: request.conversationId,
        },
      );
      accepted(end);
      expect((await world.ledger.getConversation(request.conversationId))?.status).to.equal(
        'closed',
      );
      const late = await world.send(
        'energie',
        'gemeente',
        'saldoverzoek-antwoord',
        examplePayload('saldoverzoek-antwoord', 'twee'),
        {
          inReplyTo: request.id,
          conversationId: request.conversationId,
        },
      );
      await expectRejectedAndNotStored(late, 'CONVERSATION_CLOSED');
    });

    it('needs an open conversation for a type that continues one (CONVERSATION_UNKNOWN)', async () => {
      const result = await world.send(
        'gemeente',
        'energie',
        'schuldregeling-akkoord',
        examplePayload('schuldregeling-akkoord'),
      );
      await expectRejectedAndNotStored(result, 'CONVERSATION_UNKNOWN');
    });
  });
});
