/**
 * The unauthenticated routes for load balancers and anyone verifying receipts:
 * `GET /v1/health` (the process answers; no I/O), `GET /v1/ready` (the ledger and any extra
 * checks answer within a deadline; 503 otherwise), `GET /v1/hub/certificate` (the hub's
 * certificate, PEM, to verify receipts with) and `GET /openapi.json` (the API description) and `GET /asyncapi.json` (the AMQP transport's).
 */
import { readFileSync } from 'node:fs';
import type { Response, Router } from 'express';
import { asyncApiDocument } from '../../amqp/asyncapi.ts';
import type { BrokerAddress } from '../../amqp/asyncapi.ts';
import { vhostOf } from '../../amqp/provisioning.ts';
import type { RestContext } from '../context.ts';
import { publicUrlOf } from '../context.ts';
import { openApiDocument } from '../openapi.ts';
import { mount } from '../routing.ts';
import { withTimeout } from '../../../ops/timeout.ts';

/** How long a readiness check may take before it counts as failed. */
export const READINESS_TIMEOUT_MS = 2000;

/** Mounts health, readiness, the hub certificate and the OpenAPI document. */
export function mountPublicRoutes(router: Router, context: RestContext): void {
  mount(router, '/v1/health', { get: [(_req, res) => void res.json({ status: 'ok' })] });
  mount(router, '/v1/ready', { get: [(_req, res) => ready(context, res)] });
  const certificatePem = context.hubCertificate.toString();
  mount(router, '/v1/hub/certificate', {
    get: [(_req, res) => void res.type('application/x-pem-file').send(certificatePem)],
  });
  // The trust anchors participants' certificates chain to, for clients that verify senders'
  // signatures themselves (the development CA here; PKIoverheid roots in production).
  const trustPem = readFileSync(context.config.trustBundlePath, 'utf8');
  mount(router, '/v1/hub/trust', {
    get: [(_req, res) => void res.type('application/x-pem-file').send(trustPem)],
  });
  mount(router, '/openapi.json', {
    get: [(req, res) => void res.json(openApiDocument(publicUrlOf(context.config.publicUrl, req)))],
  });
  mount(router, '/asyncapi.json', {
    get: [(_req, res) => void res.json(asyncApiDocument(brokerAddress(context.config.amqpUrl)))],
  });
}

/** host:port (without credentials) and vhost of the broker participants connect to. */
function brokerAddress(amqpUrl: string | undefined): BrokerAddress {
  if (amqpUrl === undefined) return { host: 'localhost:5672', vhost: '/' };
  const url = new URL(amqpUrl);
  return {
    host: `${url.hostname}:${url.port === '' ? '5672' : url.port}`,
    vhost: vhostOf(amqpUrl),
  };
}

async function ready(context: RestContext, res: Response): Promise<void> {
  const checks = [
    { name: 'ledger', check: () => context.ledger.ping() },
    ...context.readinessChecks,
  ];
  const results = await Promise.all(
    checks.map(async ({ name, check }) => [name, await outcome(check)] as const),
  );
  const ok = results.every(([, result]) => result === 'ok');
  // A stopping hub finishes what it has but wants no more: load balancers take it out.
  const status = context.stopping?.() === true ? 'stopping' : ok ? 'ready' : 'not-ready';
  res.status(status === 'ready' ? 200 : 503).json({ status, checks: Object.fromEntries(results) });
}

/** `ok`, or the failure's message (a timeout counts as a failure). */
async function outcome(check: () => Promise<void>): Promise<string> {
  try {
    await withTimeout(check(), READINESS_TIMEOUT_MS);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
