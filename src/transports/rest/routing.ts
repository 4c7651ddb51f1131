/**
 * Declaring routes: each path lists its methods and their handlers, and answers any other
 * method with 405 METHOD_NOT_ALLOWED and an `Allow` header (RFC 9110 §15.5.6). Paths that
 * match nothing fall through to app.ts's 404 ROUTE_NOT_FOUND.
 */
import type { RequestHandler, Router } from 'express';
import { HttpProblem } from './problem.ts';

/** The methods the API uses. */
export type Method = 'get' | 'post' | 'put' | 'delete';

/** The handlers of one path, per method, in order. */
export type PathHandlers = Partial<Record<Method, readonly RequestHandler[]>>;

/** Mounts `handlers` on `path` of `router`, plus the 405 answer for every other method. */
export function mount(router: Router, path: string, handlers: PathHandlers): void {
  const route = router.route(path);
  const allowed: string[] = [];
  for (const method of Object.keys(handlers) as Method[]) {
    route[method](...(handlers[method] ?? []));
    allowed.push(method.toUpperCase());
  }
  if (allowed.includes('GET')) allowed.push('HEAD'); // express answers HEAD with the GET handler
  const allow = allowed.join(', ');
  route.all(() => {
    throw new HttpProblem('METHOD_NOT_ALLOWED', `${path} allows ${allow}`, {
      headers: { Allow: allow },
    });
  });
}
