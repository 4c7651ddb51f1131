/**
 * `knooppunt demo`: one whole schuldregeling through a hub on the embedded defaults (a fresh
 * data folder, removed afterwards unless `--keep`), printed as a timeline and a summary table.
 */
import type { Command } from 'commander';
import { LedgerError, UsageError } from '@knooppunt/standard';
import { runDemo } from '../demo/demo.ts';
import type { CliContext } from './context.ts';

/** Registers `demo`. */
export function registerDemoCommand(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  program
    .command('demo')
    .description(
      'run one complete debt case (14 creditor bots, saneringskrediet, Waarborgfonds) through a hub on the embedded defaults',
    )
    .option('--seed <n>', 'picks the uncooperative and the refusing creditor', '2026')
    .option('--keep', 'keep the data folder (ledger and PKI) and print where it is')
    .option(
      '--transport <rest|amqp>',
      'how every party sends and takes delivery; amqp needs RabbitMQ (AMQP_URL, default the local one)',
      'rest',
    )
    .option('--json', 'print the result as JSON instead of the timeline')
    .action(
      run(async (options: { seed: string; keep?: boolean; json?: boolean; transport: string }) => {
        if (options.transport !== 'rest' && options.transport !== 'amqp') {
          throw new UsageError('USAGE_INVALID', `--transport must be rest or amqp`);
        }
        const seed = Number(options.seed);
        if (!Number.isSafeInteger(seed)) {
          throw new UsageError('USAGE_INVALID', `--seed must be a whole number: ${options.seed}`);
        }
        const result = await runDemo({
          seed,
          keep: options.keep === true,
          transport: options.transport,
          ...(options.json === true ? {} : { out: (line: string) => io.out(line) }),
        });
        if (options.json === true) io.out(JSON.stringify(result, null, 2));
        if (!result.ledger.ok) {
          throw new LedgerError('LEDGER_TAMPERED', 'the demo’s ledger does not verify');
        }
      }),
    );
}
