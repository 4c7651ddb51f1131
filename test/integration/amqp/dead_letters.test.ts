/**
 * Dead letters for operators, on real RabbitMQ: the console lists them by their properties
 * only; an admin replays one (the hub processes it as if it had just arrived, and its sender
 * gets the receipt) and discards another; a replay the hub refuses again leaves the message
 * where it was; each action is in the audit trail; a viewer can do none of it.
 */
import { expect } from 'chai';
import { rabbitAvailable } from '../../support/amqp.ts';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { plantDeadLetter } from '../../support/dead_letters.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

interface Queues {
  deadLetters: {
    available: boolean;
    count: number;
    items: { id: string; reason: string; sender?: string; messageId?: string; bytes: number }[];
  };
}

describe('AMQP transport: dead letters replayed and discarded by an operator (RabbitMQ)', function () {
  this.timeout(60_000);
  let world: AmqpWorld;
  let gemeente: ParticipantAmqp;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};

  async function call(who: string, method: string, path: string): Promise<Response> {
    const session = sessions[who] as { cookie: string; csrf: string };
    const response = await fetch(`${world.testHub.baseUrl}${path}`, {
      method,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    const text = await response.text();
    world.testHub.openapi.check({
      method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type') ?? undefined,
      text,
    });
    return new Response(text === '' ? null : text, { status: response.status });
  }

  const queues = async (): Promise<Queues> =>
    (await (await call('admin', 'GET', '/v1/operator/queues')).json()) as Queues;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld();
    gemeente = await world.connect('gemeente');
    const accounts = world.testHub.hub.operators.accounts;
    for (const [name, role] of [
      ['admin', 'admin'],
      ['viewer', 'viewer'],
    ] as const) {
      const { password } = await accounts.add(name, role, 'test');
      const response = await fetch(`${world.testHub.baseUrl}/v1/operator/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      sessions[name] = {
        cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] as string,
        csrf: ((await response.json()) as { csrfToken: string }).csrfToken,
      };
    }
  });
  after(async () => world?.stop());

  it('lists, replays, refuses to lose and discards dead letters, in the audit trail', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'energie');
    const id = message.envelope.messageId;
    await plantDeadLetter(world.vhost, devOin('gemeente'), message, id);
    // A message without user_id: the hub cannot answer anybody and dead-letters it itself.
    await gemeente.publish('submission', Buffer.from('{"no":"sender"}'), { userId: null });

    let listed = await queues();
    for (let i = 0; listed.deadLetters.count < 2 && i < 50; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      listed = await queues();
    }
    expect(listed.deadLetters).to.include({ available: true, count: 2 });
    const planted = listed.deadLetters.items.find((item) => item.messageId === id);
    const unreadable = listed.deadLetters.items.find((item) => item.messageId !== id);
    expect(planted).to.include({ reason: 'delivery_limit', sender: devOin('gemeente') });
    expect(unreadable).to.include({ reason: 'rejected' });
    expect(JSON.stringify(listed)).to.not.include('no'.concat('":"sender'));

    for (const [method, path] of [
      ['POST', `/v1/operator/queues/dead-letters/${planted?.id}/replay`],
      ['DELETE', `/v1/operator/queues/dead-letters/${planted?.id}`],
    ] as const) {
      expect((await call('viewer', method, path)).status).to.equal(403);
    }

    const replayed = await call(
      'admin',
      'POST',
      `/v1/operator/queues/dead-letters/${planted?.id}/replay`,
    );
    expect(replayed.status).to.equal(200);
    expect(await replayed.json()).to.deep.equal({
      id: planted?.id,
      action: 'replayed',
      outcome: 'processed',
    });
    expect(await gemeente.receipt(id, 10_000)).to.include({ status: 'accepted', messageId: id });
    expect(await world.testHub.hub.ledger.getMessage(id)).to.include({ status: 'accepted' });

    const again = await call(
      'admin',
      'POST',
      `/v1/operator/queues/dead-letters/${unreadable?.id}/replay`,
    );
    expect(((await again.json()) as { outcome: string }).outcome).to.equal('refused-again');
    expect((await queues()).deadLetters.count).to.equal(1);

    const discarded = await call(
      'admin',
      'DELETE',
      `/v1/operator/queues/dead-letters/${unreadable?.id}`,
    );
    expect(discarded.status).to.equal(200);
    expect((await queues()).deadLetters.count).to.equal(0);
    const gone = await call(
      'admin',
      'DELETE',
      `/v1/operator/queues/dead-letters/${unreadable?.id}`,
    );
    expect(gone.status).to.equal(404);

    const audit = (await (await call('admin', 'GET', '/v1/operator/audit')).json()) as {
      items: { operator: string; action: string }[];
    };
    expect(audit.items.slice(0, 3).map((item) => [item.operator, item.action])).to.deep.equal([
      ['admin', 'dead-letter-discarded'],
      ['admin', 'dead-letter-replayed'],
      ['admin', 'dead-letter-replayed'],
    ]);
  });
});
