/**
 * The building blocks the OpenAPI document is written with (openapi_schemas.ts,
 * openapi_paths.ts, openapi_console.ts, openapi_portal.ts): references, the common field
 * schemas, closed objects, answers and the shared problem answers.
 */
import { PROBLEM_MEDIA_TYPE } from './problem.ts';

/** A JSON object of the document. */
export type Json = Readonly<Record<string, unknown>>;

/** A reference to a schema of `components.schemas`. */
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
export const OIN: Json = {
  type: 'string',
  pattern: '^[0-9]{20}$',
  description: 'An OIN (20 digits)',
};
export const UUID: Json = { type: 'string', format: 'uuid' };
export const TIME: Json = { type: 'string', format: 'date-time' };
export const TEXT: Json = { type: 'string' };
export const STATUS: Json = {
  type: 'string',
  enum: ['accepted', 'delivered', 'picked-up', 'expired'],
};

/** A closed object: every listed property, `required` ones present, nothing else. */
export function object(properties: Record<string, Json>, required: readonly string[]): Json {
  return { type: 'object', properties, required: [...required], additionalProperties: false };
}

/** A JSON answer with the named schema. */
export const answer = (description: string, name: string): Json => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});

/** A problem answer with a route-specific description. */
export const problem = (description: string): Json => ({
  description,
  content: { [PROBLEM_MEDIA_TYPE]: { schema: ref('Problem') } },
});

/** The shared problem answers (`components.responses.P<status>`), by status. */
export const shared = (...statuses: number[]): Record<string, Json> =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/P${s}` }]));

/** The header every state-changing request of a logged-in person carries. */
export const CSRF_HEADER: Json = {
  name: 'X-CSRF-Token',
  in: 'header',
  required: true,
  description: "The session's csrfToken",
  schema: TEXT,
};
