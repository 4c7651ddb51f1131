/**
 * `knooppunt start` (the README's first command, `npm start`): runs the hub on the configured
 * ledger — the embedded SQLite file in the data folder unless `MONGODB_URL` is set — with its
 * housekeeping timers, creating the development network on first start when configured. It
 * prints where it listens, which ledger it uses and how to send a first message, and runs
 * until SIGINT or SIGTERM (or the injected stop signal), then stops cleanly. With
 * `KNOOPPUNT_PROCESSES` above 1 this process is the primary of a node:cluster: it does the
 * one-time work (ledger, development network, operator and portal users), prints the same
 * banner and runs that many hub workers on the shared port (cluster_supervisor.ts,
 * cluster_worker.ts).
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { HubConfig } from '../config.ts';
import { UsageError } from '@knooppunt/standard';
import { bootstrapDevOperator, bootstrapDevPortalUsers } from '../devnet/dev_network.ts';
import { createHub } from '../hub/hub.ts';
import { createLogger } from '../ops/logger.ts';
import { HubCluster } from './cluster_supervisor.ts';
import type { WorkerHandle } from './cluster_supervisor.ts';
import { runClusterWorker } from './cluster_worker.ts';
import type { CliContext } from './context.ts';
import type { CliIo } from './io.ts';
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
        if (cluster.isWorker) {
          await runClusterWorker(
            config,
            (signal) => untilStopped(signal),
            (error) => listenError(error, config),
          );
          return;
        }
        if (!config.devBootstrap) requireHubFiles(config);
        if (config.processes > 1) {
          await startCluster(cli, config);
          return;
        }
        const hub = await createHub(config);
        let url: string;
        let logins: DevLogins;
        try {
          // Before listening, so that everything below prints at once.
          logins = await bootstrapLogins(hub, config);
          url = await hub.listen();
        } catch (error) {
          await hub.stop();
          throw listenError(error, config);
        }
        printBanner(io, config, { url, hubOin: hub.hubOin, ...logins });
        const why = await untilStopped(cli.signal);
        io.out(`stopping (${why}) …`);
        await hub.stop();
        io.out('stopped');
      }),
    );
}

/** The development operator's and portal users' logins (none without the development bootstrap). */
interface DevLogins {
  readonly operator: Awaited<ReturnType<typeof bootstrapDevOperator>> | undefined;
  readonly portal: Awaited<ReturnType<typeof bootstrapDevPortalUsers>> | undefined;
}

async function bootstrapLogins(
  hub: Awaited<ReturnType<typeof createHub>>,
  config: HubConfig,
): Promise<DevLogins> {
  if (!config.devBootstrap) return { operator: undefined, portal: undefined };
  const pkiDir = join(config.dataDir, 'pki');
  return {
    operator: await bootstrapDevOperator(hub.operators.accounts, pkiDir),
    portal: await bootstrapDevPortalUsers(hub.portal.accounts, pkiDir),
  };
}

/**
 * The primary of several hub processes: the one-time work first (a hub that opens the ledger,
 * creates or updates the development network and logins, and stops again without listening —
 * the workers then find all of it there), then the workers, the banner once they serve, and
 * their clean stop on SIGINT or SIGTERM. Throws when the workers keep failing to start.
 */
async function startCluster(cli: CliContext, config: HubConfig): Promise<void> {
  const { io } = cli;
  // Without the broker: the first worker provisions its users before the others start.
  const once = await createHub(
    { ...config, amqpUrl: undefined },
    { housekeeping: false, processMetrics: false },
  );
  let logins: DevLogins;
  try {
    logins = await bootstrapLogins(once, config);
  } finally {
    await once.stop();
  }
  const workers = new HubCluster({
    processes: config.processes,
    // The worker runs this command again: same script, arguments and node options.
    fork: (): WorkerHandle => cluster.fork(cli.env),
    logger: createLogger(config.logLevel),
  });
  const stopped = untilStopped(cli.signal);
  const started = workers.start();
  const gaveUp = workers.failed.then((error) => Promise.reject(error));
  // Either may reject once nothing awaits it any more (stopped first): never unhandled.
  started.catch(() => undefined);
  gaveUp.catch(() => undefined);
  try {
    const ready = await Promise.race([started, stopped.then(() => undefined)]);
    if (ready !== undefined) {
      const processes = `${config.processes} (worker pids ${workers.pids.join(', ')})`;
      printBanner(io, config, { url: ready.url, hubOin: ready.hubOin, processes, ...logins });
      await Promise.race([stopped, gaveUp]);
    }
  } catch (error) {
    await workers.stop();
    throw error;
  }
  io.out(`stopping (${await stopped}) …`);
  await workers.stop();
  io.out('stopped');
}

/** What `start` prints once the hub serves: where, which ledger, the logins, a first message. */
function printBanner(
  io: CliIo,
  config: HubConfig,
  {
    url,
    hubOin,
    operator,
    portal,
    processes,
  }: DevLogins & { readonly url: string; readonly hubOin: string; readonly processes?: string },
): void {
  io.out(`Knooppunt listening on ${url}`);
  io.out(`ledger:           ${describeLedger(config)}`);
  io.out(`hub OIN:          ${hubOin}`);
  io.out(`hub certificate:  ${config.hubCertPath} (also GET ${url}/v1/hub/certificate)`);
  io.out(`metrics:          ${url}/metrics (Prometheus)`);
  if (processes !== undefined) io.out(`processes:        ${processes}`);
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
