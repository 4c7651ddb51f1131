/**
 * Operator accounts and sessions on a real (in-memory SQLite) ledger with a manual clock:
 * argon2id hashes, logins that answer the same for a wrong name and a wrong password, a lock
 * after five failures that doubles and holds across processes (it is stored), sessions kept by
 * their token's hash only, ending when idle, at their maximum, or when the password changes —
 * and every account change an event in the ledger without any secret in it.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AuthorisationError, ManualClock, UsageError } from '@knooppunt/standard';
import { bootstrapDevOperator } from '../../../src/devnet/dev_network.ts';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { OperatorAccounts, OperatorSessions, csrfMatches } from '../../../src/operators/index.ts';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe('operators', function () {
  this.timeout(20_000); // argon2id is slow on purpose
  let ledger: SqliteLedger;
  let clock: ManualClock;
  let accounts: OperatorAccounts;
  let sessions: OperatorSessions;

  beforeEach(async () => {
    ledger = new SqliteLedger(':memory:');
    await ledger.init();
    clock = new ManualClock('2026-11-23T09:00:00Z');
    accounts = new OperatorAccounts({ store: ledger, clock });
    sessions = new OperatorSessions({ store: ledger, clock });
  });
  afterEach(() => ledger.close());

  it('adds an operator with an argon2id hash and a generated password, and records who did it', async () => {
    const { operator, password } = await accounts.add('anna.jansen', 'admin', 'cli');
    expect(operator).to.deep.include({ name: 'anna.jansen', role: 'admin', failedLogins: 0 });
    expect(operator).to.not.have.property('passwordHash');
    expect(password).to.have.length(24);
    expect((await ledger.getOperator('anna.jansen'))?.passwordHash).to.match(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/,
    );
    expect(await accounts.login('anna.jansen', password)).to.deep.include({ role: 'admin' });
    const events = await ledger.listEvents('operator:anna.jansen');
    expect(events.map((e) => [e.type, e.actor, e.data])).to.deep.equal([
      ['operator-changed', 'cli', { change: 'added', role: 'admin' }],
    ]);
    expect(JSON.stringify(events)).to.not.include(password);
  });

  it('refuses a bad name, a short password, an unknown role and a second operator of a name', async () => {
    expect(await codeOf(accounts.add('Anna Jansen', 'viewer', 'cli'))).to.equal('USAGE_INVALID');
    expect(await codeOf(accounts.add('anna', 'viewer', 'cli', 'te-kort'))).to.equal(
      'USAGE_INVALID',
    );
    expect(await codeOf(accounts.add('anna', 'root' as never, 'cli'))).to.equal('USAGE_INVALID');
    await accounts.add('anna', 'viewer', 'cli');
    const again = accounts.add('anna', 'admin', 'cli');
    await again.catch((error: unknown) => expect(error).to.be.instanceOf(UsageError));
    expect(await codeOf(again)).to.equal('USAGE_INVALID');
  });

  it('answers a wrong name and a wrong password alike, and locks after five failures, doubling', async () => {
    const { password } = await accounts.add('bart', 'viewer', 'cli');
    expect(await codeOf(accounts.login('niemand', password))).to.equal('LOGIN_FAILED');
    for (let i = 0; i < 5; i += 1) {
      expect(await codeOf(accounts.login('bart', 'niet-het-wachtwoord'))).to.equal('LOGIN_FAILED');
    }
    // The fifth failure was free; the sixth locks for a minute — the right password too.
    expect(await codeOf(accounts.login('bart', 'niet-het-wachtwoord'))).to.equal('LOGIN_FAILED');
    const locked = accounts.login('bart', password);
    await locked.catch((error: unknown) => expect(error).to.be.instanceOf(AuthorisationError));
    expect(await codeOf(locked)).to.equal('LOGIN_THROTTLED');
    // Stored: another process (another OperatorAccounts on the same ledger) sees the lock.
    const other = new OperatorAccounts({ store: ledger, clock });
    expect(await codeOf(other.login('bart', password))).to.equal('LOGIN_THROTTLED');
    clock.advance(61_000);
    expect(await codeOf(accounts.login('bart', 'nog-steeds-niet-goed'))).to.equal('LOGIN_FAILED');
    clock.advance(61_000); // the seventh failure doubled the wait: two minutes
    expect(await codeOf(accounts.login('bart', password))).to.equal('LOGIN_THROTTLED');
    clock.advance(60_000);
    expect(await accounts.login('bart', password)).to.deep.include({ name: 'bart' });
    expect((await ledger.getOperator('bart'))?.failedLogins).to.equal(0);
    const changes = (await ledger.listEvents('operator:bart')).map((e) => e.data['change']);
    expect(changes).to.deep.equal(['added', 'locked', 'locked']);
  });

  it('keeps a session by its token’s hash, slides it while used, ends it idle or at its maximum', async () => {
    const { operator } = await accounts.add('carla', 'viewer', 'cli');
    const { token, session } = await sessions.start(operator);
    expect(await ledger.getSession(session.id)).to.deep.equal(session);
    expect(session.id).to.not.equal(token);
    expect(JSON.stringify(await ledger.getSession(session.id))).to.not.include(token);
    expect(await sessions.resolve(token)).to.deep.include({ operator: 'carla', role: 'viewer' });
    expect(await sessions.resolve('x'.repeat(43))).to.equal(undefined);
    expect(await sessions.resolve(undefined)).to.equal(undefined);
    // Used every 20 minutes it lives on; 8 hours after it began it ends however active.
    for (let i = 0; i < 23; i += 1) {
      clock.advance(20 * 60_000);
      expect(await sessions.resolve(token), `after ${(i + 1) * 20} minutes`).to.not.equal(
        undefined,
      );
    }
    clock.advance(20 * 60_000);
    expect(await sessions.resolve(token)).to.equal(undefined);
    expect(await ledger.getSession(session.id)).to.equal(undefined);
    const idle = await sessions.start(operator);
    clock.advance(31 * 60_000);
    expect(await sessions.resolve(idle.token)).to.equal(undefined);
  });

  it('ends every session when the password changes or the operator goes; checks CSRF tokens', async () => {
    const { operator } = await accounts.add('daan', 'admin', 'cli');
    const first = await sessions.start(operator);
    const second = await sessions.start(operator);
    expect(csrfMatches(first.session, first.session.csrfToken)).to.equal(true);
    expect(csrfMatches(first.session, second.session.csrfToken)).to.equal(false);
    expect(csrfMatches(first.session, undefined)).to.equal(false);
    const password = await accounts.setPassword('daan', 'anna.jansen');
    expect(await sessions.resolve(first.token)).to.equal(undefined);
    expect(await sessions.resolve(second.token)).to.equal(undefined);
    expect(await accounts.login('daan', password)).to.deep.include({ name: 'daan' });
    const third = await sessions.start(operator);
    await accounts.remove('daan', 'anna.jansen');
    expect(await sessions.resolve(third.token)).to.equal(undefined);
    expect(await accounts.get('daan')).to.equal(undefined);
    const events = await ledger.listEvents('operator:daan');
    expect(events.map((e) => [e.data['change'], e.actor])).to.deep.equal([
      ['added', 'cli'],
      ['password', 'anna.jansen'],
      ['removed', 'anna.jansen'],
    ]);
  });

  it('keeps the development operator’s login in a 0600 file, and renews it when the file is stale', async () => {
    const pkiDir = mkdtempSync(join(tmpdir(), 'knooppunt-devop-'));
    try {
      const first = await bootstrapDevOperator(accounts, pkiDir);
      expect(first.name).to.equal('beheerder');
      expect(statSync(first.file).mode & 0o777).to.equal(0o600);
      expect(await bootstrapDevOperator(accounts, pkiDir)).to.deep.equal(first);
      // Changed with `knooppunt operators passwd` since: the next start sets and prints a new one.
      await accounts.setPassword('beheerder', 'cli');
      const renewed = await bootstrapDevOperator(accounts, pkiDir);
      expect(renewed.password).to.not.equal(first.password);
      expect(readFileSync(renewed.file, 'utf8').trim()).to.equal(renewed.password);
      expect(await accounts.hasPassword('beheerder', renewed.password)).to.equal(true);
    } finally {
      rmSync(pkiDir, { recursive: true, force: true });
    }
  });
});
