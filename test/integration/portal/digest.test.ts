/**
 * The portal's daily e-mail digest end to end: a hub on the embedded ledger with a fixed clock
 * and a real local SMTP server. A portal user with an address gets, on a working day after
 * 07:00 in Amsterdam, one mail naming the messages that arrived for its participant (type,
 * sender, time, portal link — no payload value); a second pass the same day sends nothing, two
 * passes at once send once; the next day only what is new; days later the answers due soon.
 * Users without an address, or with nothing to tell, get no mail. A refused address is given up
 * for the day; with the SMTP server away, the day's digest is given back for the next pass.
 */
import { expect } from 'chai';
import { ManualClock } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';
import type { PortalDigests } from '../../../src/hub/portal_digests.ts';
import { payloadStrings } from '../../support/no_payload.ts';
import { startSmtpSink } from '../../support/smtp_sink.ts';
import type { SmtpSink, SunkMail } from '../../support/smtp_sink.ts';
import { devOin, startTestHub } from '../../support/test_hub.ts';
import type { TestHub } from '../../support/test_hub.ts';
import { saldoverzoek } from '../rest/rest_world.ts';

const ADDRESS = 'anna@energie.example';

describe('portal: the daily e-mail digest through a real SMTP server', function () {
  this.timeout(60_000);
  // Monday 5 April 2027, 11:00 in Amsterdam.
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let sink: SmtpSink;
  let testHub: TestHub;
  let digests: PortalDigests;
  let gemeente: string;
  const sent: SignedMessage[] = [];

  const send = async (to = 'energie'): Promise<string> => {
    const message = saldoverzoek(testHub, 'gemeente', to, { createdAt: clock.now() });
    const response = await testHub.client('gemeente').submit(message);
    expect(response.status).to.equal(201);
    sent.push(message);
    return message.envelope.messageId;
  };
  const link = (id: string) => `${testHub.hub.config.publicUrl}/portaal/berichten/${id}`;
  const only = (): SunkMail => {
    expect(sink.mails).to.have.length(1);
    return sink.mails[0] as SunkMail;
  };

  before(async () => {
    sink = await startSmtpSink();
    testHub = await startTestHub({
      clock,
      env: {
        KNOOPPUNT_SMTP_URL: sink.url,
        KNOOPPUNT_MAIL_FROM: 'Knooppunt <noreply@knooppunt.example>',
      },
    });
    digests = testHub.hub.digests as PortalDigests;
    gemeente = (await testHub.hub.registry.get(devOin('gemeente')))?.name as string;
    expect(digests, 'digests with an SMTP URL').to.not.equal(undefined);
    const { accounts } = testHub.hub.portal;
    await accounts.add(devOin('energie'), 'energie.anna', 'medewerker', 'test', undefined, ADDRESS);
    await accounts.add(devOin('energie'), 'energie.zonder', 'medewerker', 'test');
    await accounts.add(
      devOin('telecom'),
      'telecom.piet',
      'beheerder',
      'test',
      undefined,
      'piet@telecom.example',
    );
  });
  after(async () => {
    await testHub?.stop();
    await sink?.stop().catch(() => undefined);
  });

  it('sends the first digest of the day with the new messages, metadata only', async () => {
    const first = await send();
    clock.advance(60_000);
    const report = await digests.runOnce();
    // telecom.piet has nothing to tell; energie.zonder has no address.
    expect(report).to.deep.equal({ sent: 1, empty: 1, failed: 0 });
    const mail = only();
    expect(mail.to).to.deep.equal([ADDRESS]);
    expect(mail.from).to.equal('noreply@knooppunt.example');
    expect(Date.parse(mail.headers.get('date') ?? '')).to.equal(
      clock.now().getTime() - (clock.now().getTime() % 1000),
    );
    expect(mail.headers.get('subject')).to.equal('Knooppunt: 1 nieuw bericht');
    expect(mail.text).to.include('overzicht van Knooppunt voor Energie');
    expect(mail.text).to.include(
      `- saldoverzoek van ${gemeente}, ontvangen maandag 5 april 2027 om 11:00`,
    );
    expect(mail.text).to.include(link(first));
    expect(mail.html).to.include(`href="${link(first)}"`);
    // The saldoverzoek holds the debtor's name, address and contact details; none of it is in
    // the mail (but for the debtor's town, which is also in the sender's registered name).
    const values = payloadStrings(sent[0]?.payload).filter((value) => !gemeente.includes(value));
    expect(values).to.include.members(['Maria Johanna', 'Vries', 'Kanaalstraat']);
    for (const value of values) expect(mail.raw, value).to.not.include(value);
    const user = await testHub.hub.ledger.getPortalUser('energie.anna');
    expect(user?.lastDigestAt).to.equal(clock.now().toISOString());
  });

  it('sends nothing more the same day, and the next working day only what is new, once', async () => {
    sink.clear();
    clock.advance(3_600_000);
    const second = await send();
    expect(await digests.runOnce()).to.deep.equal({ sent: 0, empty: 0, failed: 0 });
    expect(sink.mails).to.deep.equal([]);

    // Tuesday 6 April, 06:59 in Amsterdam: not yet.
    clock.set('2027-04-06T04:59:00.000Z');
    expect(await digests.runOnce()).to.deep.equal({ sent: 0, empty: 0, failed: 0 });
    // 07:05: two passes at once (as two hub processes would) send one mail.
    clock.set('2027-04-06T05:05:00.000Z');
    const reports = await Promise.all([digests.runOnce(), digests.runOnce()]);
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).to.equal(1);
    const mail = only();
    expect(mail.headers.get('subject')).to.equal('Knooppunt: 1 nieuw bericht');
    expect(mail.text).to.include('Nieuwe berichten sinds maandag 5 april 2027 om 11:01 (1):');
    expect(mail.text).to.include(link(second));
    expect(mail.text).to.not.include(sent[0]?.envelope.messageId as string);
  });

  it('tells of the answers due within three working days, and of none further away', async () => {
    sink.clear();
    // Both saldoverzoeken are due at the end of Monday 19 April (10 working days).
    clock.set('2027-04-13T05:30:00.000Z'); // Tuesday 13 April: four working days to go
    expect(await digests.runOnce()).to.deep.equal({ sent: 0, empty: 2, failed: 0 });
    clock.set('2027-04-14T05:30:00.000Z'); // Wednesday 14 April
    expect(await digests.runOnce()).to.deep.equal({ sent: 1, empty: 1, failed: 0 });
    const mail = only();
    expect(mail.headers.get('subject')).to.equal('Knooppunt: 2 antwoorden binnenkort');
    expect(mail.text).to.include('Binnenkort te beantwoorden (2):');
    expect(mail.text).to.include(
      `saldoverzoek van ${gemeente}, uiterlijk maandag 19 april 2027 (nog 3 werkdagen)`,
    );
    expect(mail.text).to.not.include('Nieuwe berichten');
  });

  it('gives up a refused address for the day, and retries the next pass when the server is away', async () => {
    sink.clear();
    clock.set('2027-04-15T05:10:00.000Z'); // Thursday 15 April
    await send('telecom');
    sink.refuse('piet@telecom.example');
    clock.advance(60_000);
    expect(await digests.runOnce()).to.deep.equal({ sent: 1, empty: 0, failed: 1 });
    expect(only().to).to.deep.equal([ADDRESS]);
    const thursday = clock.now().toISOString();
    expect((await testHub.hub.ledger.getPortalUser('telecom.piet'))?.lastDigestAt).to.equal(
      thursday,
    );

    // Friday: no SMTP server. The claim is given back and the others wait.
    await sink.stop();
    clock.set('2027-04-16T05:10:00.000Z');
    expect(await digests.runOnce()).to.deep.equal({ sent: 0, empty: 0, failed: 1 });
    for (const name of ['energie.anna', 'telecom.piet']) {
      expect((await testHub.hub.ledger.getPortalUser(name))?.lastDigestAt, name).to.equal(thursday);
    }
  });
});
