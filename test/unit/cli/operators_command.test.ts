/**
 * `knooppunt operators add|list|remove|passwd` on the embedded ledger of a fresh data folder:
 * a generated password printed once that logs in, a chosen one from a file, the list without
 * secrets, a password change that ends the old one, removal, and the usage errors.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { systemClock } from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { OperatorAccounts } from '../../../src/operators/index.ts';
import { freshEnvironment, knooppunt } from './run_cli.ts';

describe('knooppunt operators', function () {
  this.timeout(30_000);
  const { dataDir, env } = freshEnvironment();
  const cli = (...args: string[]) => knooppunt({ env }, ...args);
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Logs in against the data folder's ledger, as the console will. */
  async function login(name: string, password: string): Promise<string> {
    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    try {
      await ledger.init();
      await new OperatorAccounts({ store: ledger, clock: systemClock }).login(name, password);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await ledger.close();
    }
  }

  it('adds an operator with a generated password printed once, and one with a password from a file', async () => {
    const added = await cli('operators', 'add', 'anna.jansen', '--role', 'admin');
    expect(added.code, added.err).to.equal(0);
    expect(added.out).to.include('added operator anna.jansen (admin)');
    const password = /password: (\S+)/.exec(added.out)?.[1] as string;
    expect(await login('anna.jansen', password)).to.equal('ok');

    const file = join(dataDir, 'wachtwoord.txt');
    writeFileSync(file, 'een-lang-gekozen-wachtwoord\n');
    const chosen = await cli(
      'operators',
      'add',
      'bart',
      '--role',
      'viewer',
      '--password-file',
      file,
    );
    expect(chosen.code, chosen.err).to.equal(0);
    expect(chosen.out).to.not.include('password:');
    expect(await login('bart', 'een-lang-gekozen-wachtwoord')).to.equal('ok');
  });

  it('lists the operators without any secret', async () => {
    const list = await cli('operators', 'list', '--json');
    expect(list.code, list.err).to.equal(0);
    const operators = JSON.parse(list.out) as { name: string; role: string }[];
    expect(operators.map((o) => [o.name, o.role])).to.deep.equal([
      ['anna.jansen', 'admin'],
      ['bart', 'viewer'],
    ]);
    expect(list.out).to.not.include('argon2');
    const table = await cli('operators', 'list');
    expect(table.out.split('\n')[0]).to.match(
      /^name\s+role\s+since\s+failed logins\s+locked until$/,
    );
  });

  it('sets a new password (the old one stops working) and removes an operator', async () => {
    const changed = await cli('operators', 'passwd', 'bart');
    expect(changed.code, changed.err).to.equal(0);
    const password = /new password for bart: (\S+)/.exec(changed.out)?.[1] as string;
    expect(await login('bart', 'een-lang-gekozen-wachtwoord')).to.equal('LOGIN_FAILED');
    expect(await login('bart', password)).to.equal('ok');
    const removed = await cli('operators', 'remove', 'bart');
    expect(removed.code, removed.err).to.equal(0);
    expect(await login('bart', password)).to.equal('LOGIN_FAILED');
  });

  it('refuses an unknown role, a second operator of a name and an unknown one, with exit 2', async () => {
    for (const args of [
      ['add', 'carla', '--role', 'root'],
      ['add', 'anna.jansen', '--role', 'viewer'],
      ['remove', 'niemand'],
      ['passwd', 'niemand'],
    ]) {
      const run = await cli('operators', ...args);
      expect(run.code, args.join(' ')).to.equal(2);
      expect(run.err).to.match(/^error USAGE_INVALID: /);
    }
  });
});
