/**
 * `GET /metrics`: the hub's metrics in Prometheus' text format, for the operators' Prometheus
 * (docs/operations.md, "Monitoring"). Metadata only — counts, times, ids, codes, OINs. With
 * `KNOOPPUNT_METRICS_TOKEN` set it wants that bearer token; participants' tokens never open it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { bearerToken } from '../auth.ts';
import type { RestContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';
import { mount } from '../routing.ts';

/** Mounts the metrics route (when the hub has metrics). */
export function mountMetricsRoutes(router: Router, context: RestContext): void {
  const { metrics } = context;
  if (metrics === undefined) return;
  mount(router, '/metrics', {
    get: [
      async (req: Request, res: Response) => {
        requireMetricsToken(req, context.config.metricsToken);
        const { contentType, text } = await metrics.exposition();
        res.type(contentType).send(text);
      },
    ],
  });
}

function requireMetricsToken(req: Request, token: string | undefined): void {
  if (token === undefined) return;
  // Compared as digests: equal lengths, and the time says nothing of the token.
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  if (!timingSafeEqual(digest(bearerToken(req) ?? ''), digest(token))) {
    throw new HttpProblem(
      'UNAUTHENTICATED',
      'the metrics want the bearer token of KNOOPPUNT_METRICS_TOKEN',
    );
  }
}
