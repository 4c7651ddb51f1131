/**
 * A minimal AMQP integration with the Knooppunt SDK: the energy company takes delivery on its
 * own RabbitMQ queue. The gemeente sends it a saldoverzoek over AMQP (the same `send` as over
 * REST, with the hub's signed receipt coming back on the gemeente's queue); the energy company
 * receives it, answers over AMQP and acknowledges it.
 *
 * Run against a hub with RabbitMQ (AMQP_URL set, `scripts/services.sh start`) where the energy
 * company takes delivery over AMQP (`knooppunt participants add … --transport amqp`):
 *   HUB_URL=http://127.0.0.1:8080 AMQP_HOST=127.0.0.1:5672 npm run example:amqp
 * Broker passwords and keys come from the hub's development PKI; a real integration has its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AmqpClient,
  examplePayload,
  MessageFactory,
  RestClient,
  signerFromPem,
} from '@knooppunt/sdk';
import type { Saldoverzoek, SaldoverzoekAntwoord } from '@knooppunt/sdk';

const hubUrl = process.env['HUB_URL'] ?? 'http://127.0.0.1:8080';
const broker = `${process.env['AMQP_HOST'] ?? '127.0.0.1:5672'}/${process.env['AMQP_VHOST'] ?? ''}`;
const pki = join(process.env['KNOOPPUNT_DATA_DIR'] ?? 'data', 'pki', 'participants');
const GEMEENTE = '00000001002220647000';
const ENERGIE = '00000003273111110000';

/** A participant: its factory and its AMQP connection (as its own broker user). */
async function participant(oin: string) {
  const file = (name: string) => readFileSync(join(pki, oin, name), 'utf8');
  const signer = signerFromPem(file('key.pem'), file('cert.pem'));
  const hubCertificate = await new RestClient({ hubUrl, oin, signer }).hubCertificate();
  const password = encodeURIComponent(file('amqp-password'));
  const url = `amqp://${oin}:${password}@${broker}`;
  return {
    factory: new MessageFactory({ oin, signer }),
    amqp: await AmqpClient.connect({ url, oin, hubCertificate }),
  };
}
const gemeente = await participant(GEMEENTE);
const energie = await participant(ENERGIE);

const question = gemeente.factory.create({
  type: 'saldoverzoek',
  module: 'schuldinventarisatie',
  recipient: ENERGIE,
  payload: examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek,
});
const sent = await gemeente.amqp.send(question);
console.log(`gemeente sent saldoverzoek ${sent.messageId} over AMQP: ${sent.claims.status}`);

for await (const message of energie.amqp.receive()) {
  const { envelope } = message;
  if (envelope.messageId === question.envelope.messageId) {
    const answer = energie.factory.create({
      type: 'saldoverzoek-antwoord',
      module: 'schuldinventarisatie',
      recipient: envelope.sender,
      conversationId: envelope.conversationId,
      inReplyTo: envelope.messageId,
      payload: examplePayload('saldoverzoek-antwoord', 'twee') as unknown as SaldoverzoekAntwoord,
    });
    const answered = await energie.amqp.send(answer);
    console.log(`energie received it on its queue and answered: ${answered.claims.status}`);
  }
  await energie.amqp.ack(envelope.messageId);
  if (envelope.messageId === question.envelope.messageId) break;
}
await Promise.all([gemeente.amqp.close(), energie.amqp.close()]);
