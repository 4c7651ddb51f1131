/**
 * `knooppunt start` (the README's first command, `npm start`): runs the hub on the configured
 * ledger — the embedded SQLite file in the data folder unless `MONGODB_URL` is set — with its
 * housekeeping timers, creating the development network on first start when configured. It
 * prints where it listens, which ledger it uses and how to send a first message, and runs
 * until SIGINT or SIGTERM (or the injected stop signal), then stops cleanly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { HubConfig } from '../config.ts';
import { UsageError } from '@knooppunt/standard';
import { bootstrapDevOperator, bootstrapDevPortalUsers } from '../devnet/dev_network.ts';
import { createHub } from '../hub/hub.ts';
import type { CliContext } from './context.ts';
import type { FirstMessageSetting } from './first_message.ts';
import { configOf, describeLedger } from './context.ts';
import { FIRST_MESSAGE_EXAMPLE, displayPath, firstMessageSteps } from './first_message.ts';

/** Registers `start`. */
export function registerStartCommand(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  program
    .command('start')
    .description(
      'run the hub (REST on $HOST:$PORT, ledger in $KNOOPPUNT_DATA_DIR or MongoDB) until Ctrl-C',
    )
    .action(
      run(async () => {
        const config = configOf(cli);
        if (!config.devBootstrap) requireHubFiles(config);
        const hub = await createHub(config);
        let url: string;
        let operator: Awaited<ReturnType<typeof bootstrapDevOperator>> | undefined;
        let portal: Awaited<ReturnType<typeof bootstrapDevPortalUsers>> | undefined;
        try {
          // Before listening, so that everything below prints at once.
          operator = config.devBootstrap
            ? await bootstrapDevOperator(hub.operators.accounts, join(config.dataDir, 'pki'))
            : undefined;
          portal = config.devBootstrap
            ? await bootstrapDevPortalUsers(hub.portal.accounts, join(config.dataDir, 'pki'))
            : undefined;
          url = await hub.listen();
        } catch (error) {
          await hub.stop();
          throw listenError(error, config);
        }
        io.out(`Knooppunt listening on ${url}`);
        io.out(`ledger:           ${describeLedger(config)}`);
        io.out(`hub OIN:          ${hub.hubOin}`);
        io.out(`hub certificate:  ${config.hubCertPath} (also GET ${url}/v1/hub/certificate)`);
        io.out(`metrics:          ${url}/metrics (Prometheus)`);
        if (operator !== undefined) {
          const { name, password, file } = operator;
          io.out(
            `operator console: ${url}/console/ — log in as ${name} / ${password} (kept in ${displayPath(file, process.cwd())})`,
          );
        }
        if (portal !== undefined) {
          const example = portal.users.find((user) => user.name === 'energie') ?? portal.users[0];
          if (example !== undefined) {
            io.out(`participant portal: ${url}/portaal/`);
            io.out(
              `portal users:     one per participant, named by handle — e.g. ${example.name} / ${example.password}, code: npx knooppunt portal-users code ${example.name} (all in ${displayPath(portal.folder, process.cwd())})`,
            );
          }
        }
        io.out('');
        io.out('Send a first message (in another terminal, from the repository folder).');
        for (const step of firstMessageSteps(setting(config, url))) {
          io.out(step.title);
          for (const line of step.commands) io.out(`  ${line}`);
          io.out('');
        }
        io.out('Stop with Ctrl-C.');
        const why = await untilStopped(cli.signal);
        io.out(`stopping (${why}) …`);
        await hub.stop();
        io.out('stopped');
      }),
    );
}

/** The walk-through's paths as a reader in the current folder types them. */
function setting(config: HubConfig, url: string): FirstMessageSetting {
  const cwd = process.cwd();
  const defaultData = resolve(cwd, 'data') === config.dataDir;
  return {
    url,
    pkiDir: displayPath(join(config.dataDir, 'pki'), cwd),
    hubCertPath: displayPath(config.hubCertPath, cwd),
    examplePath: displayPath(FIRST_MESSAGE_EXAMPLE, cwd),
    ...(defaultData ? {} : { dataDir: config.dataDir }),
  };
}

/** Without the development bootstrap, the hub's certificate, key and trust bundle must exist. */
function requireHubFiles(config: HubConfig): void {
  for (const [path, variable] of [
    [config.hubCertPath, 'KNOOPPUNT_HUB_CERT'],
    [config.hubKeyPath, 'KNOOPPUNT_HUB_KEY'],
    [config.trustBundlePath, 'KNOOPPUNT_TRUST_BUNDLE'],
  ] as const) {
    if (!existsSync(path)) {
      throw new UsageError(
        'FILE_UNREADABLE',
        `${path} does not exist: set ${variable}, or run knooppunt init for a development hub`,
      );
    }
  }
}

function listenError(error: unknown, config: HubConfig): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    return new UsageError(
      'USAGE_INVALID',
      `cannot listen on ${config.host}:${config.port} (${code}); set PORT or HOST`,
      { cause: error },
    );
  }
  return error;
}

/** Resolves with the reason once SIGINT, SIGTERM or `signal` asks the hub to stop. */
function untilStopped(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolveStop) => {
    const stop = (why: string): void => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
      signal?.removeEventListener('abort', onAbort);
      resolveStop(why);
    };
    const onInterrupt = (): void => stop('SIGINT');
    const onTerminate = (): void => stop('SIGTERM');
    const onAbort = (): void => stop('stop requested');
    process.once('SIGINT', onInterrupt);
    process.once('SIGTERM', onTerminate);
    if (signal?.aborted === true) stop('stop requested');
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
