/**
 * The web apps' files: the built operator console (`npm run build:web`, run by `npm ci`) served
 * at `/console/`, and the participant portal built beside it served at `/portaal/`, each with
 * `index.html` for every path below it (the app routes in the browser) except `assets/`, where a
 * file that is not there is a 404: a page of an older build asking for its chunk gets an honest
 * answer, not HTML in place of a script. Security headers from security_headers.ts: a content
 * security policy that allows only the hub's own scripts, styles and connections, no framing,
 * no referrer. Hashed assets are cached for a year; `index.html` never.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Express, Request, Response } from 'express';
import { HttpProblem } from './problem.ts';
import { webAppSecurityHeaders } from './security_headers.ts';

/** Where the build puts the console: `web/dist/console` in the repository. */
export function defaultConsoleDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist/console');
}

/** Where the build puts the portal: beside the console (`web/dist/portal`). */
export function portalDirBeside(consoleDir: string): string {
  return join(dirname(consoleDir), 'portal');
}

/**
 * Mounts `/console` and `/portaal` on `app` (the portal from the folder beside the console's);
 * without a build, each answers what to do.
 */
export function mountConsoleFiles(app: Express, dir: string | undefined): void {
  mountWebApp(app, '/console', dir, 'the console');
  mountWebApp(app, '/portaal', dir === undefined ? undefined : portalDirBeside(dir), 'the portal');
}

/** Serves the built app in `dir` at `path/`, index.html for every path below it but `assets/`. */
function mountWebApp(app: Express, path: string, dir: string | undefined, name: string): void {
  const index = dir === undefined ? undefined : join(dir, 'index.html');
  const headers = webAppSecurityHeaders();
  app.get(path, (req: Request, res: Response, next) => {
    // Routing is not strict: `<path>/` comes here too, and must not be redirected again.
    if (req.originalUrl.split('?')[0] === path) res.redirect(301, `${path}/`);
    else next();
  });
  const files =
    dir === undefined
      ? undefined
      : express.static(dir, { index: false, immutable: true, maxAge: '365d', fallthrough: true });
  app.use(path, headers, (req: Request, res: Response, next) => {
    if (index === undefined || files === undefined || !existsSync(index)) {
      throw new HttpProblem(
        'ROUTE_NOT_FOUND',
        `${name} is not built here: run \`npm run build:web\` (npm ci does it)`,
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    return files(req, res, (error?: unknown) => {
      if (error !== undefined) return next(error);
      // Called from the file system's callback: handed on, not thrown.
      if (req.path.startsWith('/assets/')) {
        return next(new HttpProblem('ROUTE_NOT_FOUND', `${name} has no such file`));
      }
      res.setHeader('Cache-Control', 'no-store');
      return res.sendFile(index);
    });
  });
}
