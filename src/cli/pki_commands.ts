/**
 * `knooppunt pki init|issue|inspect`: the development PKI. Keys land in an ignored folder
 * (default `certs/`) with mode 0600; production uses PKIoverheid certificates instead.
 */
import type { Command } from 'commander';
import {
  inspectCertificate,
  isValidOinSyntax,
  readCertificateFile,
  UsageError,
} from '@knooppunt/standard';
import { DEFAULT_HUB_OIN } from '../devnet/dev_network.ts';
import { pkiInit, pkiIssue } from '../pki/files.ts';
import type { KeyAlgorithm } from '../pki/keys.ts';
import type { CliContext } from './context.ts';

const KEY_ALGORITHMS: readonly KeyAlgorithm[] = ['rsa-3072', 'p256'];

/** Registers the `pki` subcommands. */
export function registerPkiCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const pki = program
    .command('pki')
    .description('the development PKI (CA, participant certificates)');

  pki
    .command('init')
    .description('create the development CA and the hub certificate (idempotent)')
    .option('--dir <dir>', 'where to write', 'certs')
    .option('--force', 'replace an existing CA')
    .action(
      run((options: { dir: string; force?: boolean }) => {
        const result = pkiInit(options.dir, {
          force: options.force === true,
          hubOin: DEFAULT_HUB_OIN,
        });
        io.out(`${result.created ? 'created' : 'exists'}: ${result.caCertPath}`);
      }),
    );

  pki
    .command('issue')
    .description("issue a participant certificate (OIN in the subject's serialNumber)")
    .requiredOption('--oin <oin>', 'the participant OIN (20 digits)')
    .requiredOption('--name <name>', 'the organisation name')
    .option('--key-type <type>', 'rsa-3072 or p256', 'rsa-3072')
    .option('--dir <dir>', 'the PKI folder made by pki init', 'certs')
    .action(
      run((options: { oin: string; name: string; keyType: string; dir: string }) => {
        if (!isValidOinSyntax(options.oin)) {
          throw new UsageError('USAGE_INVALID', `--oin must be 20 digits, got '${options.oin}'`);
        }
        if (!(KEY_ALGORITHMS as readonly string[]).includes(options.keyType)) {
          throw new UsageError(
            'USAGE_INVALID',
            `--key-type must be one of ${KEY_ALGORITHMS.join(', ')}`,
          );
        }
        const { certPath, keyPath } = pkiIssue(options.dir, {
          oin: options.oin,
          name: options.name,
          keyAlgorithm: options.keyType as KeyAlgorithm,
        });
        io.out(`certificate: ${certPath}`);
        io.out(`key:         ${keyPath}`);
      }),
    );

  pki
    .command('inspect')
    .description('show OIN, validity and thumbprint of a certificate')
    .argument('<cert.pem>')
    .action(
      run((file: string) => {
        const info = inspectCertificate(readCertificateFile(file));
        io.out(`subject:    ${info.subjectName}`);
        io.out(`oin:        ${info.oin ?? '(none)'}`);
        io.out(`issuer:     ${info.issuer}`);
        io.out(`valid:      ${info.validFrom.toISOString()} – ${info.validTo.toISOString()}`);
        io.out(`x5t#S256:   ${info.thumbprint}`);
        io.out(
          `key:        ${info.keyType}${info.keyBits ? `-${info.keyBits}` : ''}${info.namedCurve ? ` ${info.namedCurve}` : ''}`,
        );
      }),
    );
}
