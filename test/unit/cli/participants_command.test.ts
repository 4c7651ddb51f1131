/**
 * `knooppunt init` and `knooppunt participants …` against the embedded SQLite ledger of a
 * fresh data folder; assertions read the stored participants from the ledger file itself.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEV_NETWORK } from '../../../src/devnet/dev_network.ts';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import type { Participant } from '../../../src/participants/types.ts';
import { pkiIssue } from '../../../src/pki/files.ts';
import { inspectCertificate, standardVersions } from '@knooppunt/standard';
import { freshEnvironment, knooppunt } from './run_cli.ts';

const NEW_OIN = '00000003123456780000';

describe('knooppunt init and participants', () => {
  const { dataDir, env } = freshEnvironment();
  const cli = (...args: string[]) => knooppunt({ env }, ...args);

  async function stored(oin?: string): Promise<Participant[]> {
    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    try {
      const all = await ledger.listParticipants();
      return oin === undefined ? all : all.filter((p) => p.oin === oin);
    } finally {
      await ledger.close();
    }
  }
  const one = async (oin: string): Promise<Participant> => {
    const [participant] = await stored(oin);
    if (participant === undefined) throw new Error(`${oin} is not stored`);
    return participant;
  };

  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('init creates the CA, the hub certificate and registers the 19 participants of the development network', async () => {
    const run = await cli('init');
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.include(
      `development CA:   ${join(dataDir, 'pki', 'ca', 'ca.pem')} (created)`,
    );
    expect(run.out).to.include('hub OIN:          00000001999999990000');
    expect(run.out).to.match(/gemeente\s+00000001002220647000\s+Gemeente Utrecht/);
    const participants = await stored();
    expect(participants).to.have.length(19);
    expect(participants.map((p) => p.oin).sort()).to.deep.equal(
      DEV_NETWORK.map((p) => p.oin).sort(),
    );
  });

  it('init a second time keeps the CA, keys and registrations as they are', async () => {
    const caBefore = readFileSync(join(dataDir, 'pki', 'ca', 'ca.pem'), 'utf8');
    const before = await stored();
    const run = await cli('init', '--json');
    expect(run.code, run.err).to.equal(0);
    const made = JSON.parse(run.out) as { caCreated: boolean; participants: unknown[] };
    expect(made.caCreated).to.equal(false);
    expect(made.participants).to.have.length(19);
    expect(readFileSync(join(dataDir, 'pki', 'ca', 'ca.pem'), 'utf8')).to.equal(caBefore);
    expect(await stored()).to.deep.equal(before);
  });

  it('participants add registers a new creditor with its certificate, modules and flags', async () => {
    const { certPath } = pkiIssue(join(dataDir, 'pki'), {
      oin: NEW_OIN,
      name: 'Incasso Noord B.V.',
      keyAlgorithm: 'p256',
    });
    const run = await cli(
      'participants',
      'add',
      '--oin',
      NEW_OIN,
      '--name',
      'Incasso Noord B.V.',
      '--kind',
      'schuldeiser',
      '--modules',
      'schuldinventarisatie,betalingsregeling',
      '--preferent',
      '--transport',
      'amqp',
      '--cert',
      certPath,
    );
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.match(/^added: 00000003123456780000 Incasso Noord B\.V\./);
    const participant = await one(NEW_OIN);
    expect(participant).to.deep.include({
      kind: 'schuldeiser',
      modules: ['schuldinventarisatie', 'betalingsregeling'],
      preferent: true,
      publicBody: false,
      transport: 'amqp',
      status: 'active',
    });
    expect(participant.certificates.map((c) => c.thumbprint)).to.deep.equal([
      inspectCertificate(readFileSync(certPath, 'utf8')).thumbprint,
    ]);
  });

  it('participants add again updates the name and keeps the modules and flags it was not given', async () => {
    const run = await cli(
      'participants',
      'add',
      '--oin',
      NEW_OIN,
      '--name',
      'Incasso Noord',
      '--kind',
      'schuldeiser',
    );
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.match(/^updated: /);
    const participant = await one(NEW_OIN);
    expect(participant.name).to.equal('Incasso Noord');
    expect(participant.modules).to.deep.equal(['schuldinventarisatie', 'betalingsregeling']);
    expect(participant).to.deep.include({ preferent: true, transport: 'amqp' });
    expect(participant.certificates).to.have.length(1);
  });

  it('participants add --versions sets the versions it takes; one the hub does not offer is USAGE_INVALID', async () => {
    // Registered above without --versions: every version the hub offers.
    expect((await one(NEW_OIN)).acceptedVersions).to.deep.equal(standardVersions());
    const add = (versions: string) =>
      cli(
        ...['participants', 'add', '--oin', NEW_OIN, '--name', 'Incasso Noord'],
        ...['--kind', 'schuldeiser', '--versions', versions],
      );
    const run = await add('2.0');
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.match(/^versions: 2\.0$/m);
    expect((await one(NEW_OIN)).acceptedVersions).to.deep.equal(['2.0']);
    const refused = await add('2.0,9.9');
    expect(refused.code).to.equal(2);
    expect(refused.err).to.match(/^error USAGE_INVALID: .*not 9\.9/);
    expect((await one(NEW_OIN)).acceptedVersions).to.deep.equal(['2.0']);
    const withoutOldest = await add('2.1');
    expect(withoutOldest.code).to.equal(2);
    expect(withoutOldest.err).to.match(/^error USAGE_INVALID: every participant takes 2\.0/);
    const signals = await cli(
      ...['participants', 'add', '--oin', NEW_OIN, '--name', 'Incasso Noord'],
      ...['--kind', 'schuldeiser', '--vaste-lasten', 'energie'],
    );
    expect(signals.code).to.equal(2);
    expect(signals.err).to.match(
      /^error USAGE_INVALID: a participant that declares kinds of fixed cost .* version 2\.1/,
    );
    expect((await one(NEW_OIN)).acceptedVersions).to.deep.equal(['2.0']);
  });

  it('participants add refuses an unknown kind or module with USAGE_INVALID and stores nothing', async () => {
    const kind = await cli(
      'participants',
      'add',
      '--oin',
      NEW_OIN,
      '--name',
      'X',
      '--kind',
      'bank',
    );
    expect(kind.code).to.equal(2);
    expect(kind.err).to.match(/^error USAGE_INVALID: --kind must be one of/);
    const module = await cli(
      ...['participants', 'add', '--oin', NEW_OIN, '--name', 'X', '--kind', 'schuldeiser'],
      ...['--modules', 'waarborgfonds'],
    );
    expect(module.code).to.equal(2);
    expect(module.err).to.include('error USAGE_INVALID');
    expect((await one(NEW_OIN)).name).to.equal('Incasso Noord');
  });

  it('participants list shows every participant, as a table and as JSON without PEM text', async () => {
    const table = await cli('participants', 'list');
    expect(table.code, table.err).to.equal(0);
    expect(table.out).to.match(/energie\s+00000003273111110000\s+Energie Direct B\.V\./);
    expect(table.out).to.include('20 participants');
    const json = await cli('participants', 'list', '--json');
    const listed = JSON.parse(json.out) as Participant[];
    expect(listed).to.have.length(20);
    expect(listed[0]?.certificates[0]).to.not.have.property('certificatePem');
  });

  it('participants add declares a municipality’s postal areas and a creditor’s fixed costs, refusing an overlap', async () => {
    const nieuwegein = '00000001001718602000';
    const add = await cli(
      ...['participants', 'add', '--oin', nieuwegein, '--name', 'Gemeente Nieuwegein'],
      ...['--kind', 'schuldhulpverlener-fase-1', '--postcodegebieden', '3430-3439'],
    );
    expect(add.code, add.err).to.equal(0);
    expect(add.out).to.include('postcodegebieden: 3430-3439');
    expect((await one(nieuwegein)).postcodegebieden).to.deep.equal(['3430-3439']);
    const overlap = await cli(
      ...['participants', 'add', '--oin', nieuwegein, '--name', 'Gemeente Nieuwegein'],
      ...['--kind', 'schuldhulpverlener-fase-1', '--postcodegebieden', '3430-3439,3585'],
    );
    expect(overlap.code).to.equal(2);
    expect(overlap.err).to.match(
      /^error USAGE_INVALID: postal area 3585 is already served by Gemeente Utrecht/,
    );
    const water = await cli(
      ...['participants', 'add', '--oin', '00000003301555660000'],
      ...['--name', 'Waterbedrijf Vitens-Utrecht N.V.', '--kind', 'schuldeiser'],
      ...['--vaste-lasten', 'drinkwater'],
    );
    expect(water.code, water.err).to.equal(0);
    expect(water.out).to.include('vaste lasten: drinkwater');
    const cleared = await cli(
      ...['participants', 'add', '--oin', nieuwegein, '--name', 'Gemeente Nieuwegein'],
      ...['--kind', 'schuldhulpverlener-fase-1', '--postcodegebieden', ''],
    );
    expect(cleared.code, cleared.err).to.equal(0);
    expect(await one(nieuwegein)).not.to.have.property('postcodegebieden');
  });

  it('participants suspend and activate change the stored status, by OIN or handle', async () => {
    const suspended = await cli('participants', 'suspend', 'energie');
    expect(suspended.code, suspended.err).to.equal(0);
    expect((await one('00000003273111110000')).status).to.equal('suspended');
    const activated = await cli('participants', 'activate', '00000003273111110000');
    expect(activated.code, activated.err).to.equal(0);
    expect((await one('00000003273111110000')).status).to.equal('active');
  });

  it('participants revoke-cert marks that certificate revoked and warns when none is left', async () => {
    const [certificate] = (await one(NEW_OIN)).certificates;
    // A thumbprint is base64url and may begin with '-': after `--` it is never read as an option.
    const run = await cli(
      'participants',
      'revoke-cert',
      NEW_OIN,
      '--',
      certificate?.thumbprint ?? '',
    );
    expect(run.code, run.err).to.equal(0);
    expect(run.err).to.include('no active certificate left');
    const revoked = (await one(NEW_OIN)).certificates[0];
    expect(revoked?.status).to.equal('revoked');
    expect(revoked?.revokedAt).to.be.a('string');

    const unknown = await cli('participants', 'revoke-cert', NEW_OIN, 'no-such-thumbprint');
    expect(unknown.code).to.equal(2);
    expect(unknown.err).to.match(/^error USAGE_INVALID: .*no certificate no-such-thumbprint/);
    const dashed = await cli('participants', 'revoke-cert', NEW_OIN, '--', '-no-such-thumbprint');
    expect(dashed.code).to.equal(2);
    expect(dashed.err).to.match(/^error USAGE_INVALID: .*no certificate -no-such-thumbprint/);
  });

  it('participants list flags an entry edited in the ledger file, and participants restore writes it back', async () => {
    const ledger = new SqliteLedger(join(dataDir, 'ledger.sqlite'));
    try {
      ledger.unsafeExec(
        `UPDATE participants SET doc = json_set(doc, '$.publicBody', json('true')) WHERE oin = ?`,
        '00000003273111110000',
      );
    } finally {
      await ledger.close();
    }
    const listed = await cli('participants', 'list');
    expect(listed.out).to.match(/00000003273111110000 .* DIFFERS/);
    expect(listed.err).to.include(
      'warning: 00000003273111110000 differs from its history (publicBody differs from its history)',
    );
    const show = await cli('participants', 'show', 'energie');
    expect(show.err).to.match(/^error PARTICIPANT_UNVERIFIED: /);
    const restored = await cli('participants', 'restore', 'energie');
    expect(restored.code, restored.err).to.equal(0);
    expect((await one('00000003273111110000')).publicBody).to.equal(false);
    expect((await cli('participants', 'list')).err).to.equal('');
  });

  it('participants suspend of an unknown OIN exits 2 with USAGE_INVALID', async () => {
    const run = await cli('participants', 'suspend', '00000003999999990000');
    expect(run.code).to.equal(2);
    expect(run.err).to.match(/^error USAGE_INVALID: no participant with OIN/);
  });
});
