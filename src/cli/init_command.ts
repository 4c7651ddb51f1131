/**
 * `knooppunt init`: prepares a development hub on the configured ledger — the development CA,
 * the hub certificate and a key and certificate for each participant of the development
 * network in `<dataDir>/pki`, and the network registered in the ledger. Idempotent: what
 * exists is kept, so running it again changes nothing.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEV_NETWORK, bootstrapDevNetwork } from '../devnet/dev_network.ts';
import { ParticipantRegistry } from '../participants/registry.ts';
import { pkiPaths } from '../pki/files.ts';
import { DEFAULT_HUB_OIN } from '../devnet/dev_network.ts';
import { inspectCertificate, readCertificateFile } from '@knooppunt/standard';
import type { CliContext } from './context.ts';
import { configOf, describeLedger, withLedger } from './context.ts';
import { formatTable } from '../text/table.ts';

/** Registers `init`. */
export function registerInitCommand(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  program
    .command('init')
    .description(
      'create the development CA, hub certificate and development network in <dataDir>/pki and register the network in the ledger (idempotent)',
    )
    .option('--json', 'print what was made as JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const config = configOf(cli);
        const pkiDir = join(config.dataDir, 'pki');
        const made = await withLedger(config, (ledger) =>
          bootstrapDevNetwork(pkiDir, new ParticipantRegistry(ledger), DEFAULT_HUB_OIN),
        );
        const hubOin = inspectCertificate(readCertificateFile(made.hubCertPath)).oin;
        const participants = DEV_NETWORK.map(({ handle, oin, name, kind }) => ({
          handle,
          oin,
          name,
          kind,
          certPath: join(pkiPaths(pkiDir).participants, oin, 'cert.pem'),
          keyPath: join(pkiPaths(pkiDir).participants, oin, 'key.pem'),
        }));
        if (options.json === true) {
          const { caCertPath, created, hubCertPath } = made;
          const ledger = describeLedger(config);
          const summary = { caCertPath, caCreated: created, hubCertPath, hubOin, ledger };
          io.out(JSON.stringify({ ...summary, participants }, null, 2));
          return;
        }
        io.out(`development CA:   ${made.caCertPath} (${made.created ? 'created' : 'kept'})`);
        io.out(`hub certificate:  ${made.hubCertPath}`);
        io.out(`hub OIN:          ${hubOin ?? '(none)'}`);
        io.out(`ledger:           ${describeLedger(config)}`);
        io.out(
          `participants:     ${participants.length}, keys and certificates in ${pkiPaths(pkiDir).participants}/<oin>/`,
        );
        io.out('');
        const rows = participants.map((p) => [p.handle, p.oin, p.name, p.kind]);
        for (const line of formatTable(['handle', 'OIN', 'name', 'kind'], rows)) io.out(line);
      }),
    );
}
