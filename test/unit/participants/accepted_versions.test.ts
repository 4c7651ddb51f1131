/**
 * The standard versions a participant takes delivery of (issue 13): a record from before 2.1
 * takes 2.0 only, a new registration every version the hub offers unless it says otherwise,
 * the directory and the history show the declaration, and the recipient rule refuses a version
 * the recipient does not take.
 */
import { expect } from 'chai';
import { ManualClock, messageTypeSpec, standardVersions, UsageError } from '@knooppunt/standard';
import type { Envelope } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import {
  participantSubject,
  PARTICIPANT_CHANGED,
  recordOf,
} from '../../../src/participants/history.ts';
import { ParticipantRegistry } from '../../../src/participants/registry.ts';
import type { Participant } from '../../../src/participants/types.ts';
import { acceptedVersionsOf, checkAcceptedVersions } from '../../../src/participants/versions.ts';
import { participantReasons } from '../../../src/pipeline/rules.ts';

const AT = '2027-03-01T09:00:00.000Z';
const GEMEENTE = '00000001002220647000';
const ENERGIE = '00000003273111110000';

/** A registry record as written before 2.1: no `acceptedVersions`. */
const LEGACY: Participant = {
  oin: ENERGIE,
  name: 'Energie Direct B.V.',
  kind: 'schuldeiser',
  modules: ['schuldinventarisatie', 'schuldregeling', 'betalingsregeling'],
  publicBody: false,
  preferent: false,
  transport: 'rest',
  status: 'active',
  certificates: [],
  createdAt: AT,
  updatedAt: AT,
};

describe('participants: accepted versions of the standard', () => {
  let ledger: SqliteLedger;
  let registry: ParticipantRegistry;

  beforeEach(async () => {
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    registry = new ParticipantRegistry(ledger, { clock: new ManualClock(new Date(AT)) });
  });
  afterEach(async () => ledger.close());

  it('counts a record without the declaration as taking 2.0 only', () => {
    expect(acceptedVersionsOf(LEGACY)).to.deep.equal(['2.0']);
    expect(acceptedVersionsOf({ ...LEGACY, acceptedVersions: ['2.0', '2.1'] })).to.deep.equal([
      '2.0',
      '2.1',
    ]);
  });

  it('checks a declaration against the versions the hub offers, oldest first, once each', () => {
    expect(checkAcceptedVersions(['2.1', '2.0', '2.1'], ['2.0', '2.1'])).to.deep.equal([
      '2.0',
      '2.1',
    ]);
    expect(() => checkAcceptedVersions([], ['2.0'])).to.throw(UsageError, /at least one/);
    expect(() => checkAcceptedVersions(['2.0', '3.0'], ['2.0', '2.1']))
      .to.throw(UsageError)
      .with.property('message')
      .that.matches(/not 3\.0/);
  });

  it('refuses a declaration without the oldest version the hub offers, the one senders fall back to', async () => {
    expect(() => checkAcceptedVersions(['2.1'], ['2.0', '2.1']))
      .to.throw(UsageError)
      .with.property('message')
      .that.matches(/every participant takes 2\.0.*declare 2\.0, 2\.1/);
    expect(checkAcceptedVersions(['2.1'], ['2.1', '2.2'])).to.deep.equal(['2.1']);
    let refused: unknown;
    try {
      await registry.add({
        oin: ENERGIE,
        name: 'Energie',
        kind: 'schuldeiser',
        acceptedVersions: ['2.1'],
      });
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(UsageError).with.property('code', 'USAGE_INVALID');
    expect(await registry.get(ENERGIE)).to.equal(undefined);
  });

  it('gives a new registration every version the hub offers, or what it declares', async () => {
    const added = await registry.add({
      oin: GEMEENTE,
      name: 'Gemeente Utrecht',
      kind: 'schuldeiser',
    });
    expect(added.acceptedVersions).to.deep.equal(standardVersions());
    const declared = await registry.add({
      oin: ENERGIE,
      name: 'Energie Direct B.V.',
      kind: 'schuldeiser',
      acceptedVersions: ['2.0'],
    });
    expect(declared.acceptedVersions).to.deep.equal(['2.0']);
    const head = await ledger.lastEvent(participantSubject(ENERGIE));
    expect(head === undefined ? undefined : recordOf(head)?.acceptedVersions).to.deep.equal([
      '2.0',
    ]);
    const entries = await registry.directory();
    expect(entries.map((entry) => [entry.oin, entry.acceptedVersions])).to.deep.include.members([
      [GEMEENTE, standardVersions()],
      [ENERGIE, ['2.0']],
    ]);
  });

  it('keeps a record from before 2.1 readable, verified and at 2.0 until it declares', async () => {
    await ledger.appendEvent({
      subject: participantSubject(ENERGIE),
      type: PARTICIPANT_CHANGED,
      at: AT,
      data: { change: 'added', status: 'active', kind: 'schuldeiser', record: LEGACY },
    });
    await ledger.putParticipant(LEGACY);
    expect(await registry.get(ENERGIE)).to.deep.equal(LEGACY);
    expect((await registry.directory())[0]?.acceptedVersions).to.deep.equal(['2.0']);
    const renamed = await registry.add({ oin: ENERGIE, name: 'Energie B.V.', kind: 'schuldeiser' });
    expect(renamed).to.not.have.property('acceptedVersions');
    const declared = await registry.add({
      oin: ENERGIE,
      name: 'Energie B.V.',
      kind: 'schuldeiser',
      acceptedVersions: standardVersions(),
    });
    expect(declared.acceptedVersions).to.deep.equal(standardVersions());
    expect((await registry.listWithHistory())[0]?.history.state).to.equal('ok');
  });

  it('refuses a message whose version the recipient does not take (VERSION_NOT_ACCEPTED)', () => {
    const sender: Participant = {
      ...LEGACY,
      oin: GEMEENTE,
      kind: 'schuldhulpverlener-fase-2',
      modules: ['schuldinventarisatie', 'schuldregeling', 'betalingsregeling'],
    };
    const facts = (version: string, recipient: Participant) => ({
      envelope: {
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        version,
        sender: GEMEENTE,
        recipient: ENERGIE,
      } as unknown as Envelope,
      payload: {},
      spec: messageTypeSpec('saldoverzoek'),
      sender,
      recipient,
      original: undefined,
      conversation: undefined,
    });
    const codes = (version: string, recipient: Participant) =>
      participantReasons(facts(version, recipient)).map((reason) => reason.code);
    expect(codes('2.0', LEGACY)).to.deep.equal([]);
    const refused = participantReasons(facts('2.1', LEGACY));
    expect(refused).to.deep.equal([
      {
        code: 'VERSION_NOT_ACCEPTED',
        detail: `recipient ${ENERGIE} takes version 2.0 of the standard, not 2.1`,
        pointer: '/envelope/version',
      },
    ]);
    expect(codes('2.1', { ...LEGACY, acceptedVersions: ['2.0', '2.1'] })).to.deep.equal([]);
    expect(codes('2.0', { ...LEGACY, acceptedVersions: ['2.1'] })).to.deep.equal([
      'VERSION_NOT_ACCEPTED',
    ]);
  });
});
