/**
 * `knooppunt portal-users add|list|email|remove --participant <OIN or handle>`: the users of a
 * participant in the participant portal, on the configured ledger. A new user's password
 * (generated unless given in a file) and TOTP secret with its `otpauth://` URI are printed
 * once, for the person to enrol in an authenticator app. Every change is a
 * `portal-user-changed` event made by `cli:<user>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { systemClock, UsageError } from '@knooppunt/standard';
import { devPortalLoginPath } from '../devnet/dev_network.ts';
import type { DevPortalLogin } from '../devnet/dev_network.ts';
import { PORTAL_ROLES, PortalAccounts, totpCode } from '../portal/index.ts';
import type { PortalRole, PortalUserView } from '../portal/index.ts';
import { formatTable } from '../text/table.ts';
import type { CliContext } from './context.ts';
import { configOf, withLedger } from './context.ts';
import { cliActor, passwordFrom } from './operator_commands.ts';
import { resolveOin } from './participant_ref.ts';

/** Registers the `portal-users` subcommands. */
export function registerPortalUserCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const users = program
    .command('portal-users')
    .description("a participant's users of the participant portal, on the configured ledger");
  const accounts = <T>(work: (accounts: PortalAccounts) => Promise<T>): Promise<T> =>
    withLedger(configOf(cli), (ledger) =>
      work(
        new PortalAccounts({
          store: ledger,
          clock: systemClock,
          participantExists: async (oin) => (await ledger.getParticipant(oin)) !== undefined,
        }),
      ),
    );

  users
    .command('add <name>')
    .description(
      'add a user; prints a generated password and the TOTP secret once (unless --password-file)',
    )
    .requiredOption('--participant <participant>', 'OIN or development handle')
    .option('--role <role>', PORTAL_ROLES.join(' | '), 'medewerker')
    .option('--password-file <file>', 'take the password from the first line of this file')
    .option('--email <address>', "where the user's daily e-mail digest goes")
    .option('--json', 'print the user, the TOTP secret and URI (and a generated password) as JSON')
    .action(
      run(
        async (
          name: string,
          options: {
            participant: string;
            role: string;
            passwordFile?: string;
            email?: string;
            json?: boolean;
          },
        ) => {
          const given = passwordFrom(options.passwordFile);
          const enrolment = await accounts((all) =>
            all.add(
              resolveOin(options.participant),
              name,
              options.role as PortalRole,
              cliActor(),
              given,
              options.email,
            ),
          );
          const { user, password, totpSecret, totpUri } = enrolment;
          if (options.json === true) {
            io.out(
              JSON.stringify({
                ...user,
                totpSecret,
                totpUri,
                ...(given === undefined ? { password } : {}),
              }),
            );
            return;
          }
          io.out(`added portal user ${user.name} (${user.role}) of ${user.participant}`);
          if (given === undefined) io.out(`password:    ${password}`);
          io.out(`TOTP secret: ${totpSecret}`);
          io.out(`TOTP URI:    ${totpUri}`);
        },
      ),
    );

  users
    .command('list')
    .description('list the users (never their secrets)')
    .option('--participant <participant>', 'only those of this participant (OIN or handle)')
    .option('--json', 'print them as JSON')
    .action(
      run(async (options: { participant?: string; json?: boolean }) => {
        const participant =
          options.participant === undefined ? undefined : resolveOin(options.participant);
        const all = await accounts((list) => list.list(participant));
        if (options.json === true) {
          io.out(JSON.stringify(all, null, 2));
          return;
        }
        for (const line of formatTable(
          ['name', 'participant', 'role', 'e-mail', 'since', 'failed logins', 'locked until'],
          all.map((user: PortalUserView) => [
            user.name,
            user.participant,
            user.role,
            user.email ?? '',
            user.createdAt,
            String(user.failedLogins),
            user.lockedUntil ?? '',
          ]),
        )) {
          io.out(line);
        }
      }),
    );

  users
    .command('email <name> [address]')
    .description("set the address of a user's daily e-mail digest; without one, remove it")
    .requiredOption('--participant <participant>', 'the participant it belongs to (OIN or handle)')
    .action(
      run(async (name: string, address: string | undefined, options: { participant: string }) => {
        const user = await accounts((all) =>
          all.setEmail(name, address, cliActor(), resolveOin(options.participant)),
        );
        io.out(
          user.email === undefined
            ? `portal user ${name} gets no e-mail digest`
            : `portal user ${name} gets the daily e-mail digest at ${user.email}`,
        );
      }),
    );

  users
    .command('remove <name>')
    .description('remove a user')
    .requiredOption('--participant <participant>', 'the participant it belongs to (OIN or handle)')
    .action(
      run(async (name: string, options: { participant: string }) => {
        await accounts((all) => all.remove(name, cliActor(), resolveOin(options.participant)));
        io.out(`removed portal user ${name}`);
      }),
    );

  users
    .command('code <name>')
    .description(
      "print the current TOTP code of a development portal user (from <dataDir>/pki/portal/<name>.json); a real user's code is in their authenticator app",
    )
    .action(
      run(async (name: string) => {
        const file = devPortalLoginPath(join(configOf(cli).dataDir, 'pki'), name);
        if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name) || !existsSync(file)) {
          throw new UsageError('USAGE_INVALID', `no development portal user ${name} in ${file}`);
        }
        const login = JSON.parse(readFileSync(file, 'utf8')) as DevPortalLogin;
        io.out(totpCode(login.totpSecret, systemClock.now()));
      }),
    );
}
