/**
 * Long polling the mailbox: `GET /v1/mailbox?wait=<s>` on an empty mailbox answers with the
 * message that arrives while it waits, answers an empty page when nothing comes, and refuses a
 * wait beyond 30 s. Every answer is checked against the OpenAPI document.
 */
import { expect } from 'chai';
import type { MailboxPage } from '@knooppunt/standard';
import { startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

describe('REST: long polling the mailbox (wait=)', function () {
  this.timeout(30_000);
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub();
  });
  after(async () => hub?.stop());

  it('answers a waiting request with the message that arrives while it waits', async () => {
    const telecom = hub.client('telecom');
    expect((await telecom.mailbox()).body.items).to.have.length(0);
    const waiting = telecom.mailbox({ wait: 20 });
    // The request is waiting now (its mailbox was empty); a message arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const message = saldoverzoek(hub, 'gemeente', 'telecom');
    expect((await hub.client('gemeente').submit(message)).status).to.equal(201);
    const answered = await waiting;
    expect(answered.status).to.equal(200);
    expect((answered.body as MailboxPage).items.map((item) => item.messageId)).to.deep.equal([
      message.envelope.messageId,
    ]);
  });

  it('answers an empty page when nothing arrives in time, and refuses more than 30 s', async () => {
    const idle = await hub.client('waterbedrijf').mailbox({ wait: 1 });
    expect(idle.status).to.equal(200);
    expect(idle.body.items).to.deep.equal([]);
    const tooLong = await hub.client('waterbedrijf').mailbox({ wait: 31 });
    expect(tooLong.status).to.equal(400);
    expect(tooLong.body).to.include({ code: 'USAGE_INVALID' });
  });
});
