/**
 * A minimal REST integration with the Knooppunt SDK: the gemeente asks the energy company for
 * the debtor's balance; the energy company takes the request from its mailbox, answers and
 * acknowledges; the gemeente reads the answer. Every message is validated and signed before it
 * leaves, and every receipt is checked against the hub's certificate.
 *
 * Run against a hub on the embedded defaults (`npm start` in another terminal):
 *   HUB_URL=http://127.0.0.1:8080 npm run example:rest
 * Keys and certificates are read from the hub's development PKI (KNOOPPUNT_DATA_DIR/pki);
 * a real integration reads its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePayload, MessageFactory, RestClient, signerFromPem } from '@knooppunt/sdk';
import type { Saldoverzoek, SaldoverzoekAntwoord } from '@knooppunt/sdk';

const hubUrl = process.env['HUB_URL'] ?? 'http://127.0.0.1:8080';
const pki = join(process.env['KNOOPPUNT_DATA_DIR'] ?? 'data', 'pki', 'participants');
const GEMEENTE = '00000001002220647000';
const ENERGIE = '00000003273111110000';

/** A participant: its key and certificate, a factory for its messages, its hub client. */
function participant(oin: string) {
  const file = (name: string) => readFileSync(join(pki, oin, name), 'utf8');
  const signer = signerFromPem(file('key.pem'), file('cert.pem'));
  return {
    factory: new MessageFactory({ oin, signer }),
    client: new RestClient({ hubUrl, oin, signer }),
  };
}
const gemeente = participant(GEMEENTE);
const energie = participant(ENERGIE);

// 1. The gemeente asks for the balance.
const question = gemeente.factory.create({
  type: 'saldoverzoek',
  module: 'schuldinventarisatie',
  recipient: ENERGIE,
  payload: examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek,
});
const sent = await gemeente.client.send(question);
console.log(`gemeente sent saldoverzoek ${sent.messageId}: ${sent.claims.status}`);

// 2. The energy company takes it from its mailbox, answers and acknowledges.
for await (const message of energie.client.receive({ messageType: 'saldoverzoek' })) {
  const { envelope } = message;
  if (envelope.messageId === question.envelope.messageId) {
    const answer = energie.factory.create({
      type: 'saldoverzoek-antwoord',
      module: envelope.module as 'schuldinventarisatie',
      recipient: envelope.sender,
      conversationId: envelope.conversationId,
      inReplyTo: envelope.messageId,
      payload: examplePayload('saldoverzoek-antwoord', 'twee') as unknown as SaldoverzoekAntwoord,
    });
    const answered = await energie.client.send(answer);
    console.log(`energie answered with saldoverzoek-antwoord ${answered.messageId}`);
  }
  await energie.client.ack(envelope.messageId);
  if (envelope.messageId === question.envelope.messageId) break;
}

// 3. The gemeente reads the answer and acknowledges it.
for await (const message of gemeente.client.receive({ messageType: 'saldoverzoek-antwoord' })) {
  await gemeente.client.ack(message.envelope.messageId);
  if (message.envelope.inReplyTo !== question.envelope.messageId) continue;
  const lines = (message.payload as unknown as SaldoverzoekAntwoord).vorderingen ?? [];
  const total = lines.reduce((sum, line) => sum + line.actueelBedrag.totaal, 0);
  console.log(`gemeente received the answer: ${lines.length} claim(s), ${total} cents`);
  break;
}
