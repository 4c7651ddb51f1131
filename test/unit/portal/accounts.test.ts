/**
 * Portal accounts: a user belongs to one registered participant; logs in only with the right
 * password and the current TOTP code, which works once; a wrong name, password or code answers
 * alike and counts towards the lock; listing is per participant; no secret reaches an event.
 */
import { expect } from 'chai';
import { KnooppuntError, ManualClock } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/index.ts';
import { PortalAccounts, totpCode } from '../../../src/portal/index.ts';

const ENERGIE = '00000003273111110000';
const GEMEENTE = '00000001002220647000';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof KnooppuntError ? error.code : String(error)),
  );
}

describe('portal: accounts with a password and a TOTP code', () => {
  let ledger: SqliteLedger;
  let clock: ManualClock;
  let accounts: PortalAccounts;

  beforeEach(async () => {
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    clock = new ManualClock(new Date('2027-03-01T09:00:10.000Z'));
    accounts = new PortalAccounts({
      store: ledger,
      clock,
      participantExists: async (oin) => oin === ENERGIE || oin === GEMEENTE,
    });
  });
  afterEach(async () => ledger.close());

  it('enrols a user of a participant and logs in with password and code, each code once', async () => {
    const enrolment = await accounts.add(ENERGIE, 'energie.medewerker', 'medewerker', 'cli:test');
    expect(enrolment.user).to.deep.include({ participant: ENERGIE, role: 'medewerker' });
    expect(enrolment.user).to.not.have.any.keys('passwordHash', 'totpSecret');
    expect(enrolment.totpUri).to.match(/^otpauth:\/\/totp\/Knooppunt:energie\.medewerker\?secret=/);
    const { password, totpSecret } = enrolment;

    const code = totpCode(totpSecret, clock.now());
    const user = await accounts.login('energie.medewerker', password, code);
    expect(user).to.include({ name: 'energie.medewerker', participant: ENERGIE });
    // The same code again, even within its 30 seconds: spent.
    expect(await codeOf(accounts.login('energie.medewerker', password, code))).to.equal(
      'LOGIN_FAILED',
    );
    clock.advance(30_000);
    const next = totpCode(totpSecret, clock.now());
    expect(await codeOf(accounts.login('energie.medewerker', password, next))).to.equal('accepted');
    // A code of a step long gone is refused.
    clock.advance(5 * 60_000);
    expect(await codeOf(accounts.login('energie.medewerker', password, next))).to.equal(
      'LOGIN_FAILED',
    );

    const events = await ledger.listEvents('portal-user:energie.medewerker');
    expect(events[0]).to.deep.include({ type: 'portal-user-changed', actor: 'cli:test' });
    const text = JSON.stringify(events);
    expect(text).to.not.include(password);
    expect(text).to.not.include(totpSecret);
  });

  it('answers a wrong name, password or code alike, and locks after more than five failures', async () => {
    const { password, totpSecret } = await accounts.add(ENERGIE, 'anna', 'beheerder', 'cli:test');
    const code = () => totpCode(totpSecret, clock.now());
    expect(await codeOf(accounts.login('nobody', password, code()))).to.equal('LOGIN_FAILED');
    expect(await codeOf(accounts.login('anna', `${password}x`, code()))).to.equal('LOGIN_FAILED');
    expect(await codeOf(accounts.login('anna', password, '000000'))).to.equal('LOGIN_FAILED');
    expect(await codeOf(accounts.login('anna', password, 'abc'))).to.equal('LOGIN_FAILED');
    expect(await codeOf(accounts.login('anna', password, '123456'))).to.be.oneOf([
      'LOGIN_FAILED',
      'accepted', // one in a million: the random code was right
    ]);
    for (const wrong of ['wrong-password-1', 'wrong-password-2']) {
      expect(await codeOf(accounts.login('anna', wrong, code()))).to.equal('LOGIN_FAILED');
    }
    expect(await codeOf(accounts.login('anna', password, code()))).to.equal('LOGIN_THROTTLED');
    clock.advance(61_000);
    expect(await codeOf(accounts.login('anna', password, code()))).to.equal('accepted');
  });

  it('keeps users per participant and refuses unknown participants, names and repeats', async () => {
    await accounts.add(ENERGIE, 'energie.a', 'medewerker', 'cli:test');
    await accounts.add(GEMEENTE, 'gemeente.a', 'beheerder', 'cli:test');
    expect((await accounts.list(ENERGIE)).map((u) => u.name)).to.deep.equal(['energie.a']);
    expect((await accounts.list()).map((u) => u.name)).to.deep.equal(['energie.a', 'gemeente.a']);
    expect(await codeOf(accounts.add('00000009999999990000', 'x.y', 'medewerker', 'cli'))).to.equal(
      'USAGE_INVALID',
    );
    expect(await codeOf(accounts.add(ENERGIE, 'Not Valid', 'medewerker', 'cli'))).to.equal(
      'USAGE_INVALID',
    );
    expect(await codeOf(accounts.add(ENERGIE, 'energie.a', 'medewerker', 'cli'))).to.equal(
      'USAGE_INVALID',
    );
    // A participant's beheerder removes only its own users.
    expect(await codeOf(accounts.remove('gemeente.a', 'energie.a', ENERGIE))).to.equal(
      'USAGE_INVALID',
    );
    await accounts.remove('gemeente.a', 'cli:test');
    expect(await accounts.get('gemeente.a')).to.equal(undefined);
  });

  it('resets a user’s credentials: the old password and secret stop, a lock is lifted', async () => {
    const first = await accounts.add(ENERGIE, 'energie.b', 'medewerker', 'cli:test');
    const second = await accounts.reset('energie.b', 'cli:test', { participant: ENERGIE });
    expect(second.password).to.not.equal(first.password);
    expect(second.totpSecret).to.not.equal(first.totpSecret);
    const now = () => clock.now();
    expect(
      await codeOf(accounts.login('energie.b', first.password, totpCode(second.totpSecret, now()))),
    ).to.equal('LOGIN_FAILED');
    expect(
      await codeOf(accounts.login('energie.b', second.password, totpCode(first.totpSecret, now()))),
    ).to.be.oneOf(['LOGIN_FAILED', 'accepted']); // accepted only if both secrets gave one code
    expect(
      await codeOf(
        accounts.login('energie.b', second.password, totpCode(second.totpSecret, now())),
      ),
    ).to.equal('accepted');
    expect(
      await codeOf(accounts.reset('energie.b', 'cli:test', { participant: GEMEENTE })),
    ).to.equal('USAGE_INVALID');
  });

  it('keeps the address of a user’s digest, checked, and records that it changed, not what it is', async () => {
    const added = await accounts.add(
      ENERGIE,
      'energie.c',
      'medewerker',
      'cli:test',
      undefined,
      ' Anna.de.Vries@Energie.EXAMPLE ',
    );
    expect(added.user.email).to.equal('Anna.de.Vries@energie.example');
    for (const wrong of [
      'anna',
      'anna@localhost',
      'anna@@energie.example',
      'a b@energie.example',
    ]) {
      expect(await codeOf(accounts.setEmail('energie.c', wrong, 'cli:test')), wrong).to.equal(
        'USAGE_INVALID',
      );
    }
    expect(
      await codeOf(accounts.add(ENERGIE, 'energie.d', 'medewerker', 'cli', undefined, 'nope')),
    ).to.equal('USAGE_INVALID');
    expect(await accounts.get('energie.d')).to.equal(undefined);
    // Only for the participant's own users.
    expect(
      await codeOf(accounts.setEmail('energie.c', 'x@gemeente.example', 'cli:test', GEMEENTE)),
    ).to.equal('USAGE_INVALID');
    const changed = await accounts.setEmail('energie.c', 'anna@energie.example', 'cli', ENERGIE);
    expect(changed.email).to.equal('anna@energie.example');
    const removed = await accounts.setEmail('energie.c', undefined, 'cli:test');
    expect(removed).to.not.have.property('email');
    expect(await ledger.getPortalUser('energie.c')).to.not.have.property('email');

    const events = await ledger.listEvents('portal-user:energie.c');
    expect(events.map((event) => event.data['change'])).to.deep.equal([
      'added',
      'email-set',
      'email-removed',
    ]);
    expect(events[0]?.data).to.include({ email: true });
    expect(JSON.stringify(events).toLowerCase()).to.not.include('vries');
    expect(JSON.stringify(events)).to.not.include('anna@');
  });
});
