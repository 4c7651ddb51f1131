/**
 * The one strict JSON reader (I-JSON, RFC 7493, as RFC 8785 requires of its input): what it
 * refuses, each with its own code, and — as a property — that any bytes at all either read as
 * the same value `JSON.parse` gives or are refused with a specific code, never anything else.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { KnooppuntError, parseStrictJson } from '@knooppunt/standard';
import { FUZZ_SEED } from '../../support/fuzz.ts';

const codeOf = (input: Uint8Array | string, limits = {}): string => {
  try {
    parseStrictJson(input, limits);
    return 'ok';
  } catch (error) {
    if (error instanceof KnooppuntError) return error.code;
    throw error;
  }
};

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** The codes a refusal may carry. */
const CODES = new Set([
  'MALFORMED_MESSAGE',
  'BODY_TOO_LARGE',
  'JSON_INVALID_UTF8',
  'JSON_DUPLICATE_NAME',
  'JSON_LONE_SURROGATE',
  'JSON_TOO_DEEP',
  'JSON_NUMBER_INVALID',
]);

describe('standard: the strict JSON reader', () => {
  it('reads what I-JSON allows, as JSON.parse does', () => {
    const text = '{"a": [1, 2.5, -3e2, true, null, "é €😀"], "b": {"c": "\\u00e9\\ud83d\\ude00"}}';
    expect(parseStrictJson(bytes(text))).to.deep.equal(JSON.parse(text));
    expect(parseStrictJson(text)).to.deep.equal(JSON.parse(text));
    // The same name in different objects is fine.
    expect(parseStrictJson('[{"a":1},{"a":2}]')).to.deep.equal([{ a: 1 }, { a: 2 }]);
    // A string that looks like a name inside an array is not one.
    expect(parseStrictJson('{"a":["b","b"],"c":{"b":1}}')).to.deep.equal({
      a: ['b', 'b'],
      c: { b: 1 },
    });
  });

  it('refuses each breach of I-JSON with its own code', () => {
    expect(codeOf(Buffer.from([0x7b, 0x22, 0x61, 0xff, 0x22, 0x3a, 0x31, 0x7d]))).to.equal(
      'JSON_INVALID_UTF8',
    );
    expect(codeOf(bytes('{"a":1,"a":2}'))).to.equal('JSON_DUPLICATE_NAME');
    // Compared after unescaping: "a" and "\u0061" are the same name.
    expect(codeOf(bytes('{"a":1,"\\u0061":2}'))).to.equal('JSON_DUPLICATE_NAME');
    expect(codeOf(bytes('{"x":{"a":1, "a" :2}}'))).to.equal('JSON_DUPLICATE_NAME');
    expect(codeOf(bytes('{"a":"\\ud800"}'))).to.equal('JSON_LONE_SURROGATE');
    expect(codeOf(bytes('{"\\udc00":1}'))).to.equal('JSON_LONE_SURROGATE');
    expect(codeOf('{"a":"\ud800"}')).to.equal('JSON_LONE_SURROGATE');
    expect(codeOf(bytes('{"a":1e400}'))).to.equal('JSON_NUMBER_INVALID');
    expect(codeOf(bytes('[-1e999]'))).to.equal('JSON_NUMBER_INVALID');
    expect(codeOf(bytes(`${'['.repeat(65)}${']'.repeat(65)}`))).to.equal('JSON_TOO_DEEP');
    expect(codeOf(bytes(`${'['.repeat(5000)}`))).to.equal('JSON_TOO_DEEP');
    expect(codeOf(bytes(`${'['.repeat(64)}${']'.repeat(64)}`))).to.equal('ok');
    expect(codeOf(bytes('{"a":1}'), { maxBytes: 4 })).to.equal('BODY_TOO_LARGE');
    expect(codeOf(bytes('{"a":'))).to.equal('MALFORMED_MESSAGE');
    expect(codeOf(bytes('{"a":1}'.slice(0, 5)), { malformed: 'USAGE_INVALID' })).to.equal(
      'USAGE_INVALID',
    );
  });

  it('reads any bytes as JSON.parse would, or refuses them with a specific code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (input) => {
        const code = codeOf(input);
        if (code !== 'ok') return CODES.has(code);
        const value = parseStrictJson(input);
        return JSON.stringify(value) === JSON.stringify(JSON.parse(Buffer.from(input).toString()));
      }),
      { numRuns: 2000, seed: FUZZ_SEED },
    );
  });

  it('reads any JSON text made of arbitrary values, or refuses it with a specific code', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 70 }), fc.boolean(), (value, duplicate) => {
        let text = JSON.stringify(value);
        // Sometimes a name twice, written by hand as a sloppy serialiser would.
        const twice = duplicate && text.startsWith('{"');
        if (twice) text = `{"k":0,"k":1,${text.slice(1)}`;
        const code = codeOf(bytes(text));
        if (twice) return code === 'JSON_DUPLICATE_NAME' || code === 'JSON_TOO_DEEP';
        return code === 'ok' || CODES.has(code);
      }),
      { numRuns: 500, seed: FUZZ_SEED },
    );
  });
});
