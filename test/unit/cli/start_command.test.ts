/**
 * `knooppunt start` in-process on a free port and a fresh data folder: it bootstraps the
 * development network, serves HTTP, prints the first-message walk-through with the real paths,
 * stays up until stopped and then stops cleanly. The README's walk-through is the same
 * rendering for the default paths, and its example message is a valid saldoverzoek.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { totpCode } from '../../../src/portal/index.ts';
import {
  DEFAULT_HUB_URL,
  FIRST_MESSAGE_EXAMPLE,
  firstMessageSteps,
} from '../../../src/cli/first_message.ts';
import { main } from '../../../src/cli/main.ts';
import { devParticipant } from '../../../src/devnet/dev_network.ts';
import { createSchemaRegistry } from '@knooppunt/standard';
import { freshEnvironment, knooppunt } from './run_cli.ts';

describe('knooppunt start', () => {
  const { dataDir, env } = freshEnvironment({ PORT: '0' });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves on the configured port until stopped, prints the walk-through, then stops cleanly', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const controller = new AbortController();
    let onListening: (url: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (onListening = resolve));
    let ended = false;
    const running = main(
      ['node', 'knooppunt', 'start'],
      {
        out: (text) => {
          out.push(text);
          const url = /^Knooppunt listening on (\S+)$/.exec(text)?.[1];
          if (url !== undefined) onListening(url);
        },
        err: (text) => err.push(text),
      },
      { env, signal: controller.signal },
    ).finally(() => (ended = true));
    const url = await Promise.race([
      listening,
      running.then((code) => Promise.reject(new Error(`start ended (${code}): ${err.join('\n')}`))),
    ]);

    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${url}/v1/health`);
    expect(response.status).to.be.a('number'); // whatever the REST app answers, it is serving
    expect(ended, 'start returned while the server runs').to.equal(false);
    expect(existsSync(join(dataDir, 'ledger.sqlite'))).to.equal(true);
    expect(existsSync(join(dataDir, 'pki', 'hub', 'cert.pem'))).to.equal(true);

    const printed = out.join('\n');
    expect(printed).to.include(`ledger:           SQLite ${join(dataDir, 'ledger.sqlite')}`);
    expect(printed).to.include(`export KNOOPPUNT_DATA_DIR=${dataDir}`);
    expect(printed).to.include(`TOKEN=$(npx knooppunt token --as gemeente --url ${url})`);
    expect(printed).to.include(
      `--key ${join(dataDir, 'pki', 'participants', '00000001002220647000', 'key.pem')}`,
    );
    expect(printed).to.include(`--data @signed.json ${url}/v1/messages`);
    // The development operator's login works, and stays the same on the next start.
    const operator = /^operator console: (\S+) — log in as (\S+) \/ (\S+) /m.exec(printed);
    expect(operator?.[1]).to.equal(`${url}/console/`);
    operator?.splice(1, 1);
    expect(operator?.[1]).to.equal('beheerder');
    const login = await fetch(`${url}/v1/operator/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: operator?.[1], password: operator?.[2] }),
    });
    expect(login.status).to.equal(201);
    expect(await login.json()).to.include({ name: 'beheerder', role: 'admin' });
    expect(
      readFileSync(join(dataDir, 'pki', 'operators', 'beheerder.password'), 'utf8').trim(),
    ).to.equal(operator?.[2]);
    expect(statSync(join(dataDir, 'pki', 'operators', 'beheerder.password')).mode & 0o777).to.equal(
      0o600,
    );

    // Every development participant has a portal user; its code comes from `portal-users code`.
    const portalLine =
      /^portal users: +one per participant, named by handle — e\.g\. energie \/ (\S+), code: npx knooppunt portal-users code energie/m.exec(
        printed,
      );
    expect(portalLine, printed).to.not.equal(null);
    const portalUrl = /^participant portal: (\S+)$/m.exec(printed)?.[1];
    expect(portalUrl, printed).to.match(/^http:\/\/127\.0\.0\.1:\d+\/portaal\/$/);
    const kept = JSON.parse(
      readFileSync(join(dataDir, 'pki', 'portal', 'energie.json'), 'utf8'),
    ) as { password: string; totpSecret: string; participant: string };
    expect(kept.password).to.equal(portalLine?.[1]);
    expect(statSync(join(dataDir, 'pki', 'portal', 'energie.json')).mode & 0o777).to.equal(0o600);
    const portalLogin = await fetch(`${url}/v1/portal/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'energie',
        password: kept.password,
        code: totpCode(kept.totpSecret, new Date()),
      }),
    });
    expect(portalLogin.status).to.equal(201);
    expect(await portalLogin.json()).to.include({
      participant: kept.participant,
      role: 'beheerder',
    });

    controller.abort();
    expect(await running).to.equal(0);
    expect(out.at(-1)).to.equal('stopped');
    let refused = false;
    await fetch(`${url}/v1/health`).catch(() => (refused = true));
    expect(refused, 'the port still answers after stop').to.equal(true);
  });

  it('README.md shows the same walk-through for the default paths, line for line', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const steps = firstMessageSteps({
      url: DEFAULT_HUB_URL,
      pkiDir: 'data/pki',
      hubCertPath: 'data/pki/hub/cert.pem',
      examplePath: 'examples/first-message.json',
    });
    for (const step of steps) expect(readme).to.include(`\n${step.commands.join('\n')}\n`);
  });

  it('the walk-through’s example is a saldoverzoek to the energy company without a BSN', () => {
    const message = JSON.parse(readFileSync(FIRST_MESSAGE_EXAMPLE, 'utf8')) as {
      envelope: Record<string, string>;
      payload: Record<string, unknown>;
    };
    expect(message.envelope).to.deep.equal({
      module: 'schuldinventarisatie',
      messageType: 'saldoverzoek',
      version: '2.0',
      recipient: devParticipant('energie')?.oin,
    });
    expect(JSON.stringify(message.payload)).to.not.include('bsn'); // energie is no public body
    createSchemaRegistry().validatePayload('saldoverzoek', '2.0', message.payload);
  });

  it('prints help for each command of issue 3', async () => {
    for (const command of [
      ['init'],
      ['start'],
      ['participants', 'add'],
      ['participants', 'list'],
      ['participants', 'show'],
      ['participants', 'suspend'],
      ['participants', 'activate'],
      ['participants', 'revoke-cert'],
      ['ledger', 'verify'],
      ['ledger', 'purge'],
      ['assertion'],
      ['token'],
      ['envelope', 'verify'],
    ]) {
      const run = await knooppunt({ env: {} }, ...command, '--help');
      expect(run.code, command.join(' ')).to.equal(0);
      expect(run.out).to.include(`Usage: knooppunt ${command.join(' ')}`);
    }
  });
});
