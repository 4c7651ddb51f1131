/**
 * The demo's person at the portal (src/demo/portal_person.ts) and the summary's outcomes: the
 * wait for the person's answer takes the first message of an expected type, reports and passes
 * over others, reminds while waiting, gives up after its time and stops when aborted.
 */
import { expect } from 'chai';
import type { PortalLogin } from '../../../src/demo/portal_person.ts';
import { PortalPerson } from '../../../src/demo/portal_person.ts';
import { outcomeOf } from '../../../src/demo/summary.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';

const LOGIN = {
  handle: 'telecom',
  participant: 'OIN-TELECOM',
  participantName: 'TeleNed Mobiel B.V.',
  name: 'telecom',
  password: 'x',
  totpSecret: 'x',
  hubUrl: 'http://127.0.0.1:1',
  portalUrl: 'http://127.0.0.1:1/portaal/',
  loginFile: '/dev/null',
  codeCommand: 'npx knooppunt portal-users code telecom',
} satisfies PortalLogin;

function record(messageId: string, messageType: string, sender = LOGIN.participant): MessageRecord {
  return { messageId, messageType, sender, recipient: 'OIN-GEMEENTE' } as MessageRecord;
}

function personOver(records: MessageRecord[], extra: { waitMs?: number; signal?: AbortSignal }) {
  const said: string[] = [];
  const person = new PortalPerson({
    login: LOGIN,
    ledger: { listConversation: () => Promise.resolve([...records]) },
    conversationId: 'c',
    say: (line) => said.push(line),
    reminderMs: 20,
    pollMs: 5,
    ...extra,
  });
  return { person, said };
}

describe('demo: the person at the portal', () => {
  it('takes the first new message of an expected type, passing over (once) one of another', async () => {
    const records = [record('1', 'betaalvoorstel-antwoord'), record('x', 'kennisgeving', 'OTHER')];
    const { person, said } = personOver(records, {});
    const waiting = person.answer('answer the saldoverzoek', ['saldoverzoek-antwoord']);
    setTimeout(() => records.push(record('2', 'saldoverzoek-antwoord')), 50);
    const found = await waiting;
    expect(found.messageId).to.equal('2');
    expect(said.filter((line) => line.includes('sent a betaalvoorstel-antwoord'))).to.have.length(
      1,
    );
    expect(said.some((line) => line.includes('still waiting for telecom'))).to.equal(true);
    // Seen once, never again: the next wait does not take message 2 a second time.
    records.push(record('3', 'betaalvoorstel-antwoord'));
    expect((await person.answer('agree', ['betaalvoorstel-antwoord'])).messageId).to.equal('3');
  });

  it('gives up after its time, naming what it waited for', async () => {
    const { person } = personOver([], { waitMs: 30 });
    const failed = await person.answer('agree', ['betaalvoorstel-antwoord']).catch((e: Error) => e);
    expect(failed).to.be.instanceOf(Error);
    expect((failed as Error).message).to.match(/no answer from telecom .*: agree/);
  });

  it('stops waiting when aborted (Ctrl-C)', async () => {
    const stop = new AbortController();
    const { person } = personOver([], { signal: stop.signal });
    const waiting = person.answer('agree', ['betaalvoorstel-antwoord']);
    stop.abort();
    const failed = await waiting.catch((e: Error) => e);
    expect((failed as Error).name).to.equal('AbortError');
  });
});

describe('demo: a creditor’s outcome from what it answered', () => {
  it('follows the answer and the decisions', () => {
    expect(outcomeOf(undefined)).to.equal('geen medewerking');
    expect(outcomeOf('geen-medewerking')).to.equal('geen medewerking');
    expect(outcomeOf('saldoverzoek-antwoord')).to.equal('geen vordering');
    expect(outcomeOf('saldoverzoek-antwoord', ['akkoord'])).to.equal('akkoord');
    expect(outcomeOf('saldoverzoek-antwoord-vooraf-akkoord', ['akkoord'])).to.equal(
      'vooraf akkoord',
    );
    expect(outcomeOf('saldoverzoek-antwoord', ['afwijzing', 'akkoord'])).to.equal(
      'akkoord na heroverweging',
    );
    expect(outcomeOf('saldoverzoek-antwoord', ['afwijzing', 'afwijzing'])).to.equal(
      'afwijzing na heroverweging',
    );
  });
});
