/**
 * `knooppunt`: one command with subcommands, each with `--help`. Each subcommand group lives
 * in its own file and receives the IO it writes to, so tests drive the CLI in-process.
 */
import { Command, CommanderError } from 'commander';
import { registerEnvelopeCommands } from './envelope_commands.ts';
import { EXIT, processIo, reportError } from './io.ts';
import type { CliIo } from './io.ts';
import { registerPkiCommands } from './pki_commands.ts';
import { registerSchemaCommands } from './schema_commands.ts';
import { registerStartCommand } from './start_command.ts';

/** Builds the command tree; actions write to `io` and set `state.exitCode`. */
export function buildProgram(io: CliIo, state: { exitCode: number }): Command {
  const program = new Command('knooppunt')
    .description('Knooppunt: the message-exchange hub for Dutch debt relief')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
  const run =
    <A extends unknown[]>(action: (...args: A) => Promise<void> | void) =>
    async (...args: A): Promise<void> => {
      try {
        await action(...args);
      } catch (error) {
        state.exitCode = reportError(io, error);
      }
    };
  registerStartCommand(program, io, run);
  registerPkiCommands(program, io, run);
  registerEnvelopeCommands(program, io, run);
  registerSchemaCommands(program, io, run);
  return program;
}

/** Wraps an action so a thrown error becomes a report and an exit code. */
export type Runner = <A extends unknown[]>(
  action: (...args: A) => Promise<void> | void,
) => (...args: A) => Promise<void>;

/** Runs the CLI with `argv` (as `process.argv`); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const state = { exitCode: EXIT.ok as number };
  try {
    await buildProgram(io, state).parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(io, error);
  }
  return state.exitCode;
}
