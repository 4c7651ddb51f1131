/**
 * The portal's daily digest as text: Dutch subject and dates, the new messages since the last
 * digest with a link each, the answers late and due within three working days with their
 * deadlines (Goede Vrijdag counts, Easter Monday does not), nothing further away, no digest
 * when there is nothing; and never a payload value or BSN, whatever the records carry. When a
 * digest is due: working days only, after the configured time in Amsterdam, once per day.
 */
import { expect } from 'chai';
import { endOfDutchDay } from '@knooppunt/standard';
import { digestDue, portalDigest } from '../../../src/portal/digest.ts';
import type { DigestDeadline, DigestInput, DigestMessage } from '../../../src/portal/digest.ts';
import { payloadStrings } from '../../support/no_payload.ts';

const GEMEENTE = '00000001002220647000';
const ENERGIE = '00000003273111110000';
const KREDIETBANK = '00000001003214345000';
const BASE = 'https://knooppunt.example.nl';

/** What a stored record also carries: the digest must not show any of it. */
const PAYLOAD = {
  bsn: '123456782',
  schuldenaar: { naam: 'Jansen-de Vries', geboortedatum: '1980-02-03' },
  dossiernummer: 'DOSSIER-99817',
  bedrag: 123456,
};

const message = (id: string, sender: string, receivedAt: string): DigestMessage =>
  Object.assign(
    { messageId: id, messageType: 'saldoverzoek', sender, receivedAt },
    { payload: PAYLOAD },
  );
const deadline = (id: string, sender: string, lastDay: string): DigestDeadline =>
  Object.assign(
    {
      messageId: id,
      messageType: 'betaalvoorstel',
      sender,
      dueAt: endOfDutchDay(lastDay).toISOString(),
    },
    { payload: PAYLOAD },
  );

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    user: 'energie.anna',
    participantName: 'Energie Noord BV',
    // Monday 5 April 2027 07:00 in Amsterdam (summer time).
    since: '2027-04-05T05:00:00.000Z',
    // Tuesday 6 April 2027 07:30 in Amsterdam.
    now: new Date('2027-04-06T05:30:00.000Z'),
    messages: [
      message('m-before', GEMEENTE, '2027-04-05T04:59:00.000Z'),
      message('m-1', GEMEENTE, '2027-04-05T09:02:00.000Z'),
      message('m-2', KREDIETBANK, '2027-04-05T14:45:00.000Z'),
    ],
    deadlines: [
      deadline('d-far', GEMEENTE, '2027-04-12'),
      deadline('d-soon', KREDIETBANK, '2027-04-09'),
      deadline('d-today', GEMEENTE, '2027-04-06'),
      deadline('d-late', GEMEENTE, '2027-04-01'),
    ],
    nameOf: (oin) =>
      ({ [GEMEENTE]: 'Gemeente Voorbeeldstad', [KREDIETBANK]: 'Kredietbank Midden' })[oin],
    baseUrl: `${BASE}/`,
    ...overrides,
  };
}

describe('portal: the daily e-mail digest', () => {
  it('lists the new messages, late and soon-due answers with Dutch dates and portal links', () => {
    const digest = portalDigest(input());
    expect(digest).to.not.equal(undefined);
    const { subject, text, html, counts } = digest as NonNullable<typeof digest>;
    expect(counts).to.deep.equal({ messages: 2, overdue: 1, dueSoon: 2 });
    expect(subject).to.equal(
      'Knooppunt: 2 nieuwe berichten, 1 antwoord te laat, 2 antwoorden binnenkort',
    );
    expect(subject).to.match(/^[\x20-\x7e]+$/);
    expect(text).to.include('Energie Noord BV (gebruiker energie.anna) van dinsdag 6 april 2027');
    expect(text).to.include('Nieuwe berichten sinds maandag 5 april 2027 om 07:00 (2):');
    expect(text).to.include(
      '- saldoverzoek van Gemeente Voorbeeldstad, ontvangen maandag 5 april 2027 om 11:02\n' +
        `  ${BASE}/portaal/berichten/m-1`,
    );
    expect(text).to.include(
      'saldoverzoek van Kredietbank Midden, ontvangen maandag 5 april 2027 om 16:45',
    );
    expect(text).to.not.include('m-before');
    // Late since Thursday 1 April: Goede Vrijdag, Monday and today are working days begun since.
    expect(text).to.include(
      'Termijn verstreken, nog niet beantwoord (1):\n- betaalvoorstel van Gemeente Voorbeeldstad, termijn verstreken op ' +
        `donderdag 1 april 2027 (3 werkdagen te laat)\n  ${BASE}/portaal/berichten/d-late`,
    );
    expect(text).to.include('uiterlijk dinsdag 6 april 2027 (vandaag)');
    expect(text).to.include(
      'betaalvoorstel van Kredietbank Midden, uiterlijk vrijdag 9 april 2027 (nog 3 werkdagen)',
    );
    // Earliest deadline first; the one next week is not yet worth a mail.
    expect(text.indexOf('d-today')).to.be.lessThan(text.indexOf('d-soon'));
    expect(text).to.not.include('d-far');
    expect(html).to.include(`<a href="${BASE}/portaal/berichten/m-1">`);
    expect(html).to.include('<html lang="nl">');
  });

  it('never shows a payload value, a BSN or a debtor’s name', () => {
    const digest = portalDigest(input());
    const all = `${digest?.subject}\n${digest?.text}\n${digest?.html}`;
    const secrets = payloadStrings(PAYLOAD);
    expect(secrets).to.include.members(['123456782', 'Jansen-de Vries', 'DOSSIER-99817']);
    for (const value of secrets) expect(all, value).to.not.include(value);
    expect(all).to.not.include('1980');
  });

  it('names an unknown sender by OIN, escapes HTML and counts what does not fit', () => {
    const digest = portalDigest(
      input({
        participantName: 'Energie <Noord> & Co',
        messages: [
          message('m-1', ENERGIE, '2027-04-05T09:00:00.000Z'),
          message('m-2', ENERGIE, '2027-04-05T09:01:00.000Z'),
          message('m-3', ENERGIE, '2027-04-05T09:02:00.000Z'),
        ],
        deadlines: [],
        maxItems: 2,
      }),
    );
    expect(digest?.subject).to.equal('Knooppunt: 3 nieuwe berichten');
    expect(digest?.text).to.include(`saldoverzoek van OIN ${ENERGIE}`);
    expect(digest?.text).to.include('… en nog 1: zie de portal.');
    expect(digest?.text).to.not.include('m-3');
    expect(digest?.html).to.include('Energie &lt;Noord&gt; &amp; Co');
  });

  it('makes no digest when nothing arrived and nothing is due soon', () => {
    expect(
      portalDigest(input({ messages: [], deadlines: [deadline('d-far', GEMEENTE, '2027-04-12')] })),
    ).to.equal(undefined);
  });

  it('is due once per working day, after the configured time in Amsterdam', () => {
    // Tuesday 6 April 2027: 06:59 and 07:00 in Amsterdam.
    expect(digestDue(new Date('2027-04-06T04:59:00Z'), '07:00', undefined)).to.equal(false);
    expect(digestDue(new Date('2027-04-06T05:00:00Z'), '07:00', undefined)).to.equal(true);
    expect(digestDue(new Date('2027-04-06T05:00:00Z'), '07:00', '2027-04-05T05:00:00Z')).to.equal(
      true,
    );
    expect(digestDue(new Date('2027-04-06T15:00:00Z'), '07:00', '2027-04-06T05:01:00Z')).to.equal(
      false,
    );
    // Saturday 10 April; Koningsdag, Tuesday 27 April 2027; Easter Monday, 29 March 2027.
    for (const day of ['2027-04-10T09:00:00Z', '2027-04-27T09:00:00Z', '2027-03-29T09:00:00Z']) {
      expect(digestDue(new Date(day), '07:00', undefined), day).to.equal(false);
    }
    // Winter time: 07:00 in Amsterdam is 06:00Z.
    expect(digestDue(new Date('2027-01-05T05:59:00Z'), '07:00', undefined)).to.equal(false);
    expect(digestDue(new Date('2027-01-05T06:00:00Z'), '07:00', undefined)).to.equal(true);
  });
});
