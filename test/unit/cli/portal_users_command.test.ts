/**
 * `knooppunt portal-users add|list|email|remove` on the embedded ledger of a fresh development
 * network: a user of a participant named by handle, whose printed password and TOTP secret log
 * in; the list per participant without secrets; removal only under the right participant; the
 * address of a user's digest set, shown and removed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { systemClock } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { PortalAccounts, totpCode } from '../../../src/portal/index.ts';
import { freshEnvironment, knooppunt } from './run_cli.ts';

const ENERGIE = '00000003273111110000';

describe('knooppunt portal-users', function () {
  this.timeout(30_000);
  const { dataDir, env } = freshEnvironment();
  const cli = (...args: string[]) => knooppunt({ env }, ...args);
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a user of a participant whose password and TOTP code log in, lists and removes it', async () => {
    expect((await cli('init')).code).to.equal(0);
    const added = await cli(
      'portal-users',
      'add',
      'energie.anna',
      '--participant',
      'energie',
      '--json',
    );
    expect(added.code, added.err).to.equal(0);
    const user = JSON.parse(added.out) as Record<string, string>;
    expect(user).to.include({ name: 'energie.anna', participant: ENERGIE, role: 'medewerker' });
    expect(user['totpUri']).to.match(/^otpauth:\/\/totp\//);
    expect(user).to.not.have.property('passwordHash');

    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    try {
      await ledger.init();
      const accounts = new PortalAccounts({
        store: ledger,
        clock: systemClock,
        participantExists: async () => true,
      });
      const code = totpCode(user['totpSecret'] as string, new Date());
      expect(await accounts.login('energie.anna', user['password'] as string, code)).to.include({
        participant: ENERGIE,
      });
    } finally {
      await ledger.close();
    }

    const listed = await cli('portal-users', 'list', '--participant', 'energie', '--json');
    expect(JSON.parse(listed.out).map((u: { name: string }) => u.name)).to.deep.equal([
      'energie.anna',
    ]);
    expect(listed.out).to.not.include(user['totpSecret'] as string);
    const others = await cli('portal-users', 'list', '--participant', 'gemeente', '--json');
    expect(JSON.parse(others.out)).to.deep.equal([]);

    // A development user's current code, from its kept login file.
    mkdirSync(join(dataDir, 'pki', 'portal'), { recursive: true });
    writeFileSync(join(dataDir, 'pki', 'portal', 'energie.anna.json'), JSON.stringify(user));
    const code = await cli('portal-users', 'code', 'energie.anna');
    expect(code.code, code.err).to.equal(0);
    expect(code.out.trim()).to.match(/^\d{6}$/);
    expect((await cli('portal-users', 'code', 'nobody')).code).to.equal(2);

    const wrong = await cli('portal-users', 'remove', 'energie.anna', '--participant', 'gemeente');
    expect(wrong.code).to.equal(2);
    const removed = await cli('portal-users', 'remove', 'energie.anna', '--participant', 'energie');
    expect(removed.code, removed.err).to.equal(0);
    expect(removed.out).to.include('removed portal user energie.anna');
  });

  it('sets, shows and removes the address of a user’s daily digest', async () => {
    const added = await cli(
      'portal-users',
      'add',
      'energie.bert',
      '--participant',
      'energie',
      '--email',
      'bert@energie.example',
      '--json',
    );
    expect(added.code, added.err).to.equal(0);
    expect(JSON.parse(added.out)).to.include({ email: 'bert@energie.example' });
    const table = await cli('portal-users', 'list', '--participant', 'energie');
    expect(table.out).to.match(/e-mail/);
    expect(table.out).to.include('bert@energie.example');

    const bad = await cli(
      'portal-users',
      'email',
      'energie.bert',
      'bert',
      '--participant',
      'energie',
    );
    expect(bad.code).to.equal(2);
    const other = await cli(
      'portal-users',
      'email',
      'energie.bert',
      'b@x.example',
      '--participant',
      'gemeente',
    );
    expect(other.code).to.equal(2);
    const set = await cli(
      'portal-users',
      'email',
      'energie.bert',
      'b.jansen@energie.example',
      '--participant',
      'energie',
    );
    expect(set.code, set.err).to.equal(0);
    expect(set.out).to.include('b.jansen@energie.example');
    const cleared = await cli('portal-users', 'email', 'energie.bert', '--participant', 'energie');
    expect(cleared.code, cleared.err).to.equal(0);
    expect(cleared.out).to.include('gets no e-mail digest');
    const listed = await cli('portal-users', 'list', '--participant', 'energie', '--json');
    expect(JSON.parse(listed.out)[0]).to.not.have.property('email');
  });
});
