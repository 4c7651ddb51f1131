/**
 * A sender that takes its messages over AMQP is told of an expired message on its queue: the
 * hub's verloopmelding is routed as the sender's other messages are (it used to wait in the REST
 * mailbox, where an AMQP participant never looks). Real RabbitMQ and the MongoDB ledger; the
 * hub's clock is moved past the expiry and one housekeeping pass run.
 */
import { expect } from 'chai';
import { EXPIRY_NOTICE_TYPE, ManualClock, verifyReceipt } from '@knooppunt/standard';
import type { ParticipantAmqp } from '../../support/amqp.ts';
import { rabbitAvailable } from '../../support/amqp.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../../support/mongo.ts';
import { requirePrecondition } from '../../support/preconditions.ts';
import { devOin } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';
import { advanceWorkingDays } from '../../support/working_days.ts';
import { startAmqpWorld } from './amqp_world.ts';
import type { AmqpWorld } from './amqp_world.ts';

describe('AMQP transport: the expiry notice reaches an AMQP sender on its queue (RabbitMQ + MongoDB)', function () {
  this.timeout(60_000);
  const clock = new ManualClock(new Date());
  let world: AmqpWorld;
  let gemeente: ParticipantAmqp;

  before(async function () {
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld({}, { clock });
    await world.preferAmqp('gemeente');
    gemeente = await world.connect('gemeente');
  });
  after(async () => world?.stop());

  it('puts the hub-signed verloopmelding on the sender’s queue and records it delivered there', async () => {
    const message = saldoverzoek(world.testHub, 'gemeente', 'cjib', { createdAt: clock.now() });
    const id = message.envelope.messageId;
    await gemeente.submit(message);
    expect(await gemeente.receipt(id)).to.include({ status: 'accepted' });

    // Nobody at the CJIB fetches it: six working days on, it has expired (after five).
    advanceWorkingDays(clock, 6);
    const { hub } = world.testHub;
    expect(await hub.housekeeping.runOnce()).to.include({ expired: 1 });
    const expired = await hub.ledger.getMessage(id);
    expect(expired).to.include({ status: 'expired' });
    const noticeId = (await hub.ledger.listEvents(id)).find((e) => e.type === 'sender-notified')
      ?.data['noticeId'] as string;
    expect(await hub.ledger.getMessage(noticeId)).to.include({
      messageType: EXPIRY_NOTICE_TYPE,
      recipient: devOin('gemeente'),
      route: 'amqp',
    });

    const delivered = await gemeente.delivery(noticeId, 20_000);
    const envelope = delivered['envelope'] as Record<string, unknown>;
    expect(envelope).to.include({
      messageType: EXPIRY_NOTICE_TYPE,
      inReplyTo: id,
      sender: hub.hubOin,
      recipient: devOin('gemeente'),
    });
    expect(delivered['payload']).to.include({ verlopenBerichtId: id, berichttype: 'saldoverzoek' });
    await world.waitForStatus(noticeId, 'delivered');
    const notice = await hub.ledger.getMessage(noticeId);
    expect(verifyReceipt(notice?.receipt as string, hub.hubSigner.certificate)).to.include({
      status: 'accepted',
      messageId: noticeId,
    });
  });
});
