import { expect } from 'chai';
import { countReach } from '../../../src/ops/reach.ts';

const PERIOD = { from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
const UTRECHT = '00000001002220647000';
const AMERSFOORT = '00000001001759082000';

const signal = (messageId: string, recipient: string, vasteLast: string) => ({
  messageId,
  recipient,
  metadata: { vasteLast },
  envelope: {},
});
const answer = (inReplyTo: string, uitkomst: string) => ({
  messageId: `answer-${inReplyTo}`,
  recipient: 'creditor',
  metadata: { uitkomst },
  envelope: { inReplyTo },
});

describe('operators: the reach of early signals', () => {
  const figures = countReach(
    PERIOD,
    [
      signal('s1', UTRECHT, 'energie'),
      signal('s2', UTRECHT, 'energie'),
      signal('s3', UTRECHT, 'woningcorporatie'),
      signal('s4', AMERSFOORT, 'drinkwater'),
    ],
    [answer('s1', 'bereikt'), answer('s3', 'al-in-hulp'), answer('s4', 'bereikt')],
    new Map([[UTRECHT, 'Gemeente Utrecht']]),
  );

  it('counts signals, answers and the share reached over everything', () => {
    expect(figures.total).to.deep.equal({
      signals: 4,
      answered: 3,
      uitkomsten: { bereikt: 2, 'niet-bereikt': 0, 'al-in-hulp': 1, afgewezen: 0 },
      reached: 2,
      shareReached: 0.5,
    });
  });

  it('counts per municipality, most signals first, named from the registry (else by OIN)', () => {
    expect(
      figures.municipalities.map((row) => [row.name, row.signals, row.shareReached]),
    ).to.deep.equal([
      ['Gemeente Utrecht', 3, 0.3333],
      [AMERSFOORT, 1, 1],
    ]);
  });

  it('counts per kind of fixed cost', () => {
    const byKind = Object.fromEntries(figures.vasteLasten.map((row) => [row.vasteLast, row]));
    expect(byKind['energie']).to.include({
      signals: 2,
      answered: 1,
      reached: 1,
      shareReached: 0.5,
    });
    expect(byKind['woningcorporatie']?.uitkomsten['al-in-hulp']).to.equal(1);
    expect(byKind['woningcorporatie']?.shareReached).to.equal(0);
  });

  it('has no share without signals, and ignores an answer to a signal of another period', () => {
    const empty = countReach(PERIOD, [], [answer('old', 'bereikt')], new Map());
    expect(empty.total).to.include({ signals: 0, answered: 0, reached: 0, shareReached: 0 });
    expect(empty.municipalities).to.deep.equal([]);
  });
});
