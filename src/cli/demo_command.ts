/**
 * `knooppunt demo`: one whole schuldregeling through a hub on the embedded defaults (a fresh
 * data folder, removed afterwards unless `--keep`), printed as a timeline and a summary table.
 * `--portal [creditor]` leaves one creditor to a person in the participant portal; Ctrl-C then
 * stops the demo cleanly while it waits.
 */
import type { Command } from 'commander';
import { LedgerError, UsageError } from '@knooppunt/standard';
import { runDemo } from '../demo/demo.ts';
import type { CliContext } from './context.ts';

interface DemoCommandOptions {
  seed: string;
  keep?: boolean;
  json?: boolean;
  transport: string;
  portal?: string | true;
  port?: string;
}

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
    .option(
      '--portal [creditor]',
      'you answer for one creditor (a handle; default the one that refuses) in the participant portal, instead of its bot',
    )
    .option('--port <n>', 'with --portal: the hub’s port (default PORT, else a free one)')
    .option('--json', 'print the result as JSON instead of the timeline')
    .action(
      run(async (options: DemoCommandOptions) => {
        if (options.transport !== 'rest' && options.transport !== 'amqp') {
          throw new UsageError('USAGE_INVALID', `--transport must be rest or amqp`);
        }
        const seed = Number(options.seed);
        if (!Number.isSafeInteger(seed)) {
          throw new UsageError('USAGE_INVALID', `--seed must be a whole number: ${options.seed}`);
        }
        const port =
          options.portal === undefined ? undefined : portOf(options.port ?? cli.env['PORT']);
        const stop = new AbortController();
        const interrupted = (): void => stop.abort(new Error('interrupted'));
        if (options.portal !== undefined) {
          process.once('SIGINT', interrupted);
          process.once('SIGTERM', interrupted);
          cli.signal?.addEventListener('abort', interrupted, { once: true });
        }
        try {
          const result = await runDemo({
            seed,
            keep: options.keep === true,
            transport: options.transport,
            ...outputOf(options, io),
            ...(options.portal === undefined
              ? {}
              : { portal: options.portal, signal: stop.signal }),
            ...(port === undefined ? {} : { port }),
          });
          if (options.json === true) io.out(JSON.stringify(result, null, 2));
          if (!result.ledger.ok) {
            throw new LedgerError('LEDGER_TAMPERED', 'the demo’s ledger does not verify');
          }
        } catch (error) {
          if (!stop.signal.aborted) throw error;
          io.out(
            `stopped: the demo’s hub is down${options.keep === true ? '' : ' and its data folder removed'}`,
          );
        } finally {
          process.off('SIGINT', interrupted);
          process.off('SIGTERM', interrupted);
          cli.signal?.removeEventListener('abort', interrupted);
        }
      }),
    );
}

/**
 * Where the timeline goes: stdout, or nowhere with `--json` — except with `--portal`, where the
 * person needs the login and the steps: then stderr.
 */
function outputOf(
  options: DemoCommandOptions,
  io: CliContext['io'],
): { out?: (line: string) => void } {
  if (options.json !== true) return { out: (line) => io.out(line) };
  return options.portal === undefined ? {} : { out: (line) => io.err(line) };
}

/** The port from `--port` or `PORT`; undefined when neither names one. */
function portOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError('USAGE_INVALID', `--port must be a port number: ${value}`);
  }
  return port;
}
