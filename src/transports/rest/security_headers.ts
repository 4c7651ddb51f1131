/**
 * The security headers of every answer the REST transport gives. Every answer, API and web app
 * alike, says `X-Content-Type-Options: nosniff` (a problem or a JSON answer is never read as
 * script or HTML, https://fetch.spec.whatwg.org/#x-content-type-options-header), and every
 * answer over HTTPS — directly, or behind a proxy trusted to say so (`trust proxy`) — carries
 * `Strict-Transport-Security` (RFC 6797; never over plain HTTP, where §7.2 says not to send it).
 * The web apps add a content security policy that allows only the hub's own scripts, styles and
 * connections, no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY` for browsers
 * without CSP 2), no referrer, and helmet's other defaults.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** HSTS for a year, subdomains of the hub's host included (RFC 6797 §6.1). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The web apps' content security policy (CSP Level 3 directive names): the hub's own origin
 * only, no inline or evaluated script, no plugins, no framing.
 */
export const WEB_APP_CSP: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
});

/** `nosniff` on every answer; HSTS on every answer over HTTPS. Mount before any route. */
export function transportSecurityHeaders(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (req.secure) res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    next();
  };
}

/** The web apps' headers (helmet): the policy above, no framing, no referrer. */
export function webAppSecurityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(WEB_APP_CSP).map(([name, sources]) => [name, [...sources]]),
      ),
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Sent by transportSecurityHeaders, and only over HTTPS.
    strictTransportSecurity: false,
  });
}
