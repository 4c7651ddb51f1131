/**
 * `knooppunt`: one command with subcommands, each with `--help`. Each subcommand group lives
 * in its own file and receives a context (where to write, the environment, the stop signal),
 * so tests drive the CLI in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerAssertionCommands } from './assertion_commands.ts';
import { registerDemoCommand } from './demo_command.ts';
import { registerExchangeCommands } from './exchange_commands.ts';
import type { CliContext, CliOptions, Runner } from './context.ts';
import { registerEnvelopeCommands } from './envelope_commands.ts';
import { registerInitCommand } from './init_command.ts';
import { EXIT, processIo, reportError } from './io.ts';
import type { CliIo } from './io.ts';
import { registerLedgerCommands } from './ledger_commands.ts';
import { registerLogCommand } from './log_command.ts';
import { registerOperatorCommands } from './operator_commands.ts';
import { registerPortalUserCommands } from './portal_user_commands.ts';
import { registerParticipantCommands } from './participant_commands.ts';
import { registerPkiCommands } from './pki_commands.ts';
import { registerSchemaCommands } from './schema_commands.ts';
import { registerStartCommand } from './start_command.ts';
import { registerTailCommand } from './tail_command.ts';

export type { CliOptions, Runner } from './context.ts';

/** Builds the command tree; actions write to `io` and set `state.exitCode`. */
export function buildProgram(
  io: CliIo,
  state: { exitCode: number },
  options: CliOptions = {},
): Command {
  const program = new Command('knooppunt')
    .description('Knooppunt: the message-exchange hub for Dutch debt relief')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  const run: Runner =
    <A extends unknown[]>(action: (...args: A) => Promise<void> | void) =>
    async (...args: A): Promise<void> => {
      try {
        await action(...args);
      } catch (error) {
        state.exitCode = reportError(io, error);
      }
    };
  const cli: CliContext = {
    io,
    run,
    env: options.env ?? process.env,
    signal: options.signal,
    fetch: options.fetch ?? globalThis.fetch,
  };
  registerStartCommand(program, cli);
  registerInitCommand(program, cli);
  registerParticipantCommands(program, cli);
  registerOperatorCommands(program, cli);
  registerPortalUserCommands(program, cli);
  registerLedgerCommands(program, cli);
  registerAssertionCommands(program, cli);
  registerPkiCommands(program, cli);
  registerEnvelopeCommands(program, cli);
  registerSchemaCommands(program, cli);
  registerExchangeCommands(program, cli);
  registerLogCommand(program, cli);
  registerTailCommand(program, cli);
  registerDemoCommand(program, cli);
  return program;
}

/** Runs the CLI with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo,
  options: CliOptions = {},
): Promise<number> {
  const state = { exitCode: EXIT.ok as number };
  try {
    await buildProgram(io, state, options).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, error);
  }
  return state.exitCode;
}
