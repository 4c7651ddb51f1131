import { expect } from 'chai';
import { examplePayload, messageTypeSpec } from '@knooppunt/standard';
import type { Envelope } from '@knooppunt/standard';
import { fixedCostReasons, postcodeReasons } from '../../../src/pipeline/postcode_routing.ts';
import { conversationReasons } from '../../../src/pipeline/rules.ts';
import type { AuthorisationFacts } from '../../../src/pipeline/rules.ts';
import type { Participant } from '../../../src/participants/types.ts';

const AT = '2026-11-16T09:00:00.000Z';

function participant(oin: string, fields: Partial<Participant>): Participant {
  return {
    oin,
    name: `Participant ${oin.slice(-4)}`,
    kind: 'schuldeiser',
    modules: ['vroegsignalering'],
    publicBody: false,
    preferent: false,
    transport: 'rest',
    status: 'active',
    certificates: [],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

const utrecht = participant('00000001002220647000', {
  name: 'Gemeente Utrecht',
  kind: 'schuldhulpverlener-fase-2',
  postcodegebieden: ['3451-3455', '3500-3585'],
});
const amersfoort = participant('00000001001759082000', {
  name: 'Gemeente Amersfoort',
  kind: 'schuldhulpverlener-fase-1',
  postcodegebieden: ['3811-3829'],
});
const energie = participant('00000003273111110000', { vasteLasten: ['energie'] });
const telecom = participant('00000003272222330000', {});

/** The facts of a signal (the energy company's example, 3531 CL Utrecht), with changes. */
function signalFacts(changes: {
  envelope?: Partial<Envelope>;
  payload?: Record<string, unknown>;
  recipient?: Participant;
  responsible?: Participant;
  sender?: Participant;
  type?: string;
}): AuthorisationFacts {
  const recipient = changes.recipient ?? utrecht;
  return {
    envelope: {
      messageId: 'b8f1c7de-4a51-4c2e-9b0e-2f6a7d3c1e90',
      conversationId: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      module: 'vroegsignalering',
      messageType: changes.type ?? 'signaal-betalingsachterstand',
      version: '2.1',
      sender: energie.oin,
      recipient: recipient.oin,
      createdAt: AT,
      payloadDigest: 'x'.repeat(43),
      postcode: '3531',
      ...changes.envelope,
    },
    payload: changes.payload ?? examplePayload('signaal-betalingsachterstand', 'energie-utrecht'),
    spec: messageTypeSpec(changes.type ?? 'signaal-betalingsachterstand'),
    sender: changes.sender ?? energie,
    recipient,
    original: undefined,
    conversation: undefined,
    responsible: 'responsible' in changes ? changes.responsible : utrecht,
  };
}

const codes = (reasons: { code: string }[]) => reasons.map((reason) => reason.code);

describe('pipeline: routing a signal by postcode', () => {
  it('lets a signal go to the municipality that serves the envelope’s postal area', () => {
    expect(postcodeReasons(signalFacts({}))).to.deep.equal([]);
  });

  it('refuses another municipality, naming the one that serves the area', () => {
    const reasons = postcodeReasons(signalFacts({ recipient: amersfoort }));
    expect(codes(reasons)).to.deep.equal(['RECIPIENT_NOT_RESPONSIBLE']);
    expect(reasons[0]?.detail).to.include(utrecht.oin);
    expect(reasons[0]?.pointer).to.equal('/envelope/recipient');
  });

  it('refuses an area nobody serves', () => {
    expect(codes(postcodeReasons(signalFacts({ responsible: undefined })))).to.deep.equal([
      'POSTCODE_UNSERVED',
    ]);
  });

  it('refuses a payload address outside the envelope’s area, and an envelope without one', () => {
    expect(codes(postcodeReasons(signalFacts({ envelope: { postcode: '3532' } })))).to.include(
      'POSTCODE_MISMATCH',
    );
    const { postcode: _none, ...withoutPostcode } = signalFacts({}).envelope;
    const facts = { ...signalFacts({}), envelope: withoutPostcode };
    expect(codes(postcodeReasons(facts))).to.deep.equal(['POSTCODE_REQUIRED']);
  });

  it('refuses a postcode on a type that is not routed by postcode, and needs none there', () => {
    const outcome = signalFacts({ type: 'signaal-uitkomst', payload: { uitkomst: 'bereikt' } });
    expect(codes(postcodeReasons(outcome))).to.deep.equal(['POSTCODE_NOT_ALLOWED']);
    const { postcode: _none, ...plain } = outcome.envelope;
    expect(postcodeReasons({ ...outcome, envelope: plain })).to.deep.equal([]);
  });

  it('takes a signal only from a creditor that declared the kind of fixed cost it names', () => {
    expect(fixedCostReasons(signalFacts({}))).to.deep.equal([]);
    expect(codes(fixedCostReasons(signalFacts({ sender: telecom })))).to.deep.equal([
      'ROLE_NOT_ALLOWED',
    ]);
    const water = { ...examplePayload('signaal-betalingsachterstand'), vasteLast: 'drinkwater' };
    const reasons = fixedCostReasons(signalFacts({ payload: water }));
    expect(reasons[0]?.pointer).to.equal('/payload/vasteLast');
  });

  it('lets a signal only open a new conversation, never join a dossier its answer would close', () => {
    expect(conversationReasons(signalFacts({}))).to.deep.equal([]);
    const dossier = {
      conversationId: 'c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      owner: utrecht.oin,
      status: 'open' as const,
      openedAt: AT,
      openedBy: utrecht.oin,
    };
    const joining = conversationReasons({ ...signalFacts({}), conversation: dossier });
    expect(codes(joining)).to.deep.equal(['CONVERSATION_NOT_NEW']);
    expect(joining[0]?.pointer).to.equal('/envelope/conversationId');
  });
});
