/**
 * The OpenAPI 3.1 document of API v1, written by hand as data and served at `/openapi.json`.
 * Bodies are in openapi_schemas.ts; the paths here list every answer each route gives,
 * problem details included, so a client (and the REST tests, which check every answer against
 * this document) can rely on it. A path answers any method it does not list with 405 and an
 * unknown path answers 404 (`components.responses.MethodNotAllowed`, `RouteNotFound`).
 */
import { ATTACHMENT_PATHS, ATTACHMENT_SCHEMAS } from './openapi_attachments.ts';
import { CONSOLE_PATHS, CONSOLE_SCHEMAS } from './openapi_console.ts';
import { LOG_PATHS, LOG_SCHEMAS } from './openapi_log.ts';
import { OPENAPI_SCHEMAS } from './openapi_schemas.ts';
import { PORTAL_PATHS, PORTAL_SCHEMAS } from './openapi_portal.ts';
import { PORTAL_BULK_PATHS, PORTAL_BULK_SCHEMAS } from './openapi_portal_bulk.ts';
import { PORTAL_SEND_PATHS, PORTAL_SEND_SCHEMAS } from './openapi_portal_send.ts';
import { OPENAPI_PATHS } from './openapi_paths.ts';
import { problem, shared } from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';

const SHARED_PROBLEMS: Readonly<Record<number, string>> = {
  400: 'USAGE_INVALID: a bad parameter',
  401: 'Not authenticated: UNAUTHENTICATED, TOKEN_INVALID, a CERT_* code of the client certificate, PARTICIPANT_UNKNOWN',
  403: 'PARTICIPANT_SUSPENDED, or FORBIDDEN: the resource belongs to another participant',
  404: 'Not found',
  405: 'METHOD_NOT_ALLOWED: the path exists, not with this method (see the Allow header)',
  409: 'Conflict',
  410: 'Gone',
  413: 'BODY_TOO_LARGE',
  429: 'LOGIN_THROTTLED: too many logins; try again later',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'Unprocessable',
  500: 'INTERNAL: quote the requestId',
  503: 'LEDGER_UNAVAILABLE, LEDGER_FULL or BROKER_UNAVAILABLE: send the same request again after Retry-After seconds',
};

/** The header of a transient problem (status_codes.ts `retryAfterSeconds`). */
const RETRY_AFTER: Json = {
  description: 'Seconds to wait before sending the same request again (RFC 9110 §10.2.3)',
  schema: { type: 'integer', minimum: 0 },
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * A path with parameters answers 400 USAGE_INVALID, before anything else, when a parameter is
 * not valid percent-encoding (`/v1/messages/%FF`: express cannot decode it); every operation
 * of such a path lists that answer, unless it lists a 400 of its own.
 */
function withPathParameterAnswers(paths: Json): Json {
  return Object.fromEntries(
    Object.entries(paths as Record<string, Json>).map(([template, item]) => {
      if (!template.includes('{')) return [template, item];
      const operations = METHODS.filter((method) => item[method] !== undefined).map((method) => {
        const operation = item[method] as Json;
        const responses = operation['responses'] as Json;
        return [method, { ...operation, responses: { ...shared(400), ...responses } }];
      });
      return [template, { ...item, ...Object.fromEntries(operations) }];
    }),
  );
}

/**
 * Every portal operation behind the session answers 403 PARTICIPANT_SUSPENDED when the user's
 * participant is suspended (routes/portal.ts, `portalSignedIn`); the session routes
 * themselves do not, so a suspended participant's user can still log out.
 */
function withPortalSuspension(paths: Json): Json {
  const suspended = 'PARTICIPANT_SUSPENDED: the participant is suspended';
  return Object.fromEntries(
    Object.entries(paths as Record<string, Json>).map(([template, item]) => {
      if (!template.startsWith('/v1/portal/') || template === '/v1/portal/session') {
        return [template, item];
      }
      const operations = METHODS.filter((method) => item[method] !== undefined).map((method) => {
        const operation = item[method] as Json;
        const responses = operation['responses'] as Record<string, Json>;
        const own = responses['403'];
        const forbidden =
          own === undefined
            ? problem(suspended)
            : { ...own, description: `${String(own['description'])}; or ${suspended}` };
        return [method, { ...operation, responses: { ...responses, '403': forbidden } }];
      });
      return [template, { ...item, ...Object.fromEntries(operations) }];
    }),
  );
}

/**
 * Every operation a participant authenticates for (the document's default security) answers
 * 429 RATE_LIMITED with Retry-After past the participant's share of the process (quota.ts).
 */
function withParticipantQuota(paths: Json): Json {
  return Object.fromEntries(
    Object.entries(paths as Record<string, Json>).map(([template, item]) => {
      const operations = METHODS.filter(
        (method) => item[method] !== undefined && (item[method] as Json)['security'] === undefined,
      ).map((method) => {
        const operation = item[method] as Json;
        const responses = operation['responses'] as Json;
        return [
          method,
          {
            ...operation,
            responses: { ...responses, '429': { $ref: '#/components/responses/RateLimited' } },
          },
        ];
      });
      return [template, { ...item, ...Object.fromEntries(operations) }];
    }),
  );
}

const DOCUMENT: Json = {
  openapi: '3.1.0',
  info: {
    title: 'Knooppunt API',
    version: '1.0.0',
    summary: 'Signed, schema-validated messages between debt-help organisations and creditors',
    description:
      'Authenticate with mutual TLS or a bearer token from POST /v1/token (docs/api.md). ' +
      'Every error is RFC 9457 problem details with a stable `code` (docs/errors.md). ' +
      'A path answers methods it does not list with 405 METHOD_NOT_ALLOWED; an unknown path ' +
      'answers 404 ROUTE_NOT_FOUND. What the HTTP server refuses before any route (not valid ' +
      'HTTP/1.1, no Host, a head too large, a request too slow) answers 400 HTTP_MALFORMED, ' +
      '431 HEADERS_TOO_LARGE or 408 REQUEST_TIMEOUT and closes the connection.',
  },
  security: [{ bearer: [] }, { mutualTLS: [] }],
  tags: [
    { name: 'authentication' },
    { name: 'messages' },
    { name: 'directory' },
    { name: 'operations' },
    { name: 'operators' },
    { name: 'portal' },
  ],
  paths: withParticipantQuota(
    withPortalSuspension(
      withPathParameterAnswers({
        ...OPENAPI_PATHS,
        ...ATTACHMENT_PATHS,
        ...LOG_PATHS,
        ...CONSOLE_PATHS,
        ...PORTAL_PATHS,
        ...PORTAL_SEND_PATHS,
        ...PORTAL_BULK_PATHS,
      }),
    ),
  ),
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token from POST /v1/token; lives KNOOPPUNT_TOKEN_TTL_SECONDS',
      },
      mutualTLS: {
        type: 'mutualTLS',
        description: 'A registered participant certificate as TLS client certificate',
      },
      operatorSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'knooppunt-session',
        description:
          "An operator's session from POST /v1/operator/session (named __Host-knooppunt-session when Secure); state-changing requests also send its csrfToken in X-CSRF-Token",
      },
      portalSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'knooppunt-portal',
        description:
          "A portal user's session from POST /v1/portal/session (named __Host-knooppunt-portal when Secure); state-changing requests also send its csrfToken in X-CSRF-Token",
      },
      metricsToken: {
        type: 'http',
        scheme: 'bearer',
        description:
          "The operators' metrics token (KNOOPPUNT_METRICS_TOKEN); GET /metrics is open when it is not set",
      },
    },
    schemas: {
      ...OPENAPI_SCHEMAS,
      ...ATTACHMENT_SCHEMAS,
      ...LOG_SCHEMAS,
      ...CONSOLE_SCHEMAS,
      ...PORTAL_SCHEMAS,
      ...PORTAL_SEND_SCHEMAS,
      ...PORTAL_BULK_SCHEMAS,
    },
    responses: {
      ...Object.fromEntries(
        Object.entries(SHARED_PROBLEMS).map(([status, text]) => [`P${status}`, problem(text)]),
      ),
      P503: { ...problem(SHARED_PROBLEMS[503] as string), headers: { 'Retry-After': RETRY_AFTER } },
      RateLimited: {
        ...problem(
          "RATE_LIMITED: more requests than the participant's share of this hub process (KNOOPPUNT_RATE_LIMIT_PER_SECOND); send again after Retry-After seconds",
        ),
        headers: { 'Retry-After': RETRY_AFTER },
      },
      RouteNotFound: problem('ROUTE_NOT_FOUND: no such endpoint'),
      MethodNotAllowed: problem(SHARED_PROBLEMS[405] as string),
    },
  },
};

/** The OpenAPI document, with `serverUrl` (the hub's public URL) as its server. */
export function openApiDocument(serverUrl: string): Json {
  return { ...DOCUMENT, servers: [{ url: serverUrl }] };
}
