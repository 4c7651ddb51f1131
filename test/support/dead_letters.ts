/**
 * Planting a dead letter as RabbitMQ itself would leave one when a quorum queue's delivery
 * limit ran out (the hub crashed on it again and again): the original message, its sender's
 * validated user_id, and the x-death header, on the dead-letter exchange. Publishing with
 * somebody else's user_id needs RabbitMQ's `impersonator` tag
 * (https://www.rabbitmq.com/docs/validated-user-id), which a throw-away test user gets here;
 * the hub itself never needs it.
 */
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { NAMES } from '@knooppunt/standard';
import { management } from './amqp.ts';
import type { TestVhost } from './amqp.ts';

/**
 * Publishes `body` from `sender` onto the vhost's dead-letter exchange, as the broker would;
 * its x-death time is `deadLetteredAt` (now unless said).
 */
export async function plantDeadLetter(
  vhost: TestVhost,
  sender: string,
  body: unknown,
  messageId: string,
  deadLetteredAt: Date = new Date(),
): Promise<void> {
  const user = `dlx-test-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await management('PUT', `/api/users/${user}`, { password, tags: 'impersonator' });
  await management('PUT', `/api/permissions/${vhost.name}/${user}`, {
    configure: '^$',
    write: `^${NAMES.deadLetterExchange.replace(/\./g, '\\.')}$`,
    read: '^$',
  });
  const model = await amqp.connect(vhost.urlFor(user, password));
  try {
    const channel = await model.createConfirmChannel();
    await new Promise<void>((resolve, reject) =>
      channel.publish(
        NAMES.deadLetterExchange,
        'submission',
        Buffer.from(JSON.stringify(body)),
        {
          persistent: true,
          type: 'submission',
          contentType: 'application/json',
          userId: sender,
          messageId,
          headers: {
            'x-first-death-reason': 'delivery_limit',
            'x-first-death-queue': NAMES.inboundQueue,
            'x-death': [
              {
                reason: 'delivery_limit',
                queue: NAMES.inboundQueue,
                exchange: NAMES.inboundExchange,
                'routing-keys': ['submission'],
                count: 1,
                // An AMQP timestamp, in whole seconds, as the broker writes it.
                time: { '!': 'timestamp', value: Math.floor(deadLetteredAt.getTime() / 1000) },
              },
            ],
          },
        },
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      ),
    );
  } finally {
    await model.close();
    await management('DELETE', `/api/users/${user}`);
  }
}
