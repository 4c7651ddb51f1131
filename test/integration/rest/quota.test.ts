/**
 * A participant's share of the hub (issue 12, "floods of valid requests"): past its token
 * bucket a participant's requests answer 429 RATE_LIMITED with Retry-After, as the OpenAPI
 * document says; other participants are served as before; the SDK waits as told and its
 * message goes through, once.
 */
import { expect } from 'chai';
import { MessageFactory, RestClient as SdkClient } from '@knooppunt/sdk';
import type { Saldoverzoek } from '@knooppunt/sdk';
import { examplePayload } from '../../support/examples.ts';
import { problemOf } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';

describe('REST: each participant within its share of the hub (RATE_LIMITED)', function () {
  this.timeout(60_000);
  let hub: TestHub;

  before(async () => {
    hub = await startTestHub({
      env: { KNOOPPUNT_RATE_LIMIT_PER_SECOND: '1', KNOOPPUNT_RATE_LIMIT_BURST: '4' },
    });
  });
  after(async () => hub?.stop());

  it('answers 429 RATE_LIMITED with Retry-After past the burst, and serves the others', async () => {
    const gemeente = hub.client('gemeente');
    await gemeente.token(); // the token endpoint is not an authenticated request
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await gemeente.mailbox());
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).to.be.within(4, 5);
    const refused = answers[answers.length - 1];
    expect(refused?.status).to.equal(429);
    expect(problemOf(refused as never).code).to.equal('RATE_LIMITED');
    expect(Number(refused?.headers.get('retry-after'))).to.be.within(1, 2);
    // Another participant has its own share.
    expect((await hub.client('energie').mailbox()).status).to.equal(200);
  });

  it('lets the SDK wait as Retry-After says and send its message once', async () => {
    const signer = hub.signer('kredietbank');
    const oin = devOin('kredietbank');
    const client = new SdkClient({ hubUrl: hub.baseUrl, oin, signer, retryDelayMs: 1 });
    const factory = new MessageFactory({ oin, signer });
    const sent: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const message = factory.create({
        type: 'saldoverzoek',
        module: 'schuldinventarisatie',
        recipient: devOin('energie'),
        payload: examplePayload('saldoverzoek', 'inventarisatie') as unknown as Saldoverzoek,
      });
      sent.push(message.envelope.messageId);
      expect((await client.send(message)).claims.messageId).to.equal(message.envelope.messageId);
    }
    expect(new Set(sent).size).to.equal(6);
    for (const id of sent)
      expect((await hub.hub.ledger.listEvents(id))[0]?.type).to.equal('received');
  });
});
