/**
 * The REST transport: the express application over the hub's services (API v1, docs/api.md).
 *
 *   security headers → request id + log line → route (authenticate → read body → handler)
 *   → 404 / 405 → error handler (every failure as RFC 9457 problem details)
 *
 * Handlers are thin: the pipeline decides about messages, the ledger records state, and this
 * layer authenticates, maps results to HTTP and never logs a payload.
 */
import express from 'express';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from '../../ops/logger.ts';
import { isTransientCode, KnooppuntError } from '@knooppunt/standard';
import { createRestContext } from './context.ts';
import type { RestDeps } from './deps.ts';
import { HttpProblem, sendProblem } from './problem.ts';
import { requestContext, requestIdOf } from './request_context.ts';
import { transportSecurityHeaders } from './security_headers.ts';
import { mountAttachmentRoutes } from './routes/attachments.ts';
import { mountConversationRoutes } from './routes/conversations.ts';
import { mountDirectoryRoutes } from './routes/directory.ts';
import { mountPublicRoutes } from './routes/health.ts';
import { mountLogRoutes } from './routes/log.ts';
import { mountMailboxRoutes } from './routes/mailbox.ts';
import { mountMessageRoutes } from './routes/messages.ts';
import { mountMetricsRoutes } from './routes/metrics.ts';
import { mountOperatorAdminRoutes } from './routes/operator_admin.ts';
import { mountOperatorConsoleRoutes } from './routes/operator_console.ts';
import { mountOperatorSessionRoutes } from './routes/operator_session.ts';
import { mountPortalRoutes } from './routes/portal.ts';
import { mountPortalBulkRoutes } from './routes/portal_bulk.ts';
import { mountPortalSendRoutes } from './routes/portal_send.ts';
import { mountConsoleFiles } from './console_files.ts';
import { mountTokenRoutes } from './routes/token.ts';

/** Builds the express application. */
export function createRestApp(deps: RestDeps): Express {
  const context = createRestContext(deps);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag'); // answers are small and change with state; no conditional requests
  // Behind a load balancer or proxy: how many hops to trust for the client's address
  // (X-Forwarded-For), which the operators' login throttle counts by.
  app.set('trust proxy', deps.config.trustProxyHops);
  app.use(transportSecurityHeaders());
  app.use(requestContext(deps.logger));
  const router = express.Router({ caseSensitive: true, strict: false });
  mountPublicRoutes(router, context);
  mountTokenRoutes(router, context);
  mountMessageRoutes(router, context);
  mountAttachmentRoutes(router, context);
  mountMailboxRoutes(router, context);
  mountLogRoutes(router, context);
  mountConversationRoutes(router, context);
  mountDirectoryRoutes(router, context);
  mountMetricsRoutes(router, context);
  mountOperatorSessionRoutes(router, context);
  mountOperatorConsoleRoutes(router, context);
  mountOperatorAdminRoutes(router, context);
  mountPortalRoutes(router, context);
  mountPortalBulkRoutes(router, context);
  mountPortalSendRoutes(router, context);
  app.use(router);
  mountConsoleFiles(app, deps.consoleDir);
  app.use((req: Request) => {
    throw new HttpProblem('ROUTE_NOT_FOUND', `no endpoint ${req.path}; see /openapi.json`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}

/** Writes every error as problem details; logs the unexpected ones with the request id. */
function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error); // express's own handler closes the connection
      return;
    }
    const problem = asProblem(error);
    if (isTransientCode(problem.code)) {
      // The ledger or broker away or full: expected in an outage, answered with Retry-After,
      // counted by /v1/ready and the metrics — one line per request, no stack.
      logger.warn({ code: problem.code, requestId: requestIdOf(res) }, 'request deferred');
    } else if (problem.status >= 500) {
      logger.error(
        { err: problem.code === 'INTERNAL' ? error : problem, requestId: requestIdOf(res) },
        'request failed',
      );
    }
    if (problem.status === 401 && problem.headers['WWW-Authenticate'] === undefined) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="knooppunt"'); // RFC 9110 §11.6.1
    }
    try {
      sendProblem(req, res, problem);
    } catch (failure) {
      // Never express's own error page (HTML, a stack trace outside production): the plainest
      // problem there is, written by hand.
      logger.error({ err: failure, requestId: requestIdOf(res) }, 'writing a problem failed');
      if (res.headersSent) return;
      res.status(500).type('application/problem+json').send(LAST_RESORT);
    }
  };
}

/** The answer when even writing a problem failed. */
const LAST_RESORT = JSON.stringify({
  type: 'https://knooppunt.nl/problems/internal',
  title: 'Internal error',
  status: 500,
  detail: 'an unexpected failure; quote the X-Request-Id header when you report it',
  code: 'INTERNAL',
});

function asProblem(error: unknown): HttpProblem {
  if (error instanceof KnooppuntError) return HttpProblem.from(error);
  // express's own 400s (a path parameter that is not valid percent-encoding).
  if ((error as { status?: unknown } | null)?.status === 400) {
    return new HttpProblem('USAGE_INVALID', 'the request cannot be read', { cause: error });
  }
  return new HttpProblem(
    'INTERNAL',
    'an unexpected failure; quote the request id when you report it',
    { cause: error },
  );
}
