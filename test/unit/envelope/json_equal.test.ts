import { expect } from 'chai';
import { canonicalJson, jsonEqual } from '@knooppunt/standard';

describe('jsonEqual', () => {
  const cases: [unknown, unknown][] = [
    [
      { a: 1, b: [1, { c: 'x' }] },
      { b: [1, { c: 'x' }], a: 1 },
    ],
    [{ a: 1 }, { a: 1, b: 2 }],
    [
      [1, 2],
      [2, 1],
    ],
    [{ a: null }, { a: null }],
    [{ a: null }, { b: null }],
    ['1', 1],
    [{ a: [] }, { a: {} }],
    [{ a: 1.5 }, { a: 1.5 }],
  ];
  for (const [a, b] of cases) {
    it(`agrees with comparing RFC 8785 forms for ${JSON.stringify(a)} and ${JSON.stringify(b)}`, () => {
      expect(jsonEqual(a, b)).to.equal(canonicalJson(a) === canonicalJson(b));
    });
  }
});
