/**
 * `knooppunt schemas validate|list|changelog`: check a message (or a bare payload) against the
 * standard, list the message types with their schemas (each version on its own line), and print
 * the changelog of the standard (or one version's section of it).
 */
import type { Command } from 'commander';
import {
  changelogVersions,
  createSchemaRegistry,
  readChangelog,
  UsageError,
} from '@knooppunt/standard';
import { readJsonFile } from './io.ts';
import type { CliContext } from './context.ts';

/** Registers `schemas validate`, `schemas list` and `schemas changelog`. */
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

  schemas
    .command('changelog')
    .description('print the changelog of the standard (Markdown), or one version of it')
    .option('--version <version>', 'only the section of this version, e.g. 2.1')
    .action(
      run((options: { version?: string }) => {
        const markdown = readChangelog();
        if (options.version === undefined) return io.out(markdown.trimEnd());
        const section = changelogSection(markdown, options.version);
        if (section === undefined) {
          throw new UsageError(
            'USAGE_INVALID',
            `the changelog has versions ${changelogVersions(markdown).join(', ')}, not ${options.version}`,
          );
        }
        io.out(section);
      }),
    );
}

/** The section `## <version>` of the changelog, up to the next version's (pure). */
export function changelogSection(markdown: string, version: string): string | undefined {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${version}`);
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join('\n')
    .trimEnd();
}
