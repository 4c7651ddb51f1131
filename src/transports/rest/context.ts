/**
 * The REST transport's working set, built once per app from the hub's services: the
 * authentication pieces (certificate identification, access tokens, client assertions and the
 * `authenticate` middleware) next to the injected dependencies every route reads.
 */
import type { Request, RequestHandler } from 'express';
import { authenticate } from './auth.ts';
import { CertificateIdentifier } from './certificate_identity.ts';
import { ClientAssertionVerifier } from './client_assertion.ts';
import type { RestDeps } from './deps.ts';
import { ParticipantQuota } from './quota.ts';
import { AccessTokens } from './tokens.ts';

/** What routes work with. */
export interface RestContext extends RestDeps {
  readonly tokens: AccessTokens;
  readonly assertions: ClientAssertionVerifier;
  /** Middleware: authenticates the participant (mutual TLS or bearer token) or answers 401/403. */
  readonly authenticate: RequestHandler;
}

/** Builds the context over the hub's services. */
export function createRestContext(deps: RestDeps): RestContext {
  const certificates = new CertificateIdentifier(deps);
  const tokens = new AccessTokens({
    hubSigner: deps.hubSigner,
    hubOin: deps.hubOin,
    clock: deps.clock,
    ttlSeconds: deps.config.tokenTtlSeconds,
  });
  return {
    ...deps,
    tokens,
    assertions: new ClientAssertionVerifier({
      identifier: certificates,
      clock: deps.clock,
      claims: deps.ledger,
    }),
    authenticate: authenticate({
      registry: deps.registry,
      certificates,
      tokens,
      quota: new ParticipantQuota(deps.config.rateLimit),
    }),
  };
}

/**
 * The hub's public base URL for this request: `config.publicUrl`, except that port 0 (a hub
 * started with `PORT=0` and no `KNOOPPUNT_PUBLIC_URL`, as tests do) means the port the server
 * actually listens on.
 */
export function publicUrlOf(publicUrl: string, req: Request): string {
  const url = new URL(publicUrl);
  if (url.port === '0' && req.socket.localPort !== undefined) {
    url.port = String(req.socket.localPort);
  }
  return url.href.replace(/\/$/, '');
}
