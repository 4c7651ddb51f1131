/**
 * The dead-letter queue is bounded by the broker, on real RabbitMQ: the hub sets its policy at
 * start-up with the configured bounds (KNOOPPUNT_DEAD_LETTER_MAX / _DAYS); past the maximum
 * the oldest dead letter goes, past its TTL a dead letter goes; the console's queue view shows
 * the bounds and when each dead letter goes.
 */
import { expect } from 'chai';
import { management, rabbitAvailable } from '../../support/amqp.ts';
import { plantDeadLetter } from '../../support/dead_letters.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { DEAD_LETTER_POLICY } from '../../../src/transports/amqp/dead_letter_policy.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

const DAY_MS = 86_400_000;

/** Plants a dead letter from the gemeente; returns its message id. */
async function plant(world: AmqpWorld): Promise<string> {
  const message = saldoverzoek(world.testHub, 'gemeente', 'energie');
  const id = message.envelope.messageId;
  await plantDeadLetter(world.vhost, devOin('gemeente'), message, id);
  return id;
}

/** The message ids in the dead-letter queue, oldest first. */
async function deadLetterIds(world: AmqpWorld): Promise<string[]> {
  const listed = await world.testHub.hub.amqp?.deadLetters.list(10);
  return (listed?.items ?? []).map((item) => item.messageId ?? '?');
}

/** `GET /v1/operator/queues` as a new admin, checked against the OpenAPI document. */
async function consoleQueues(world: AmqpWorld): Promise<{
  deadLetters: {
    max: number;
    days: number;
    items: { messageId?: string; deadLetteredAt?: string; expiresAt?: string }[];
  };
}> {
  const { testHub } = world;
  const { password } = await testHub.hub.operators.accounts.add('beheer', 'admin', 'test');
  const session = await fetch(`${testHub.baseUrl}/v1/operator/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'beheer', password }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const path = '/v1/operator/queues';
  const response = await fetch(`${testHub.baseUrl}${path}`, { headers: { cookie } });
  const text = await response.text();
  testHub.openapi.check({
    method: 'GET',
    path,
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    text,
  });
  expect(response.status).to.equal(200);
  return JSON.parse(text);
}

describe('AMQP transport: the broker bounds the dead-letter queue (RabbitMQ)', function () {
  this.timeout(60_000);

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
  });

  describe('at most KNOOPPUNT_DEAD_LETTER_MAX, for KNOOPPUNT_DEAD_LETTER_DAYS', () => {
    let world: AmqpWorld;
    before(async () => {
      world = await startAmqpWorld({
        KNOOPPUNT_DEAD_LETTER_MAX: '2',
        KNOOPPUNT_DEAD_LETTER_DAYS: '3',
      });
    });
    after(async () => world?.stop());

    it('sets a policy on exactly the dead-letter queue with the configured bounds at start-up', async () => {
      const vhost = encodeURIComponent(world.vhost.name);
      const policy = (await (
        await management('GET', `/api/policies/${vhost}/${DEAD_LETTER_POLICY}`)
      ).json()) as Record<string, unknown>;
      expect(policy).to.deep.include({
        pattern: '^knooppunt\\.dead-letters$',
        'apply-to': 'queues',
        definition: { 'max-length': 2, 'message-ttl': 3 * DAY_MS, overflow: 'drop-head' },
      });
    });

    it('keeps the newest 2 of 3 dead letters, and the console shows the bounds and when each goes', async () => {
      const ids = [await plant(world), await plant(world), await plant(world)];
      expect(await deadLetterIds(world)).to.deep.equal(ids.slice(1));

      const { deadLetters } = await consoleQueues(world);
      expect(deadLetters).to.include({ max: 2, days: 3 });
      expect(deadLetters.items).to.have.length(2);
      for (const item of deadLetters.items) {
        const { deadLetteredAt, expiresAt } = item as { deadLetteredAt: string; expiresAt: string };
        expect(Date.parse(expiresAt) - Date.parse(deadLetteredAt)).to.equal(3 * DAY_MS);
      }
    });
  });

  describe('a dead letter past its TTL', () => {
    const ttlMs = 1000;
    let world: AmqpWorld;
    before(async () => {
      world = await startAmqpWorld({ KNOOPPUNT_DEAD_LETTER_DAYS: String(ttlMs / DAY_MS) });
    });
    after(async () => world?.stop());

    it('is dropped by the broker once its TTL (1 s) has passed', async () => {
      const started = Date.now();
      const id = await plant(world);
      const policy = (await (
        await management(
          'GET',
          `/api/policies/${encodeURIComponent(world.vhost.name)}/${DEAD_LETTER_POLICY}`,
        )
      ).json()) as { definition: Record<string, unknown> };
      expect(policy.definition).to.include({ 'message-ttl': ttlMs, 'max-length': 10_000 });
      const early = await deadLetterIds(world);
      if (Date.now() - started < ttlMs) expect(early).to.deep.equal([id]);

      let left = early;
      for (let i = 0; left.length > 0 && i < 50; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        left = await deadLetterIds(world);
      }
      expect(left).to.deep.equal([]);
      expect(Date.now() - started).to.be.at.least(ttlMs);
    });
  });
});
