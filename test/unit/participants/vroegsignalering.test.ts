import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import {
  participantSubject,
  PARTICIPANT_CHANGED,
  recordOf,
} from '../../../src/participants/history.ts';
import { ParticipantRegistry } from '../../../src/participants/registry.ts';
import {
  checkVroegsignalering,
  municipalityServing,
} from '../../../src/participants/vroegsignalering.ts';
import type { Participant } from '../../../src/participants/types.ts';

const AT = '2026-11-16T09:00:00.000Z';
const utrecht: Participant = {
  oin: '00000001002220647000',
  name: 'Gemeente Utrecht',
  kind: 'schuldhulpverlener-fase-2',
  modules: ['schuldinventarisatie', 'vroegsignalering'],
  postcodegebieden: ['3451-3455', '3500-3585'],
  publicBody: true,
  preferent: false,
  transport: 'rest',
  status: 'active',
  certificates: [],
  createdAt: AT,
  updatedAt: AT,
};

const refusal = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  return 'no refusal';
};

describe('participants: the declarations of vroegsignalering', () => {
  it('keeps postal areas for municipal debt help and kinds of fixed cost for a creditor', () => {
    expect(
      checkVroegsignalering(
        'schuldhulpverlener-fase-1',
        { postcodegebieden: ['3811-3829', '3811-3829'] },
        undefined,
        [utrecht],
      ),
    ).to.deep.equal({ postcodegebieden: ['3811-3829'] });
    expect(
      checkVroegsignalering('schuldeiser', { vasteLasten: ['cak-wmo', 'cak-wlz'] }, undefined, []),
    ).to.deep.equal({ vasteLasten: ['cak-wmo', 'cak-wlz'] });
  });

  it('keeps what the record had when nothing is given, and clears with an empty list', () => {
    const kept = checkVroegsignalering('schuldhulpverlener-fase-2', {}, utrecht, []);
    expect(kept).to.deep.equal({ postcodegebieden: ['3451-3455', '3500-3585'] });
    expect(
      checkVroegsignalering('schuldhulpverlener-fase-2', { postcodegebieden: [] }, utrecht, []),
    ).to.deep.equal({});
  });

  it('refuses postal areas of another municipality, areas for a creditor and unknown kinds', () => {
    expect(
      refusal(() =>
        checkVroegsignalering(
          'schuldhulpverlener-fase-1',
          { postcodegebieden: ['3580-3600'] },
          undefined,
          [utrecht],
        ),
      ),
    ).to.equal(
      'USAGE_INVALID: postal area 3580 is already served by Gemeente Utrecht (00000001002220647000): one municipality serves each area',
    );
    expect(
      refusal(() =>
        checkVroegsignalering('schuldeiser', { postcodegebieden: ['3511'] }, undefined, []),
      ),
    ).to.match(/^USAGE_INVALID: a schuldeiser takes no early signals/);
    expect(
      refusal(() =>
        checkVroegsignalering('kredietbank', { vasteLasten: ['energie'] }, undefined, []),
      ),
    ).to.match(/^USAGE_INVALID: a kredietbank sends no early signals/);
    expect(
      refusal(() =>
        checkVroegsignalering('schuldeiser', { vasteLasten: ['telefoon'] }, undefined, []),
      ),
    ).to.match(/^USAGE_INVALID: 'telefoon' is no kind of fixed cost/);
    expect(
      refusal(() =>
        checkVroegsignalering(
          'schuldhulpverlener-fase-2',
          { postcodegebieden: ['35'] },
          undefined,
          [],
        ),
      ),
    ).to.match(/^USAGE_INVALID: '35' is no postal area/);
  });

  it('finds the municipality serving an area only when it takes part in the module', () => {
    expect(municipalityServing([utrecht], '3531')?.oin).to.equal(utrecht.oin);
    expect(municipalityServing([utrecht], '3811')).to.equal(undefined);
    const withoutModule = { ...utrecht, modules: ['schuldinventarisatie' as const] };
    expect(municipalityServing([withoutModule], '3531')).to.equal(undefined);
  });

  describe('in the registry', () => {
    let ledger: SqliteLedger;
    let registry: ParticipantRegistry;
    beforeEach(async () => {
      ledger = new SqliteLedger(':memory:');
      await ledger.init();
      registry = new ParticipantRegistry(ledger, { clock: new ManualClock(new Date(AT)) });
    });
    afterEach(async () => ledger.close());

    it('records the declarations in the chained history and the directory, and routes by them', async () => {
      await registry.add({
        oin: utrecht.oin,
        name: utrecht.name,
        kind: 'schuldhulpverlener-fase-2',
        postcodegebieden: ['3500-3585'],
      });
      const head = await ledger.lastEvent(participantSubject(utrecht.oin));
      expect(head === undefined ? undefined : recordOf(head)?.postcodegebieden).to.deep.equal([
        '3500-3585',
      ]);
      expect((await registry.directory())[0]?.postcodegebieden).to.deep.equal(['3500-3585']);
      expect((await registry.servingPostcode('3531'))?.oin).to.equal(utrecht.oin);
      expect(await registry.servingPostcode('3811')).to.equal(undefined);
      // An area added in the database, not through the registry, differs from the history.
      const stored = await ledger.getParticipant(utrecht.oin);
      await ledger.putParticipant({ ...(stored as Participant), postcodegebieden: ['1000-9999'] });
      registry.clearCache();
      const [entry] = await registry.listWithHistory();
      expect(entry?.history).to.deep.include({ state: 'differs', fields: ['postcodegebieden'] });
      expect(await registry.servingPostcode('9711')).to.equal(undefined);
    });

    it('reads a record from before vroegsignalering as declaring nothing', async () => {
      const { postcodegebieden: _areas, ...old } = utrecht;
      await ledger.appendEvent({
        subject: participantSubject(old.oin),
        type: PARTICIPANT_CHANGED,
        at: AT,
        data: { change: 'added', status: 'active', kind: old.kind, record: old },
      });
      await ledger.putParticipant(old);
      expect(await registry.get(old.oin)).to.deep.equal(old);
      expect((await registry.directory())[0]).to.not.have.property('postcodegebieden');
      expect(await registry.servingPostcode('3531')).to.equal(undefined);
    });

    it('refuses postal areas or kinds of fixed cost from a participant that does not take 2.1', async () => {
      const { postcodegebieden: _areas, ...old } = utrecht;
      await ledger.appendEvent({
        subject: participantSubject(old.oin),
        type: PARTICIPANT_CHANGED,
        at: AT,
        data: { change: 'added', status: 'active', kind: old.kind, record: old },
      });
      await ledger.putParticipant(old);
      const update = { oin: old.oin, name: old.name, kind: old.kind };
      // A record from before 2.1 takes 2.0 only: areas alone would route signals it cannot take.
      const refusedAreas = await registry.add({ ...update, postcodegebieden: ['3500-3585'] }).then(
        () => 'no refusal',
        (error: Error) => error.message,
      );
      expect(refusedAreas).to.match(
        /declares postal areas takes part in early signals, which exist only in version 2\.1.*declare 2\.0, 2\.1/,
      );
      expect(await registry.servingPostcode('3531')).to.equal(undefined);
      const refusedKinds = await registry
        .add({
          oin: '00000003273111110000',
          name: 'Energie',
          kind: 'schuldeiser',
          acceptedVersions: ['2.0'],
          vasteLasten: ['energie'],
        })
        .then(
          () => 'no refusal',
          (error: Error) => error.message,
        );
      expect(refusedKinds).to.match(
        /declares kinds of fixed cost .* takes 2\.0: declare 2\.0, 2\.1/,
      );
      // Declaring 2.1 with the areas, or later keeping it, is accepted.
      await registry.add({
        ...update,
        acceptedVersions: ['2.0', '2.1'],
        postcodegebieden: ['3500-3585'],
      });
      expect((await registry.servingPostcode('3531'))?.oin).to.equal(old.oin);
      const narrowed = await registry.add({ ...update, acceptedVersions: ['2.0'] }).then(
        () => 'no refusal',
        (error: Error) => error.message,
      );
      expect(narrowed).to.match(/declares postal areas/);
    });
  });
});
