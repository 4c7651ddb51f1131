/**
 * `knooppunt operators add|list|remove|passwd`: the accounts of the hub's operators (the
 * console's users, separate from participants) on the configured ledger. A password is
 * generated and printed once unless one is given in a file (never on the command line, where
 * shells and process lists keep it). Every change is an `operator-changed` event in the ledger,
 * made by `cli:<user>`.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UsageError } from '@knooppunt/standard';
import { OPERATOR_ROLES, OperatorAccounts } from '../operators/index.ts';
import type { OperatorRole, OperatorView } from '../operators/index.ts';
import { systemClock } from '@knooppunt/standard';
import { formatTable } from '../text/table.ts';
import type { CliContext } from './context.ts';
import { configOf, withLedger } from './context.ts';
import { readTextFile } from './io.ts';

/** Who the command line acts as, in the audit trail. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The password in `file` (its first line), when one is named. */
export function passwordFrom(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const password = readTextFile(file).split(/\r?\n/)[0] ?? '';
  if (password === '') throw new UsageError('USAGE_INVALID', `${file} holds no password`);
  return password;
}

/** Registers the `operators` subcommands. */
export function registerOperatorCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const operators = program
    .command('operators')
    .description("the hub's operator accounts (the console's users) on the configured ledger");
  const accounts = <T>(work: (accounts: OperatorAccounts) => Promise<T>): Promise<T> =>
    withLedger(configOf(cli), (ledger) =>
      work(new OperatorAccounts({ store: ledger, clock: systemClock })),
    );

  operators
    .command('add <name>')
    .description('add an operator; prints a generated password once unless --password-file')
    .requiredOption('--role <role>', OPERATOR_ROLES.join(' | '))
    .option('--password-file <file>', 'take the password from the first line of this file')
    .option('--json', 'print the operator (and a generated password) as JSON')
    .action(
      run(
        async (name: string, options: { role: string; passwordFile?: string; json?: boolean }) => {
          const given = passwordFrom(options.passwordFile);
          const { operator, password } = await accounts((all) =>
            all.add(name, options.role as OperatorRole, cliActor(), given),
          );
          if (options.json === true) {
            io.out(JSON.stringify({ ...operator, ...(given === undefined ? { password } : {}) }));
            return;
          }
          io.out(`added operator ${operator.name} (${operator.role})`);
          if (given === undefined) io.out(`password: ${password}`);
        },
      ),
    );

  operators
    .command('list')
    .description('list the operators (never their passwords)')
    .option('--json', 'print them as JSON')
    .action(
      run(async (options: { json?: boolean }) => {
        const all = await accounts((list) => list.list());
        if (options.json === true) {
          io.out(JSON.stringify(all, null, 2));
          return;
        }
        for (const line of formatTable(
          ['name', 'role', 'since', 'failed logins', 'locked until'],
          all.map((operator: OperatorView) => [
            operator.name,
            operator.role,
            operator.createdAt,
            String(operator.failedLogins),
            operator.lockedUntil ?? '',
          ]),
        )) {
          io.out(line);
        }
      }),
    );

  operators
    .command('remove <name>')
    .description('remove an operator and end its sessions')
    .action(
      run(async (name: string) => {
        await accounts((all) => all.remove(name, cliActor()));
        io.out(`removed operator ${name}`);
      }),
    );

  operators
    .command('passwd <name>')
    .description(
      "set an operator's password (generated unless --password-file); lifts a lock, ends its sessions",
    )
    .option('--password-file <file>', 'take the password from the first line of this file')
    .action(
      run(async (name: string, options: { passwordFile?: string }) => {
        const given = passwordFrom(options.passwordFile);
        const password = await accounts((all) => all.setPassword(name, cliActor(), given));
        io.out(`new password for ${name}${given === undefined ? `: ${password}` : ' set'}`);
      }),
    );
}
