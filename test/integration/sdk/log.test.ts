/**
 * The SDK's own-log search against a live hub (embedded SQLite ledger): `client.log(query)`
 * answers one page of what this participant sent and received, `client.logEntries(query)`
 * follows the pages; never another participant's messages; `client.rejections(query)` answers
 * what the hub refused it; a bad filter is a HubError with the hub's code.
 */
import { expect } from 'chai';
import { HubError, MessageFactory, RestClient } from '@knooppunt/sdk';
import type { LogEntry, Saldoverzoek, SaldoverzoekAntwoord } from '@knooppunt/sdk';
import { examplePayload } from '../../support/examples.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('SDK: a participant’s own message log (RestClient.log, logEntries)', function () {
  this.timeout(30_000);
  let hub: TestHub;
  const party = (handle: string) => {
    const signer = hub.signer(handle);
    const oin = devOin(handle);
    return {
      oin,
      factory: new MessageFactory({ oin, signer }),
      client: new RestClient({ hubUrl: hub.baseUrl, oin, signer, retryDelayMs: 10 }),
    };
  };
  const saldoverzoek = () =>
    examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek;
  let question: string;
  let reply: string;
  let others: string;
  let sentAt: string;

  before(async () => {
    hub = await startTestHub();
    const gemeente = party('gemeente');
    const energie = party('energie');
    const asked = gemeente.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: energie.oin,
      payload: saldoverzoek(),
    });
    question = asked.envelope.messageId;
    sentAt = (await gemeente.client.send(asked)).claims.receivedAt;
    const answered = energie.factory.create({
      type: 'saldoverzoek-antwoord',
      module: 'schuldinventarisatie',
      recipient: gemeente.oin,
      conversationId: asked.envelope.conversationId,
      inReplyTo: question,
      payload: examplePayload(
        'saldoverzoek-antwoord',
        'client-onbekend',
      ) as unknown as SaldoverzoekAntwoord,
    });
    reply = answered.envelope.messageId;
    await energie.client.send(answered);
    await gemeente.client.ack(reply);
    const kredietbank = party('kredietbank');
    const elsewhere = kredietbank.factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: energie.oin,
      payload: saldoverzoek(),
    });
    others = elsewhere.envelope.messageId;
    await kredietbank.client.send(elsewhere);
  });
  after(async () => hub?.stop());

  it('answers a page of what the participant sent and received, newest first, and filters', async () => {
    const { client } = party('gemeente');
    const page = await client.log();
    expect(page.items.map((entry) => entry.messageId)).to.deep.equal([reply, question]);
    expect(page.nextCursor).to.equal(undefined);
    expect(page.items[0]).to.include({
      direction: 'received',
      counterparty: devOin('energie'),
      pickedUp: true,
      fetched: true,
    });
    const sent = await client.log({ direction: 'sent', counterparty: devOin('energie') });
    expect(sent.items.map((entry) => entry.messageId)).to.deep.equal([question]);
    const creditors = await client.log({ counterpartyRole: 'schuldeiser' });
    expect(creditors.items.map((entry) => entry.messageId)).to.deep.equal([reply, question]);
    const helpers = await party('energie').client.log({
      counterpartyRole: ['kredietbank', 'bewindvoerder'],
    });
    expect(helpers.items.map((entry) => entry.messageId)).to.deep.equal([others]);
    const answers = await client.log({ inReplyTo: question, pickedUp: true });
    expect(answers.items.map((entry) => entry.messageId)).to.deep.equal([reply]);
    const before = await client.log({ to: new Date(Date.parse(sentAt) + 1), from: sentAt });
    expect(before.items.map((entry) => entry.messageId)).to.deep.equal([question]);
  });

  it('follows the pages with logEntries, and never yields another participant’s message', async () => {
    const { client } = party('energie');
    const entries: LogEntry[] = [];
    for await (const entry of client.logEntries({ limit: 1 })) entries.push(entry);
    expect(entries.map((entry) => entry.messageId)).to.deep.equal([others, reply, question]);
    const gemeente: LogEntry[] = [];
    for await (const entry of party('gemeente').client.logEntries({ limit: 1 })) {
      gemeente.push(entry);
    }
    expect(gemeente.map((entry) => entry.messageId)).not.to.include(others);
    expect(gemeente).to.have.length(2);
  });

  it('answers the submissions the hub refused this participant, with the receipt’s reasons', async () => {
    const { client, factory } = party('kredietbank');
    const nobody = '00000009999999999000';
    const message = factory.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: nobody,
      payload: saldoverzoek(),
    });
    const refused = await client.send(message).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refused as HubError).code).to.equal('RECIPIENT_UNKNOWN');
    const page = await client.rejections({ counterparty: nobody });
    expect(page.items).to.have.length(1);
    expect(page.items[0]).to.include({
      messageId: message.envelope.messageId,
      counterparty: nobody,
      messageType: 'saldoverzoek',
    });
    expect(page.items[0]?.reasons.map((reason) => reason.code)).to.deep.equal([
      'RECIPIENT_UNKNOWN',
    ]);
    expect((await party('gemeente').client.rejections()).items).to.deep.equal([]);
  });

  it('throws a HubError with USAGE_INVALID for a filter the hub refuses', async () => {
    const { client } = party('gemeente');
    const refused = await client.log({ version: 'twee' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(HubError);
    expect((refused as HubError).code).to.equal('USAGE_INVALID');
    expect((refused as HubError).status).to.equal(400);
  });
});
