/**
 * How the command line reports errors: the stable code first, every reason of a refused
 * message, and the exit code — 1 when the input was judged, 2 for wrong usage, 3 when something
 * failed (the hub's own 5xx included).
 */
import { expect } from 'chai';
import { HubError } from '@knooppunt/sdk';
import { SchemaError, UsageError } from '@knooppunt/standard';
import { EXIT, reportError } from '../../../src/cli/io.ts';
import type { CliIo } from '../../../src/cli/io.ts';

function capture(): CliIo & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (text) => void lines.push(text), err: (text) => void lines.push(text) };
}

describe('cli/io reportError', () => {
  it('prints a refused message’s code once and every reason, and exits 1', () => {
    const io = capture();
    const refused = new HubError(422, {
      code: 'ROLE_NOT_ALLOWED',
      detail: 'the role may not send this',
      reasons: [
        { code: 'ROLE_NOT_ALLOWED', detail: 'schuldeiser may not send betaalvoorstel' },
        { code: 'MODULE_NOT_ALLOWED', detail: 'not in schuldregeling' },
      ],
    });
    expect(reportError(io, refused)).to.equal(EXIT.rejected);
    expect(io.lines).to.deep.equal([
      'error ROLE_NOT_ALLOWED: the role may not send this',
      '  ROLE_NOT_ALLOWED: schuldeiser may not send betaalvoorstel',
      '  MODULE_NOT_ALLOWED: not in schuldregeling',
    ]);
  });

  it('exits 3 when the hub failed (5xx) and 2 for wrong usage', () => {
    const io = capture();
    expect(
      reportError(io, new HubError(503, { code: 'LEDGER_UNAVAILABLE', detail: 'down' })),
    ).to.equal(EXIT.internal);
    expect(io.lines).to.deep.equal(['error LEDGER_UNAVAILABLE: down']);
    expect(reportError(capture(), new UsageError('USAGE_INVALID', 'no --as'))).to.equal(EXIT.usage);
  });

  it('lists each schema violation under the code', () => {
    const io = capture();
    const invalid = new SchemaError('SCHEMA_INVALID', 'invalid', [
      {
        instancePath: '/payload/peildatum',
        schemaPath: '#',
        keyword: 'format',
        params: {},
        message: 'must match format "date"',
      },
    ]);
    expect(reportError(io, invalid)).to.equal(EXIT.rejected);
    expect(io.lines).to.deep.equal([
      'error SCHEMA_INVALID: invalid',
      '  /payload/peildatum format: must match format "date"',
    ]);
  });
});
