import { expect } from 'chai';
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
});
