/**
 * `npm run bench:amqp`: messages per second through the hub over AMQP — signed submissions
 * published by the sender's own connection with publisher confirms, each run through the
 * pipeline, written to the ledger (SQLite with group commit; MongoDB/FerretDB with
 * `--mongodb`) and answered with a signed receipt on the sender's queue; timed until the last
 * receipt arrived — next to raw amqplib publish → consume with confirms of the same bodies on
 * the same broker, measured in the same run. Needs RabbitMQ with the management plugin
 * (`bash scripts/services.sh start`); uses a throw-away vhost.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { startThrowawayHub } from '../src/hub/throwaway_hub.ts';
import { DEV_NETWORK } from '../src/devnet/dev_network.ts';
import {
  ParticipantAmqp,
  amqpPassword,
  createTestVhost,
  management,
} from '../test/support/amqp.ts';
import { examplePayload } from '../test/support/examples.ts';
import { buildMessage } from '../test/support/message_builder.ts';
import { TEST_MONGODB_URL, uniqueDatabaseName } from '../test/support/mongo.ts';
import { devSigner } from '../test/support/rest_client.ts';
import { devOin } from '../test/support/test_hub.ts';
import { formatRate } from './harness.ts';

const useMongo = process.argv.includes('--mongodb');
const count = Number(process.argv.find((arg) => arg.startsWith('--count='))?.slice(8) ?? 2000);

const vhost = await createTestVhost();
const throwaway = await startThrowawayHub({
  name: 'bench-amqp',
  env: {
    AMQP_URL: vhost.url,
    ...(useMongo ? { MONGODB_URL: TEST_MONGODB_URL, MONGODB_DB: uniqueDatabaseName('bench') } : {}),
  },
});
const { dataDir } = throwaway;

try {
  const sender = devOin('gemeente');
  const signer = devSigner(dataDir, sender);
  const payload = examplePayload('saldoverzoek', 'inventarisatie');
  const conversationId = crypto.randomUUID();
  const build = (n: number) =>
    Array.from({ length: n }, () =>
      buildMessage({
        signer,
        sender,
        recipient: devOin('energie'),
        module: 'schuldinventarisatie',
        messageType: 'saldoverzoek',
        payload,
        conversationId,
      }),
    );
  const client = await ParticipantAmqp.connect(
    vhost.urlFor(sender, amqpPassword(dataDir, sender)),
    sender,
  );

  // Through the hub: publish with confirms (window 256), wait for every receipt.
  await runHub(client, build(50)); // warm-up
  const messages = build(count);
  const hubSeconds = await runHub(client, messages);
  const accepted = client.received.filter((m) => m.content.includes('"status":"accepted"'));
  if (accepted.length < count) throw new Error(`only ${accepted.length} receipts accepted`);
  await client.close();

  // Raw amqplib on the same broker: the same bodies, publish → consume, confirms on.
  const bodies = messages.map((message) => Buffer.from(JSON.stringify(message)));
  const rawSeconds = await runRaw(vhost.url, bodies);

  const hubRate = count / hubSeconds;
  const rawRate = count / rawSeconds;
  const rows = [
    ['| path', '| messages/s', '| raw amqplib messages/s (same run)', '| ratio |'],
    [
      `| AMQP submission → receipt through the hub (${useMongo ? 'MongoDB/FerretDB' : 'SQLite'} ledger)`,
      `| ${formatRate(hubRate)}`,
      `| ${formatRate(rawRate)}`,
      `| ${(hubRate / rawRate).toFixed(2)} |`,
    ],
  ];
  console.log(`${count} messages, Node ${process.version}, ${os.cpus().length} cores`);
  for (const row of rows) console.log(row.join(' '));

  async function runHub(participant: ParticipantAmqp, batch: typeof messages): Promise<number> {
    const before = participant.received.length;
    const start = performance.now();
    for (let i = 0; i < batch.length; i += 256) {
      await Promise.all(batch.slice(i, i + 256).map((m) => participant.submit(m)));
    }
    await participant.waitFor(() => participant.received.length - before >= batch.length, 300_000);
    return (performance.now() - start) / 1000;
  }
} finally {
  await throwaway.stop();
  await vhost.remove();
  for (const participant of DEV_NETWORK)
    await management('DELETE', `/api/users/${participant.oin}`);
}

/** Publishes `bodies` to a quorum queue with confirms (window 256) and consumes them all. */
async function runRaw(url: string, bodies: readonly Buffer[]): Promise<number> {
  const connection = await amqp.connect(url);
  const publisher = await connection.createConfirmChannel();
  const consumer = await connection.createChannel();
  const queue = 'bench.raw';
  await publisher.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await consumer.prefetch(256);
  let received = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  await consumer.consume(queue, (message) => {
    if (message === null) return;
    consumer.ack(message);
    received += 1;
    if (received === bodies.length) done();
  });
  const start = performance.now();
  for (let i = 0; i < bodies.length; i += 256) {
    await Promise.all(
      bodies
        .slice(i, i + 256)
        .map(
          (body) =>
            new Promise<void>((resolve, reject) =>
              publisher.sendToQueue(queue, body, { persistent: true }, (error: unknown) =>
                error ? reject(error as Error) : resolve(),
              ),
            ),
        ),
    );
  }
  await all;
  const seconds = (performance.now() - start) / 1000;
  await connection.close();
  return seconds;
}
