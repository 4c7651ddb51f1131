/**
 * The vendor examples in examples/ run, as written, against live hubs: the REST one against a
 * hub on the embedded SQLite ledger, the AMQP one against a hub with the real RabbitMQ (and the
 * MongoDB ledger) where the energy company takes delivery on its queue. Each stays under 80
 * lines, and the ledger shows what it printed.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { rabbitAvailable, TEST_AMQP_HOST } from '../support/amqp.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../support/mongo.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { startAmqpWorld } from './amqp/amqp_world.ts';
import type { AmqpWorld } from './amqp/amqp_world.ts';

const run = promisify(execFile);

async function example(file: string, env: Record<string, string>): Promise<string> {
  expect(readFileSync(file, 'utf8').split('\n').length, file).to.be.below(80);
  const { stdout } = await run(
    process.execPath,
    ['--conditions=knooppunt-source', '--import', 'tsx', file],
    {
      env: { ...process.env, ...env },
      timeout: 60_000,
    },
  );
  return stdout;
}

/** The saldoverzoek the example sent, and whether it and its answer were picked up. */
async function outcome(hub: TestHub['hub'], stdout: string) {
  const id = /saldoverzoek ([0-9a-f-]{36})/.exec(stdout)?.[1] as string;
  const question = await hub.ledger.getMessage(id);
  const conversation = await hub.ledger.listConversation(question?.conversationId as string);
  return { question, conversation };
}

describe('the vendor examples run against a live hub', function () {
  this.timeout(120_000);

  describe('examples/rest-integration.ts', () => {
    let hub: TestHub;
    before(async () => {
      hub = await startTestHub();
    });
    after(async () => hub?.stop());

    it('sends, receives, answers and acknowledges over REST', async () => {
      const stdout = await example('examples/rest-integration.ts', {
        HUB_URL: hub.baseUrl,
        KNOOPPUNT_DATA_DIR: hub.dataDir,
      });
      expect(stdout).to.match(/gemeente received the answer: 2 claim\(s\)/);
      const { question, conversation } = await outcome(hub.hub, stdout);
      expect(question).to.include({ status: 'picked-up', recipient: devOin('energie') });
      expect(conversation.map((m) => [m.messageType, m.status])).to.deep.equal([
        ['saldoverzoek', 'picked-up'],
        ['saldoverzoek-antwoord', 'picked-up'],
      ]);
    });
  });

  describe('examples/amqp-integration.ts', () => {
    let world: AmqpWorld;
    before(async function () {
      requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
      requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
      world = await startAmqpWorld();
      await world.preferAmqp('energie');
    });
    after(async () => world?.stop());

    it('sends over AMQP, takes delivery on the queue, answers and acknowledges', async () => {
      const stdout = await example('examples/amqp-integration.ts', {
        HUB_URL: world.testHub.baseUrl,
        KNOOPPUNT_DATA_DIR: world.testHub.dataDir,
        AMQP_HOST: TEST_AMQP_HOST,
        AMQP_VHOST: world.vhost.name,
      });
      expect(stdout).to.match(/energie received it on its queue and answered: accepted/);
      const { ledger } = world.testHub.hub;
      const { question } = await outcome(world.testHub.hub, stdout);
      expect(question).to.include({ transport: 'amqp', route: 'amqp' });
      for (
        let i = 0;
        (await ledger.getMessage(question?.messageId as string))?.status !== 'picked-up';
        i++
      ) {
        if (i > 100) throw new Error('the pickup was not recorded');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });
});
