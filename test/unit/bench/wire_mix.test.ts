/**
 * The pure parts of `npm run bench` (bench/wire/): the balance answers it sends are valid
 * saldoverzoek-antwoord 2.0 payloads with 1–20 claim lines, a sender keeps each conversation's
 * request before its answer, and latency quantiles are nearest-rank. (`.ci/run` runs the whole
 * harness with `-- --quick`.)
 */
import { expect } from 'chai';
import { createSchemaRegistry } from '@knooppunt/standard';
import { balanceAnswer } from '../../../bench/wire/cast.ts';
import type { Shot } from '../../../bench/wire/cast.ts';
import { dealLanes, quantile } from '../../../bench/wire/load.ts';
import { createDebtCase } from '../../../src/demo/debt_case.ts';

describe('npm run bench: the message mix and its arithmetic', () => {
  it('sends balance answers of 1 to 20 claim lines that the schema accepts', () => {
    const schemas = createSchemaRegistry();
    const debtCase = createDebtCase();
    for (const creditor of debtCase.creditors.slice(0, 3)) {
      for (const lines of [1, 7, 20]) {
        const payload = balanceAnswer(debtCase, creditor, lines);
        expect(() =>
          schemas.validatePayload('saldoverzoek-antwoord', '2.0', payload),
        ).not.to.throw();
        const claims = payload['vorderingen'] as { factuurnummer: string }[];
        expect(claims).to.have.length(lines);
        expect(new Set(claims.map((c) => c.factuurnummer)).size).to.equal(lines);
      }
    }
  });

  it('deals conversations out whole, the request before its answer', () => {
    const shot = (id: string): Shot => ({ id, sender: 's', recipient: 'r', body: '{}' });
    const pairs = ['a', 'b', 'c'].map((c) => [shot(`${c}1`), shot(`${c}2`)] as [Shot, Shot]);
    const lanes = dealLanes(pairs, 2);
    expect(lanes.map((lane) => lane.map((s) => s.id))).to.deep.equal([
      ['a1', 'a2', 'c1', 'c2'],
      ['b1', 'b2'],
    ]);
  });

  it('reads quantiles by nearest rank, and none of nothing', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([0.5, 0.95, 0.99, 1].map((q) => quantile(sorted, q))).to.deep.equal([50, 95, 99, 100]);
    expect(Number.isNaN(quantile([], 0.5))).to.equal(true);
  });
});
