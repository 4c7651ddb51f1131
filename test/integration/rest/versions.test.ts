/**
 * Standard 2.0 and 2.1 side by side over REST (issue 13): one hub carries both versions of a
 * type to a recipient that takes both, refuses a 2.1 message for a recipient that takes only
 * 2.0 (VERSION_NOT_ACCEPTED: problem details, a signed rejection receipt, a `rejected` event in
 * the ledger, nothing delivered), and follows a recipient's changed declaration.
 */
import { expect } from 'chai';
import { messageTypeSpec, verifyReceipt } from '@knooppunt/standard';
import { examplePayload } from '../../support/examples.ts';
import { problemOf } from '../../support/rest_client.ts';
import type { RestClient } from '../../support/rest_client.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from './rest_world.ts';

/** The later version of the type the test sends (saldoverzoek has 2.1 since issue 13). */
const LATER = '2.1';

describe('REST transport: standard 2.0 and 2.1 side by side', () => {
  let testHub: TestHub;
  let gemeente: RestClient;

  before(async () => {
    testHub = await startTestHub();
    gemeente = testHub.client('gemeente');
  });
  after(() => testHub.stop());

  /** A saldoverzoek at 2.1 from the municipality to `to`. */
  const saldoverzoek21 = (to: string) =>
    saldoverzoek(testHub, 'gemeente', to, {
      version: LATER,
      payload: examplePayload('saldoverzoek', undefined, { version: LATER }),
    });

  it('the catalogue offers saldoverzoek at 2.0 and 2.1', () => {
    expect(messageTypeSpec('saldoverzoek').versions).to.include.members(['2.0', LATER]);
  });

  it('carries a 2.0 and a 2.1 message through one hub to a recipient that takes both', async () => {
    const old = saldoverzoek(testHub, 'gemeente', 'energie');
    const later = saldoverzoek21('energie');
    expect((await gemeente.submit(old)).status).to.equal(201);
    expect((await gemeente.submit(later)).status).to.equal(201);
    const energie = testHub.client('energie');
    const mailbox = await energie.mailbox({ messageType: 'saldoverzoek' });
    const versions = new Map(mailbox.body.items.map((item) => [item.messageId, item.version]));
    expect(versions.get(old.envelope.messageId)).to.equal('2.0');
    expect(versions.get(later.envelope.messageId)).to.equal(LATER);
    for (const message of [old, later]) {
      const fetched = await energie.fetchMessage(message.envelope.messageId);
      expect(fetched.status).to.equal(200);
      expect(fetched.body.envelope).to.deep.equal(message.envelope);
      expect(fetched.body.payload).to.deep.equal(message.payload);
    }
  });

  it('refuses 2.1 for a recipient that takes only 2.0 (VERSION_NOT_ACCEPTED) and delivers nothing', async () => {
    const webwinkel = devOin('webwinkel');
    expect((await testHub.hub.registry.get(webwinkel))?.acceptedVersions).to.deep.equal(['2.0']);
    const later = saldoverzoek21('webwinkel');
    const response = await gemeente.submit(later);
    expect(response.status).to.equal(422);
    const problem = problemOf(response);
    expect(problem.code).to.equal('VERSION_NOT_ACCEPTED');
    expect(problem.detail).to.equal(
      `recipient ${webwinkel} takes version 2.0 of the standard, not ${LATER}`,
    );
    // The signed rejection receipt names the code; the ledger records the refusal, not the message.
    const { receipt } = problem as unknown as { receipt: string };
    const claims = verifyReceipt(receipt, testHub.hub.hubSigner.certificate);
    expect(claims.status).to.equal('rejected');
    expect(claims.reasons.map((reason) => reason.code)).to.deep.equal(['VERSION_NOT_ACCEPTED']);
    expect(await testHub.hub.ledger.getMessage(later.envelope.messageId)).to.equal(undefined);
    const [event] = await testHub.hub.ledger.listEvents(
      claims.ledgerPosition.split('#')[0] as string,
    );
    expect(event?.type).to.equal('rejected');
    expect(event?.data).to.deep.include({
      messageId: later.envelope.messageId,
      recipient: webwinkel,
    });
    expect((event?.data['reasons'] as { code: string }[]).map((r) => r.code)).to.deep.equal([
      'VERSION_NOT_ACCEPTED',
    ]);
    const mailbox = await testHub.client('webwinkel').mailbox();
    expect(mailbox.body.items.map((item) => item.messageId)).not.to.include(
      later.envelope.messageId,
    );
    // The same recipient still takes 2.0.
    expect((await gemeente.submit(saldoverzoek(testHub, 'gemeente', 'webwinkel'))).status).to.equal(
      201,
    );
  });

  it('refuses a version the standard does not have as before (SCHEMA_UNKNOWN_TYPE), whoever the recipient', async () => {
    const unknown = saldoverzoek(testHub, 'gemeente', 'energie', { version: '9.9' });
    const response = await gemeente.submit(unknown);
    expect(response.status).to.equal(422);
    expect(problemOf(response).code).to.equal('SCHEMA_UNKNOWN_TYPE');
  });

  it('takes 2.1 for that recipient once it declares it takes 2.1', async () => {
    const webwinkel = await testHub.hub.registry.get(devOin('webwinkel'));
    if (webwinkel === undefined) throw new Error('no webwinkel in the development network');
    await testHub.hub.registry.add({
      oin: webwinkel.oin,
      name: webwinkel.name,
      kind: webwinkel.kind,
      acceptedVersions: ['2.0', LATER],
    });
    const later = saldoverzoek21('webwinkel');
    expect((await gemeente.submit(later)).status).to.equal(201);
    const fetched = await testHub.client('webwinkel').fetchMessage(later.envelope.messageId);
    expect(fetched.body.envelope.version).to.equal(LATER);
  });
});
