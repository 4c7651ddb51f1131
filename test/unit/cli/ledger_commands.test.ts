/**
 * `knooppunt ledger verify|purge` on the SQLite ledger of a data folder made by `init`. The
 * tamper test edits an event row in the ledger file directly, as an attacker with file access
 * would, and expects LEDGER_TAMPERED on stderr with exit 1.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import {
  EnvelopeVerifier,
  readCertificateFile,
  signerFromPem,
  staticCertificates,
  TrustStore,
} from '@knooppunt/standard';
import { SqliteLedger } from '../../../src/ledger/sqlite_ledger.ts';
import { lastVerification } from '../../../src/ledger/verification.ts';
import type { MessageRecord } from '../../../src/ledger/types.ts';
import { storeSaldoverzoek } from '../../support/ledger_records.ts';
import { OIN } from '../../support/pki_fixtures.ts';
import { freshEnvironment, knooppunt } from './run_cli.ts';

const DAY_MS = 86_400_000;

describe('knooppunt ledger', () => {
  const { dataDir, env } = freshEnvironment();
  const cli = (...args: string[]) => knooppunt({ env }, ...args);
  const ledgerFile = join(dataDir, 'ledger.sqlite');
  const pkiDir = join(dataDir, 'pki');

  async function withLedger<T>(work: (ledger: SqliteLedger) => Promise<T>): Promise<T> {
    const ledger = new SqliteLedger(ledgerFile);
    try {
      return await work(ledger);
    } finally {
      await ledger.close();
    }
  }

  /**
   * A saldoverzoek from the gemeente, received a month ago and never picked up. The command
   * line runs on the system clock, so the dates are a month before it, whatever today is.
   */
  async function storeOverdueMessage(): Promise<MessageRecord> {
    const monthAgo = new Date(Date.now() - 30 * DAY_MS);
    const folder = join(pkiDir, 'participants', OIN.gemeente);
    const signer = signerFromPem(
      readFileSync(join(folder, 'key.pem'), 'utf8'),
      readFileSync(join(folder, 'cert.pem'), 'utf8'),
    );
    return withLedger((ledger) => storeSaldoverzoek(ledger, { signer, receivedAt: monthAgo }));
  }

  before(async () => {
    const init = await cli('init');
    expect(init.code, init.err).to.equal(0);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verify seals what is pending and exits 0 on an untouched ledger', async () => {
    const run = await cli('ledger', 'verify');
    expect(run.code, run.err).to.equal(0);
    expect(run.out).to.include('sealed:    19 pending events');
    expect(run.out).to.match(/events:\s+19/);
    expect(run.out).to.match(/unsealed:\s+0/);
    expect(run.out).to.include('ok: ');
    expect(run.err).to.equal('');
    // The run is recorded in the ledger, for the hub's metrics and console.
    const recorded = await withLedger((ledger) => lastVerification(ledger));
    expect(recorded).to.include({ ok: true, events: 19, seals: 1, problems: 0 });
  });

  it('verify --no-seal leaves new events unsealed and reports them; --json prints the report', async () => {
    const suspend = await cli('participants', 'suspend', 'telecom');
    expect(suspend.code, suspend.err).to.equal(0);
    const run = await cli('ledger', 'verify', '--no-seal', '--json');
    expect(run.code, run.err).to.equal(0);
    const report = JSON.parse(run.out) as Record<string, unknown>;
    // 19, the first verification's record, and the suspension: the last two not yet sealed.
    expect(report).to.include({ ok: true, sealed: 0, events: 21, unsealed: 2 });
  });

  it('purge expires an overdue message and the sender finds a verloopmelding signed with the hub certificate', async () => {
    const overdue = await storeOverdueMessage();
    const run = await cli('ledger', 'purge', '--json');
    expect(run.code, run.err).to.equal(0);
    const counts = JSON.parse(run.out) as Record<string, number>;
    expect(counts).to.include({ expired: 1, dropped: 0 });
    // The verify runs before gave the sealer's lease back, so this pass can seal at once.
    expect(counts['sealed']).to.be.greaterThan(0);

    const { expired, notice } = await withLedger(async (ledger) => {
      const mailbox = await ledger.listMailbox({ recipient: OIN.gemeente, limit: 10 });
      expect(mailbox.items).to.have.length(1);
      return {
        expired: await ledger.getMessage(overdue.messageId),
        notice: await ledger.getMessage(mailbox.items[0]?.messageId as string),
      };
    });
    expect(expired).to.include({ status: 'expired', payload: null });
    expect(notice?.messageType).to.equal('verloopmelding');
    expect(notice?.payload).to.include({ verlopenBerichtId: overdue.messageId });
    const verifier = new EnvelopeVerifier({
      certificates: staticCertificates([readCertificateFile(join(pkiDir, 'hub', 'cert.pem'))]),
      trust: TrustStore.fromPem(readFileSync(join(pkiDir, 'ca', 'ca.pem'), 'utf8')),
      maxClockSkewMs: 60_000,
    });
    const signed = {
      envelope: notice?.envelope,
      payload: notice?.payload,
      signature: notice?.signature,
    };
    expect((await verifier.verify(signed)).message.envelope.sender).to.equal(
      '00000001999999990000',
    );

    const again = await cli('ledger', 'purge');
    expect(again.out).to.match(/expired:\s+0/);
  });

  it('verify exits 1 with LEDGER_TAMPERED when an event row was edited in the ledger file', async () => {
    const db = new Database(ledgerFile);
    try {
      const changed = db
        .prepare(
          `UPDATE events SET doc = json_set(doc, '$.data.status', 'suspended')
           WHERE event_id = (SELECT event_id FROM events WHERE subject LIKE 'participant:%' ORDER BY rowid LIMIT 1)`,
        )
        .run();
      expect(changed.changes).to.equal(1);
    } finally {
      db.close();
    }
    const run = await cli('ledger', 'verify');
    expect(run.code).to.equal(1);
    expect(run.err).to.match(
      /^error LEDGER_TAMPERED: 2 places where the stored ledger contradicts/,
    );
    expect(run.out).to.match(/problems:\s+2/);
    // The edited event no longer matches its own hash, nor the Merkle root that sealed it.
    expect(run.out).to.match(/event-hash\s+participant:\d{20}#0: content does not match its hash/);
    expect(run.out).to.match(
      /seal-root\s+seal 0: the events no longer hash to the sealed Merkle root/,
    );

    const json = await cli('ledger', 'verify', '--json');
    expect(json.code).to.equal(1);
    expect(JSON.parse(json.out)).to.deep.include({ ok: false });
  });

  it('verify exits 1 with LEDGER_TAMPERED when a participant was made a public body in the ledger file', async () => {
    const db = new Database(ledgerFile);
    let oin: string;
    try {
      const row = db
        .prepare(
          `SELECT oin FROM participants WHERE json_extract(doc, '$.publicBody') = 0 ORDER BY oin LIMIT 1`,
        )
        .get() as { oin: string };
      oin = row.oin;
      db.prepare(
        `UPDATE participants SET doc = json_set(doc, '$.publicBody', json('true')) WHERE oin = ?`,
      ).run(oin);
    } finally {
      db.close();
    }
    const run = await cli('ledger', 'verify');
    expect(run.code).to.equal(1);
    // Besides the event edited in the test before: the entry differs from its history.
    expect(run.err).to.match(/^error LEDGER_TAMPERED: 3 places where/);
    expect(run.out).to.include(
      `participant-record participant:${oin}: publicBody differs from its history`,
    );
  });
});
