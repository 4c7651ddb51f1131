/**
 * `POST /v1/token`: OAuth 2.0 client credentials (RFC 6749 §4.4) with a JWT client assertion
 * (RFC 7523 §2.2). The body is form-encoded, as OAuth prescribes, or JSON; the answer is a
 * bearer token (RFC 6749 §5.1, `Cache-Control: no-store`). A request that is not a client
 * credentials grant is 400 USAGE_INVALID with OAuth's `error` (`invalid_request`,
 * `unsupported_grant_type`, RFC 6749 §5.2); an assertion that fails is 401 (or 403 for a
 * suspended participant) with `error: invalid_client`.
 */
import type { Request, Response, Router } from 'express';
import { JWT_BEARER_ASSERTION_TYPE } from '../client_assertion.ts';
import { publicUrlOf } from '../context.ts';
import type { RestContext } from '../context.ts';
import { readBody } from '../body.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';

/** Token requests are small; a larger body is not one. */
const TOKEN_BODY_LIMIT = 16 * 1024;

/** Mounts the token endpoint. */
export function mountTokenRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/token', {
    post: [
      ...readBody({
        types: ['application/x-www-form-urlencoded', 'application/json'],
        limit: TOKEN_BODY_LIMIT,
        malformed: 'USAGE_INVALID',
      }),
      async (req: Request, res: Response) => {
        const body = isObject(req.body) ? req.body : {};
        const grantType = field(body, 'grant_type');
        if (grantType !== 'client_credentials') {
          throw badRequest(
            grantType === undefined ? 'invalid_request' : 'unsupported_grant_type',
            'grant_type must be client_credentials',
          );
        }
        if (field(body, 'client_assertion_type') !== JWT_BEARER_ASSERTION_TYPE) {
          throw badRequest(
            'invalid_request',
            `client_assertion_type must be ${JWT_BEARER_ASSERTION_TYPE}`,
          );
        }
        const assertion = field(body, 'client_assertion');
        if (assertion === undefined)
          throw badRequest('invalid_request', 'client_assertion is required');
        const audience = `${publicUrlOf(context.config.publicUrl, req)}/v1/token`;
        const participant = await context.assertions.verify(assertion, audience);
        const clientId = field(body, 'client_id');
        if (clientId !== undefined && clientId !== participant.oin) {
          // RFC 7521 §4.2: a client_id, when sent, names the assertion's subject.
          throw new HttpProblem('ASSERTION_INVALID', 'client_id is not the assertion subject', {
            extensions: { error: 'invalid_client' },
          });
        }
        res.setHeader('Cache-Control', 'no-store');
        res.json(context.tokens.issue(participant.oin));
      },
    ],
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single string parameter; repeated or non-string parameters are a bad request. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest('invalid_request', `${name} must be one string`);
  return value;
}

function badRequest(error: string, detail: string): HttpProblem {
  return new HttpProblem('USAGE_INVALID', detail, { extensions: { error } });
}
