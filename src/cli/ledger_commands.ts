/**
 * `knooppunt ledger verify|purge`: the operator's view of the ledger's tamper evidence and
 * its housekeeping. `verify` seals what is pending (so the report covers every event), then
 * checks every event hash, every subject chain and every seal; any finding is
 * LEDGER_TAMPERED (exit 1). `purge` runs the housekeeping a hub runs on its timers: expire
 * unfetched messages (telling their senders), drop payloads past retention, seal.
 */
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import {
  createSigner,
  inspectCertificate,
  LedgerError,
  readCertificateFile,
  readPrivateKeyFile,
  ReceiptSigner,
  systemClock,
} from '@knooppunt/standard';
import type { HubConfig } from '../config.ts';
import { Housekeeping } from '../hub/housekeeping.ts';
import type { Ledger } from '../ledger/port.ts';
import { releaseSealer, sealPending } from '../ledger/sealer.ts';
import { verificationEvent } from '../ledger/verification.ts';
import { verifyChain } from '../ledger/verify_chain.ts';
import type { ChainReport } from '../ledger/verify_chain.ts';
import { silentLogger } from '../ops/logger.ts';
import { DEFAULT_HUB_OIN } from '../devnet/dev_network.ts';
import { ParticipantRegistry } from '../participants/registry.ts';
import type { CliContext } from './context.ts';
import { configOf, describeLedger, withLedger } from './context.ts';
import type { CliIo } from './io.ts';

/** Registers `ledger verify` and `ledger purge`. */
export function registerLedgerCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const ledger = program
    .command('ledger')
    .description('verify the ledger’s tamper evidence; run its housekeeping');

  ledger
    .command('verify')
    .description(
      'seal pending events, then check every event hash, subject chain and seal; exit 1 with LEDGER_TAMPERED on any finding',
    )
    .option('--no-seal', 'do not seal pending events first (report them as unsealed)')
    .option('--json', 'print the report as JSON')
    .action(
      run(async (options: { seal: boolean; json?: boolean }) => {
        const config = configOf(cli);
        const { sealed, report } = await withLedger(config, async (store) => {
          const done = options.seal ? await sealOnce(store, `cli-verify-${randomUUID()}`) : 0;
          // A live counter on a terminal: a large ledger takes a while to read.
          const live = process.stderr.isTTY === true && options.json !== true;
          const report = await verifyChain(store, {
            now: systemClock.now().toISOString(),
            ...(live
              ? { onProgress: (n: number) => void process.stderr.write(`\rread ${n} events…`) }
              : {}),
          });
          if (live) process.stderr.write('\r\x1b[K');
          // Recorded in the ledger, so the hub shows when it was last verified and how it went;
          // a ledger the command may only read keeps the report, with a warning.
          await store
            .appendEvent(verificationEvent(report, new Date().toISOString(), 'cli'))
            .catch((error: unknown) =>
              io.err(`warning: the run could not be recorded in the ledger: ${String(error)}`),
            );
          return { sealed: done, report };
        });
        if (options.json === true) {
          io.out(JSON.stringify({ ledger: describeLedger(config), sealed, ...report }, null, 2));
        } else {
          printReport(io, describeLedger(config), sealed, report);
        }
        if (!report.ok) {
          const count = report.problems.length;
          throw new LedgerError(
            'LEDGER_TAMPERED',
            `${count} ${count === 1 ? 'place where' : 'places where'} the stored ledger contradicts its hashes (first: ${firstProblem(report)})`,
          );
        }
      }),
    );

  ledger
    .command('purge')
    .description(
      'one housekeeping pass: expire messages not picked up in time (their senders get a verloopmelding), drop payloads past retention, seal',
    )
    .option('--json', 'print the counts as JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const config = configOf(cli);
        const counts = await withLedger(config, (store) => purgeOnce(store, config));
        if (options.json === true) {
          io.out(JSON.stringify(counts));
          return;
        }
        io.out(`ledger:   ${describeLedger(config)}`);
        io.out(`expired:  ${counts.expired} (payload dropped, sender notified)`);
        io.out(`dropped:  ${counts.dropped} payloads past ${config.retentionDays} days retention`);
        io.out(`sealed:   ${counts.sealed} events`);
      }),
    );
}

/**
 * Expires and drops until nothing is due (a hub's timer takes 500 at a time), then seals.
 * The hub's key signs the expiry notices, so its certificate and key must be readable.
 */
async function purgeOnce(
  ledger: Ledger,
  config: HubConfig,
): Promise<{ expired: number; dropped: number; sealed: number }> {
  const certificate = readCertificateFile(config.hubCertPath);
  const hubSigner = createSigner(readPrivateKeyFile(config.hubKeyPath), certificate);
  const hubOin = inspectCertificate(certificate).oin ?? DEFAULT_HUB_OIN;
  const owner = `cli-purge-${randomUUID()}`;
  const housekeeping = new Housekeeping({
    ledger,
    clock: systemClock,
    logger: silentLogger(),
    receipts: new ReceiptSigner(hubSigner, hubOin),
    hubSigner,
    hubOin,
    participants: new ParticipantRegistry(ledger),
    expiryWorkingDays: config.expiryWorkingDays,
    owner,
  });
  let expired = 0;
  let dropped = 0;
  for (;;) {
    const pass = await housekeeping.purge();
    expired += pass.expired;
    dropped += pass.dropped;
    // Each counted item left the due set, so this ends; zero means nothing (more) was due.
    if (pass.expired + pass.dropped === 0) break;
  }
  try {
    return { expired, dropped, sealed: await housekeeping.seal() };
  } finally {
    await releaseSealer(ledger, owner, systemClock);
  }
}

/** Seals what is pending as a one-shot sealer, then lets the hubs' sealers have the lease. */
async function sealOnce(ledger: Ledger, owner: string): Promise<number> {
  try {
    return await sealPending(ledger, { owner, clock: systemClock });
  } finally {
    await releaseSealer(ledger, owner, systemClock);
  }
}

function printReport(io: CliIo, ledger: string, sealed: number, report: ChainReport): void {
  io.out(`ledger:    ${ledger}`);
  io.out(`sealed:    ${sealed} pending events sealed before verifying`);
  io.out(`events:    ${report.events}`);
  io.out(`subjects:  ${report.subjects}`);
  io.out(`seals:     ${report.seals}`);
  io.out(`unsealed:  ${report.unsealed}`);
  io.out(
    `messages:  ${report.messages} checked against their events` +
      (report.messagesBehind > 0
        ? ` (${report.messagesBehind} behind their chain after a crash; the next transition brings each up to date)`
        : ''),
  );
  io.out(
    `registry:  ${report.participants} participants checked against their history` +
      (report.participantsBehind > 0
        ? ` (${report.participantsBehind} behind it after a crash; the hub acts on the history and brings each up to date)`
        : ''),
  );
  if (report.ok) {
    io.out(
      'ok: every event hash, subject chain and seal checks out, every message matches its events and every participant its history',
    );
    return;
  }
  io.out(`problems:  ${report.problems.length}`);
  for (const problem of report.problems) {
    io.out(`  ${problem.kind.padEnd(18)} ${problem.where}: ${problem.detail}`);
  }
}

function firstProblem(report: ChainReport): string {
  const first = report.problems[0];
  return first === undefined ? 'none' : `${first.kind} at ${first.where}`;
}
