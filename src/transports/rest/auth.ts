/**
 * Authentication of every participant route, two ways (DESIGN.md, Trust):
 *
 * - mutual TLS: when the hub serves HTTPS it asks for a client certificate; the certificate's
 *   `x5t#S256` must name a registered, active, trusted certificate (CertificateIdentifier);
 * - a bearer token (`Authorization: Bearer <jwt>`) that this hub issued (AccessTokens).
 *
 * A client may present both; then both must hold and name the same participant. The
 * participant must be registered and active on every request (the registry caches for 5 s), so
 * a suspension takes effect at once in this process and within 5 s in the others; and within
 * its share of the process (quota.ts).
 */
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ParticipantRegistry } from '../../participants/registry.ts';
import type { Participant } from '../../participants/types.ts';
import { thumbprintOf } from '@knooppunt/standard';
import type { CertificateIdentifier } from './certificate_identity.ts';
import { HttpProblem } from './problem.ts';
import type { ParticipantQuota } from './quota.ts';
import { setParticipant } from './request_context.ts';
import type { AccessTokens } from './tokens.ts';

/** RFC 6750 §3: every 401 names the scheme the client should use. */
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="knooppunt"' };

/** What authentication needs. */
export interface AuthDeps {
  readonly registry: ParticipantRegistry;
  readonly certificates: CertificateIdentifier;
  readonly tokens: AccessTokens;
  /** Each participant's share of this process (429 RATE_LIMITED past it). */
  readonly quota: ParticipantQuota;
}

/** The middleware that authenticates a participant or answers 401/403. */
export function authenticate(deps: AuthDeps): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    const certificate = clientCertificate(req);
    if (token === undefined && certificate === undefined) {
      throw new HttpProblem(
        'UNAUTHENTICATED',
        'present a client certificate (mutual TLS) or a bearer token from POST /v1/token',
        { headers: CHALLENGE },
      );
    }
    const byCertificate =
      certificate === undefined
        ? undefined
        : (await deps.certificates.identify(thumbprintOf(certificate))).participant;
    const tokenOin = token === undefined ? undefined : deps.tokens.verify(token);
    if (byCertificate !== undefined && tokenOin !== undefined && byCertificate.oin !== tokenOin) {
      throw new HttpProblem(
        'UNAUTHENTICATED',
        'the client certificate and the bearer token name different participants',
        { headers: CHALLENGE },
      );
    }
    const participant: Participant =
      byCertificate ?? (await deps.registry.requireActive(tokenOin as string));
    deps.quota.take(participant.oin);
    setParticipant(res, participant);
    next();
  };
}

/**
 * The bearer token of the request (RFC 6750 §2.1); undefined without an Authorization header,
 * 401 UNAUTHENTICATED for one that is not `Bearer <token>`.
 */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('Authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header);
  if (match === null) {
    throw new HttpProblem('UNAUTHENTICATED', 'the Authorization header is not "Bearer <token>"', {
      headers: CHALLENGE,
    });
  }
  return match[1];
}

/** The client certificate of a TLS connection, if the client sent one. */
function clientCertificate(req: Request): X509Certificate | undefined {
  const socket = req.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return undefined; // plain HTTP
  const peer = socket.getPeerCertificate(false);
  if (peer === null || peer.raw === undefined) return undefined; // `{}` when none was sent
  try {
    return new X509Certificate(peer.raw);
  } catch (cause) {
    throw new HttpProblem('CERT_INVALID', 'the client certificate cannot be read', {
      status: 401,
      cause,
      headers: CHALLENGE,
    });
  }
}
