/**
 * The catalogue's requiredAttachment is an authorisation rule (rules.ts): a 2.1 message that
 * opens a dossier from a kind that must show a document references one of that soort, and its
 * reason comes with the other authorisation reasons in one rejection.
 */
import { expect } from 'chai';
import { examplePayload, messageTypeSpec } from '@knooppunt/standard';
import type { Envelope } from '@knooppunt/standard';
import type { Participant } from '../../../src/participants/types.ts';
import { authorisationReasons, requiredAttachmentReasons } from '../../../src/pipeline/rules.ts';
import type { AuthorisationFacts } from '../../../src/pipeline/rules.ts';

const AT = '2026-11-23T09:00:00.000Z';

function participant(oin: string, fields: Partial<Participant>): Participant {
  return {
    oin,
    name: `Participant ${oin.slice(-4)}`,
    kind: 'schuldeiser',
    modules: ['schuldinventarisatie'],
    publicBody: false,
    preferent: false,
    transport: 'rest',
    status: 'active',
    certificates: [],
    acceptedVersions: ['2.0', '2.1'],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

const bewindvoerder = participant('00000001003214345000', { kind: 'bewindvoerder' });
const energie = participant('00000003273111110000', {});

const decision = {
  soort: 'rechterlijke-uitspraak',
  bestandsnaam: 'beschikking.pdf',
  mediaType: 'application/pdf',
  grootte: 1000,
  sha256: 'a'.repeat(64),
};

/** A saldoverzoek 2.1 from the bewindvoerder that opens a dossier, with `bijlagen`. */
function facts(
  bijlagen: readonly Record<string, unknown>[],
  changes: { envelope?: Partial<Envelope>; recipient?: Participant; sender?: Participant } = {},
): AuthorisationFacts {
  const sender = changes.sender ?? bewindvoerder;
  const recipient = changes.recipient ?? energie;
  const payload = examplePayload('saldoverzoek', 'met-uitspraak', { version: '2.1' });
  return {
    envelope: {
      messageId: 'b8f1c7de-4a51-4c2e-9b0e-2f6a7d3c1e90',
      conversationId: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      version: '2.1',
      sender: sender.oin,
      recipient: recipient.oin,
      createdAt: AT,
      payloadDigest: 'x'.repeat(43),
      ...changes.envelope,
    },
    payload: { ...payload, bijlagen: [...bijlagen] },
    spec: messageTypeSpec('saldoverzoek'),
    sender,
    recipient,
    original: undefined,
    conversation: undefined,
  };
}

const codes = (reasons: { code: string }[]) => reasons.map((reason) => reason.code);

describe('pipeline rules: the documents a sender must show (requiredAttachment)', () => {
  it('lets a bewindvoerder open a dossier that references its court decision', () => {
    expect(requiredAttachmentReasons(facts([decision]))).to.deep.equal([]);
    expect(authorisationReasons(facts([decision]))).to.deep.equal([]);
  });

  it('refuses one that references another soort, or none, pointing at bijlagen', () => {
    const consent = { ...decision, soort: 'toestemmingsverklaring' };
    expect(codes(requiredAttachmentReasons(facts([consent])))).to.deep.equal([
      'ATTACHMENT_MISSING',
    ]);
    expect(requiredAttachmentReasons(facts([]))[0]?.pointer).to.equal('/payload/bijlagen');
  });

  it('holds neither 2.0 (inline documents) nor a kind without a requirement to it', () => {
    expect(requiredAttachmentReasons(facts([], { envelope: { version: '2.0' } }))).to.deep.equal(
      [],
    );
    const gemeente = participant('00000001001234567000', { kind: 'schuldhulpverlener-fase-1' });
    expect(requiredAttachmentReasons(facts([], { sender: gemeente }))).to.deep.equal([]);
  });

  it('gives its reason with the other authorisation reasons, in one list', () => {
    const suspended = { ...energie, status: 'suspended' as const };
    expect(codes(authorisationReasons(facts([], { recipient: suspended })))).to.deep.equal([
      'RECIPIENT_SUSPENDED',
      'ATTACHMENT_MISSING',
    ]);
  });
});
