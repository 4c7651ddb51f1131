/**
 * No input of any kind makes the hub fail (issue 12): a property test feeds arbitrary bytes,
 * arbitrary JSON and arbitrary path segments to every REST entry point that reads a body or an
 * id — as a participant, an operator and a portal user — and asserts that every answer is
 * problem details with a specific code of the hub: never INTERNAL, never a 5xx, always what
 * the OpenAPI document says that route answers. The runs are bounded, and their seed fixed
 * (KNOOPPUNT_FUZZ_SEED picks another), so the suite stays quick and CI repeats itself; the
 * document is checked against the path as it went out (`.` and `..` segments resolved).
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { HUB_ERROR_CODES, ManualClock } from '@knooppunt/standard';
import { FUZZ_SEED } from '../support/fuzz.ts';
import { PortalClient, portalUser } from '../support/portal_client.ts';
import { startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';

const CODES = new Set<string>(HUB_ERROR_CODES);

/** A method and a path. */
type Route = readonly [string, string];

describe('hostile input: arbitrary bytes and JSON at every REST entry point', function () {
  this.timeout(180_000);
  const clock = new ManualClock(new Date('2027-06-07T10:00:00.000Z'));
  let testHub: TestHub;
  let portal: PortalClient;

  before(async () => {
    testHub = await startTestHub({ clock });
    portal = await portalUser(testHub, 'energie', 'energie.fuzz', 'beheerder', clock);
  });
  after(async () => testHub?.stop());

  /** Checks one answer: below 500, and a problem with a known, specific code when it is an error. */
  function judge(what: string, status: number, body: unknown): boolean {
    if (status >= 500) throw new Error(`${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
    if (status < 400) return true;
    const code = (body as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !CODES.has(code) || code === 'INTERNAL') {
      throw new Error(
        `${what}: ${status} without a specific code: ${JSON.stringify(body).slice(0, 300)}`,
      );
    }
    return true;
  }

  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
    fc.jsonValue({ maxDepth: 6 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
    fc
      .record({
        envelope: fc.jsonValue({ maxDepth: 3 }),
        payload: fc.jsonValue({ maxDepth: 3 }),
        signature: fc.string(),
      })
      .map((value) => Buffer.from(JSON.stringify(value))),
  );
  const mediaTypes = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/csv',
    'text/plain',
    'application/octet-stream',
  );
  const segments = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '.',
      '..',
      '%2e%2e',
      '{"$ne":null}',
      "' OR 1=1 --",
      '__proto__',
      'constructor',
      '%00',
      'ａｄｍｉｎ',
    ),
  );

  const participantPosts = ['/v1/messages', '/v1/token'];
  const sessionPosts = ['/v1/operator/session', '/v1/portal/session'];
  const portalPosts = ['/v1/portal/outbox', '/v1/portal/keys', '/v1/portal/bulk/preview'];

  it('answers arbitrary bodies on every POST with a specific code, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...participantPosts, ...sessionPosts, ...portalPosts),
        mediaTypes,
        bodies,
        async (path, type, body) => {
          if (portalPosts.includes(path)) {
            const answer = await portal.call('POST', path, undefined, { body, type });
            return judge(
              `POST ${path} (${type})`,
              answer.status,
              await answer.json().catch(() => null),
            );
          }
          const answer = await testHub.client('gemeente').raw('POST', path, {
            body,
            headers: { 'Content-Type': type },
            ...(sessionPosts.includes(path) ? { auth: 'none' } : {}),
          });
          return judge(`POST ${path} (${type})`, answer.status, answer.body);
        },
      ),
      { numRuns: 150, seed: FUZZ_SEED },
    );
  });

  it('answers arbitrary ids in every path with a specific code, never a 5xx', async () => {
    const participantGets = [
      (id: string): Route => ['GET', `/v1/messages/${id}`],
      (id: string): Route => ['POST', `/v1/messages/${id}/ack`],
      (id: string): Route => ['GET', `/v1/messages/${id}/status`],
      (id: string): Route => ['GET', `/v1/conversations/${id}`],
      (id: string): Route => ['GET', `/v1/certificates/${id}`],
      (id: string): Route => ['GET', `/v1/schemas/${id}/${id}`],
      (id: string): Route => ['GET', `/v1/mailbox?cursor=${id}&limit=${id}`],
      (id: string): Route => ['GET', `/v1/participants?module=${id}`],
    ] as const;
    const portalGets = [
      (id: string): Route => ['GET', `/v1/portal/messages/${id}`],
      (id: string): Route => ['POST', `/v1/portal/messages/${id}/ack`],
      (id: string): Route => ['GET', `/v1/portal/conversations/${id}`],
      (id: string): Route => ['GET', `/v1/portal/messages?cursor=${id}&module=${id}&answer=${id}`],
      (id: string): Route => ['DELETE', `/v1/portal/keys/${id}/${id}`],
      (id: string): Route => ['POST', `/v1/portal/keys/${id}/${id}/approve`],
    ] as const;
    // Every route with the segments the URL parser resolves (`/v1/messages/.` goes out as
    // `/v1/messages/`), besides what the property draws.
    const dotSegments = ['.', '..'].flatMap((raw) =>
      [...participantGets, ...portalGets].map((_, index) => [index, raw] as [number, string]),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: participantGets.length + portalGets.length - 1 }),
        segments,
        async (index, raw) => {
          const id = encodeURIComponent(raw);
          if (index < participantGets.length) {
            const [method, path] = (
              participantGets[index] as (id: string) => readonly [string, string]
            )(id);
            const answer = await testHub.client('gemeente').raw(method, path);
            return judge(`${method} ${path}`, answer.status, answer.body);
          }
          const make = portalGets[index - participantGets.length] as (
            id: string,
          ) => readonly [string, string];
          const [method, path] = make(id);
          const answer = await portal.call(method, path);
          return judge(`${method} ${path}`, answer.status, await answer.json().catch(() => null));
        },
      ),
      { numRuns: 200, seed: FUZZ_SEED, examples: dotSegments },
    );
    // And the hub still serves.
    expect((await testHub.client('gemeente').raw('GET', '/v1/participants')).status).to.equal(200);
  });
});
