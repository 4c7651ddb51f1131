import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { HUB_ERROR_CODES } from '@knooppunt/standard';
import type { HubErrorCode } from '@knooppunt/standard';
import { openApiDocument } from '../../../../src/transports/rest/openapi.ts';
import { OPENAPI_SCHEMAS } from '../../../../src/transports/rest/openapi_schemas.ts';
import { HttpProblem, problemBody, problemType } from '../../../../src/transports/rest/problem.ts';
import { PROBLEM_KINDS, statusOf } from '../../../../src/transports/rest/status_codes.ts';

/** The HTTP column of a docs/ table: `| \`CODE\` | … | 403 |` (last column). */
function documentedStatuses(file: string): Map<string, number> {
  const doc = readFileSync(new URL(`../../../../docs/${file}`, import.meta.url), 'utf8');
  const statuses = new Map<string, number>();
  for (const match of doc.matchAll(/^\| `([A-Z0-9_]+)` +\|(?:.*\|)? +(\d{3}) +\|$/gm)) {
    statuses.set(match[1] as string, Number(match[2]));
  }
  return statuses;
}

describe('REST status codes and problem details', () => {
  it('gives every code the hub answers with an HTTP error status and a title', () => {
    for (const code of HUB_ERROR_CODES) {
      const kind = PROBLEM_KINDS[code];
      expect(kind, code).to.not.equal(undefined);
      expect(kind.status, code).to.be.within(400, 599);
      expect(kind.title, code).to.be.a('string').and.not.equal('');
    }
    expect(Object.keys(PROBLEM_KINDS)).to.have.members([...HUB_ERROR_CODES]);
  });

  it('uses exactly the status docs/errors.md gives wherever it gives one', () => {
    const documented = documentedStatuses('errors.md');
    expect(documented.size).to.be.greaterThan(30);
    for (const [code, status] of documented) {
      expect(statusOf(code as HubErrorCode), code).to.equal(status);
    }
  });

  it('lists every code with its status in the error table of docs/api.md', () => {
    const documented = documentedStatuses('api.md');
    for (const code of HUB_ERROR_CODES) expect(documented.get(code), code).to.equal(statusOf(code));
  });

  it('names problem types by code and lets a route override the status', () => {
    expect(problemType('MESSAGE_ID_CONFLICT')).to.equal(
      'https://knooppunt.nl/problems/message-id-conflict',
    );
    const gone = new HttpProblem('MESSAGE_NOT_FOUND', 'expired', { status: 410 });
    expect(problemBody(gone, { instance: '/v1/messages/x', requestId: 'r1' })).to.deep.equal({
      type: 'https://knooppunt.nl/problems/message-not-found',
      title: 'Message not found',
      status: 410,
      detail: 'expired',
      code: 'MESSAGE_NOT_FOUND',
      instance: '/v1/messages/x',
      requestId: 'r1',
    });
  });

  it('keeps the standard members when an extension has the same name', () => {
    const problem = new HttpProblem('FORBIDDEN', 'no', { extensions: { status: 200, error: 'x' } });
    expect(problemBody(problem)).to.include({ status: 403, error: 'x' });
  });

  it('names in docs/errors.md only routes the served OpenAPI has', () => {
    const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    const paths = openApiDocument('http://localhost').paths as Record<
      string,
      Record<string, unknown>
    >;
    const named = [...doc.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/v1\/[^`?]*)`/g)];
    expect(named.length).to.be.greaterThan(0);
    for (const [, method, path] of named) {
      expect(paths[path as string], `${method} ${path}`).to.have.property(
        (method as string).toLowerCase(),
      );
    }
  });

  it('lists every error code in the OpenAPI Problem schema', () => {
    const problem = OPENAPI_SCHEMAS['Problem'] as { properties: { code: { enum: string[] } } };
    expect(problem.properties.code.enum).to.have.members([...HUB_ERROR_CODES]);
  });
});
