/**
 * `knooppunt schemas validate|list`: check a message (or a bare payload) against the standard,
 * and list the message types with their schemas.
 */
import type { Command } from 'commander';
import { createSchemaRegistry, UsageError } from '@knooppunt/standard';
import { readJsonFile } from './io.ts';
import type { CliContext } from './context.ts';

/** Registers `schemas validate` and `schemas list`. */
export function registerSchemaCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const schemas = program.command('schemas').description('the message standard');

  schemas
    .command('validate')
    .description(
      'validate a signed message {envelope, payload, signature} against the envelope and its type, or a bare payload with --type',
    )
    .option('--type <messageType>', 'validate the file as a bare payload of this type')
    .option('--type-version <version>', 'the version of --type', '2.0')
    .argument('<message.json>', 'the file to validate')
    .action(
      run((file: string, options: { type?: string; typeVersion: string }) => {
        const registry = createSchemaRegistry();
        const document = readJsonFile(file);
        if (options.type !== undefined) {
          registry.validatePayload(options.type, options.typeVersion, document);
          io.out(`valid: ${options.type} ${options.typeVersion} payload`);
          return;
        }
        const message = document as {
          envelope?: { messageType?: unknown; version?: unknown };
          payload?: unknown;
        };
        if (typeof message?.envelope !== 'object') {
          throw new UsageError(
            'USAGE_INVALID',
            'not a message: give --type to validate a bare payload',
          );
        }
        const { envelope } = registry.validateMessage(document); // envelope, then payload by type
        io.out(`valid: ${envelope.messageType} ${envelope.version} message ${envelope.messageId}`);
      }),
    );

  schemas
    .command('list')
    .description('list the message types of the standard')
    .action(
      run(() => {
        for (const schema of createSchemaRegistry().listMessageSchemas()) {
          io.out(`${schema.messageType.padEnd(38)} ${schema.version}  ${schema.$id}`);
        }
      }),
    );
}
