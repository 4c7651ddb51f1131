/**
 * `knooppunt participants add|suspend|activate` with AMQP_URL set provision the participant's
 * RabbitMQ user on the real broker, without a running hub: a new participant can log in with
 * the printed password and read its own queue (declared at once) and nobody else's; suspension
 * deletes the user; activation makes a new one with a new password.
 */
import { randomInt } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import amqp from 'amqplib';
import { expect } from 'chai';
import { pkiIssue } from '../../../src/pki/files.ts';
import { participantQueue } from '@knooppunt/standard';
import { createTestVhost, management, rabbitAvailable } from '../../support/amqp.ts';
import type { TestVhost } from '../../support/amqp.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { freshEnvironment, knooppunt } from '../../unit/cli/run_cli.ts';

/** Broker users are global: a fresh OIN per run, removed afterwards. */
const OIN = `000000039${String(randomInt(10 ** 10)).padStart(10, '0')}0`;

/** Connects, runs `work` on a channel, closes; returns the broker's refusal if any. */
async function asParticipant(
  url: string,
  work: (channel: amqp.Channel) => Promise<unknown>,
): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await work(channel);
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error('expected the broker to refuse');
}

describe('knooppunt participants: broker provisioning from the command line (RabbitMQ)', function () {
  this.timeout(60_000);
  let vhost: TestVhost;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let password: string;
  const cli = (...args: string[]) => knooppunt({ env }, ...args);
  const passwordIn = (out: string): string => {
    const match = /AMQP user: (\d{20}) password: (\S+)/.exec(out);
    expect(match, out).to.not.equal(null);
    expect(match?.[1]).to.equal(OIN);
    return match?.[2] as string;
  };

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    vhost = await createTestVhost();
    ({ dataDir, env } = freshEnvironment());
    const init = await cli('init');
    expect(init.code, init.err).to.equal(0);
    // Provisioning is for participants added from now on: the broker is configured after init.
    env = { ...env, AMQP_URL: vhost.url };
  });

  after(async () => {
    await management('DELETE', `/api/users/${OIN}`).catch(() => undefined);
    await vhost?.remove().catch(() => undefined);
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('add creates the user with a printed password, its permissions and its queue', async () => {
    const { certPath } = pkiIssue(join(dataDir, 'pki'), { oin: OIN, name: 'Incasso Zuid B.V.' });
    const run = await cli(
      'participants',
      'add',
      '--oin',
      OIN,
      '--name',
      'Incasso Zuid B.V.',
      '--kind',
      'schuldeiser',
      '--transport',
      'amqp',
      '--cert',
      certPath,
    );
    expect(run.code, run.err).to.equal(0);
    password = passwordIn(run.out);
    const permissions = (await (
      await management('GET', `/api/users/${OIN}/permissions`)
    ).json()) as { vhost: string; configure: string; write: string; read: string }[];
    expect(permissions).to.have.length(1);
    expect(permissions[0]?.vhost).to.equal(vhost.name);
    expect(permissions[0]?.configure).to.equal('^$');
    await asParticipant(vhost.urlFor(OIN, password), async (channel) => {
      const queue = await channel.checkQueue(participantQueue(OIN));
      expect(queue.queue).to.equal(participantQueue(OIN));
      await channel.consume(participantQueue(OIN), () => undefined);
    });
  });

  it('the new user may not read another participant’s queue', async () => {
    const message = await refusal(
      asParticipant(vhost.urlFor(OIN, password), (channel) =>
        channel.consume(participantQueue(devOin('energie')), () => undefined),
      ),
    );
    expect(message).to.match(/ACCESS_REFUSED|403/);
  });

  it('suspend deletes the user; activate makes a new one with a new password', async () => {
    const suspended = await cli('participants', 'suspend', OIN);
    expect(suspended.code, suspended.err).to.equal(0);
    expect((await management('GET', `/api/users/${OIN}`)).status).to.equal(404);
    const loginRefused = await refusal(amqp.connect(vhost.urlFor(OIN, password)));
    expect(loginRefused).to.match(/ACCESS_REFUSED|403/);

    const activated = await cli('participants', 'activate', OIN);
    expect(activated.code, activated.err).to.equal(0);
    const renewed = passwordIn(activated.out);
    expect(renewed).to.not.equal(password);
    await asParticipant(vhost.urlFor(OIN, renewed), (channel) =>
      channel.checkQueue(participantQueue(OIN)),
    );
  });
});
