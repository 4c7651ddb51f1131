/**
 * `knooppunt participants add|list|show|suspend|activate|revoke-cert`: onboarding and
 * offboarding through the participant registry on the configured ledger. Every change is a
 * `participant-changed` event in the ledger; running hub processes see it within the
 * registry's cache time (5 s).
 */
import type { Command } from 'commander';
import {
  isModule,
  MODULES,
  PARTICIPANT_KINDS,
  UsageError,
  VASTE_LASTEN,
} from '@knooppunt/standard';
import type { Module, ParticipantKind } from '@knooppunt/standard';
import { devParticipant } from '../devnet/dev_network.ts';
import { ParticipantRegistry } from '../participants/registry.ts';
import { Provisioning, vhostOf } from '../transports/amqp/provisioning.ts';
import { join } from 'node:path';
import type { Participant, TransportPreference } from '../participants/types.ts';
import type { CliContext } from './context.ts';
import { configOf, withLedger } from './context.ts';
import { readTextFile } from './io.ts';
import type { CliIo } from './io.ts';
import { resolveOin } from './participant_ref.ts';
import { acceptedVersionsOf } from '../participants/versions.ts';
import { formatTable } from '../text/table.ts';

interface AddOptions {
  oin: string;
  name: string;
  kind: string;
  modules?: string;
  publicBody?: boolean;
  preferent?: boolean;
  transport?: string;
  versions?: string;
  postcodegebieden?: string;
  vasteLasten?: string;
  cert: string[];
  json?: boolean;
}

/** Registers the `participants` subcommands. */
export function registerParticipantCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const participants = program
    .command('participants')
    .description('the participant registry on the configured ledger');
  const registry = <T>(work: (registry: ParticipantRegistry) => Promise<T>): Promise<T> =>
    withLedger(configOf(cli), (ledger) => work(new ParticipantRegistry(ledger)));

  participants
    .command('add')
    .description(
      'register a participant, or update one (name, kind, flags; certificates are added)',
    )
    .requiredOption('--oin <oin>', 'the OIN (20 digits)')
    .requiredOption('--name <name>', 'the organisation name')
    .requiredOption('--kind <kind>', PARTICIPANT_KINDS.join(' | '))
    .option('--modules <a,b>', 'the modules it takes part in (default: all its kind allows)')
    .option('--public-body', 'a public body: may receive a BSN')
    .option('--no-public-body', 'not a public body')
    .option('--preferent', 'a preferent creditor')
    .option('--no-preferent', 'not a preferent creditor')
    .option('--transport <rest|amqp>', 'how it takes delivery (default rest)')
    .option(
      '--versions <2.0,2.1>',
      'the versions of the standard it takes delivery of (default: a new one every version the hub offers, an existing one what it took)',
    )
    .option(
      '--postcodegebieden <3451-3455,3500-3585>',
      "municipal debt help: the postal areas (PC4 or ranges) whose early signals it takes ('' clears)",
    )
    .option(
      '--vaste-lasten <energie,drinkwater>',
      `a creditor of fixed costs: the kinds it signals arrears of (${VASTE_LASTEN.join(', ')}; '' clears)`,
    )
    .option('--cert <cert.pem>', 'a certificate to register (repeatable)', collect, [])
    .option('--json', 'print the stored participant as JSON')
    .action(
      run(async (options: AddOptions) => {
        const input = parseAddOptions(options);
        const pems = options.cert.map((file) => readTextFile(file));
        const { participant, existed } = await registry(async (participants) => {
          const existing = await participants.get(input.oin);
          const stored = await participants.add({
            ...input,
            modules: input.modules ?? existing?.modules,
            certificatePems: pems,
          });
          return { participant: stored, existed: existing !== undefined };
        });
        const password = await provisionBroker(cli, participant);
        if (options.json === true) return printJson(io, participant);
        io.out(`${existed ? 'updated' : 'added'}: ${summary(participant)}`);
        // Printed once: the broker keeps only a hash (and the development file, mode 0600).
        if (password !== undefined) io.out(`AMQP user: ${participant.oin} password: ${password}`);
        io.out(`modules: ${participant.modules.join(', ')}`);
        io.out(`versions: ${acceptedVersionsOf(participant).join(', ')}`);
        for (const line of vroegsignaleringLines(participant)) io.out(line);
        io.out(`certificates: ${participant.certificates.length}`);
      }),
    );

  participants
    .command('list')
    .description('list the registered participants')
    .option('--json', 'print them as JSON (certificates without their PEM text)')
    .action(
      run(async (options: { json?: boolean }) => {
        const listed = await registry((participants) => participants.listWithHistory());
        if (options.json === true) {
          const withoutPem = listed.map(({ participant: p, history }) => ({
            ...p,
            certificates: p.certificates.map(({ certificatePem: _pem, ...rest }) => rest),
            history,
          }));
          return printJson(io, withoutPem);
        }
        const all = listed.map((entry) => entry.participant);
        const history = new Map(listed.map((entry) => [entry.participant.oin, entry.history]));
        const rows = all.map((p) => [
          devParticipant(p.oin)?.handle ?? '',
          p.oin,
          p.name,
          p.kind,
          p.status,
          p.transport,
          [p.publicBody ? 'public' : '', p.preferent ? 'preferent' : ''].filter(Boolean).join(','),
          `${p.certificates.filter((c) => c.status === 'active').length}/${p.certificates.length}`,
          history.get(p.oin)?.state === 'differs' ? 'DIFFERS' : 'ok',
        ]);
        const headers = [
          'handle',
          'OIN',
          'name',
          'kind',
          'status',
          'via',
          'flags',
          'certs',
          'history',
        ];
        for (const line of formatTable(headers, rows)) io.out(line);
        io.out(`${all.length} participants (certs: active/all)`);
        for (const entry of listed) {
          if (entry.history.state !== 'differs') continue;
          io.err(
            `warning: ${entry.participant.oin} differs from its history (${entry.history.detail}): the hub refuses to act on it; see participants restore`,
          );
        }
      }),
    );

  participants
    .command('show')
    .description('show one participant with its certificates (thumbprint, status, validity)')
    .argument('<oin>', 'OIN or development handle')
    .option('--json', 'print it as JSON, certificates with their PEM text')
    .action(
      run(async (ref: string, options: { json?: boolean }) => {
        const oin = resolveOin(ref);
        const participant = await registry((participants) => participants.get(oin));
        if (participant === undefined) {
          throw new UsageError('USAGE_INVALID', `no participant with OIN ${oin}`);
        }
        if (options.json === true) return printJson(io, participant);
        io.out(summary(participant));
        io.out(`modules: ${participant.modules.join(', ')}`);
        io.out(`versions: ${acceptedVersionsOf(participant).join(', ')}`);
        for (const line of vroegsignaleringLines(participant)) io.out(line);
        const rows = participant.certificates.map((c) => [
          c.thumbprint,
          c.status,
          c.validFrom.slice(0, 10),
          c.validTo.slice(0, 10),
        ]);
        for (const line of formatTable(['x5t#S256', 'status', 'from', 'to'], rows)) io.out(line);
      }),
    );

  for (const [name, status, verb] of [
    ['suspend', 'suspended', 'suspended'],
    ['activate', 'active', 'activated'],
  ] as const) {
    participants
      .command(name)
      .description(
        name === 'suspend'
          ? 'suspend a participant: it can neither send nor receive until activated'
          : 'activate a suspended participant',
      )
      .argument('<oin>', 'OIN or development handle')
      .action(
        run(async (ref: string) => {
          const oin = resolveOin(ref);
          const changed = await registry((participants) => participants.setStatus(oin, status));
          const password = await provisionBroker(cli, changed);
          io.out(`${verb}: ${summary(changed)}`);
          if (password !== undefined) io.out(`AMQP user: ${oin} password: ${password}`);
        }),
      );
  }

  participants
    .command('restore')
    .description(
      'write a participant’s entry back as the last record of its chained history says (after an edit in the database; see ledger verify)',
    )
    .argument('<oin>', 'OIN or development handle')
    .action(
      run(async (ref: string) => {
        const oin = resolveOin(ref);
        const restored = await registry((participants) => participants.restoreFromHistory(oin));
        io.out(`restored from its history: ${summary(restored)}`);
      }),
    );

  participants
    .command('revoke-cert')
    .description('revoke one certificate of a participant (its signatures stop verifying)')
    .argument('<oin>', 'OIN or development handle')
    .argument('<thumbprint>', 'the certificate’s x5t#S256 (see participants show)')
    .action(
      run(async (ref: string, thumbprint: string) => {
        const oin = resolveOin(ref);
        const changed = await registry((participants) =>
          participants.revokeCertificate(oin, thumbprint),
        );
        io.out(`revoked: ${thumbprint} of ${oin}`);
        if (!changed.certificates.some((c) => c.status === 'active')) {
          io.err(`warning: ${oin} has no active certificate left and cannot send or log in`);
        }
      }),
    );
}

/**
 * With AMQP_URL set, makes the participant's RabbitMQ user match the registry (created with a
 * new password, or deleted with its connections when suspended); returns a new password.
 */
async function provisionBroker(
  cli: CliContext,
  participant: Participant,
): Promise<string | undefined> {
  const config = configOf(cli);
  if (config.amqpUrl === undefined) return undefined;
  const provisioning = new Provisioning({
    managementUrl: config.rabbitmqManagementUrl,
    vhost: vhostOf(config.amqpUrl),
    pkiDir: join(config.dataDir, 'pki'),
  });
  return provisioning.sync(participant);
}

/** Checks the add options against the catalogue (pure). */
export function parseAddOptions(options: AddOptions): {
  oin: string;
  name: string;
  kind: ParticipantKind;
  modules: Module[] | undefined;
  publicBody: boolean | undefined;
  preferent: boolean | undefined;
  transport: TransportPreference | undefined;
  acceptedVersions?: readonly string[];
  postcodegebieden?: readonly string[];
  vasteLasten?: readonly string[];
} {
  if (!(PARTICIPANT_KINDS as readonly string[]).includes(options.kind)) {
    throw new UsageError(
      'USAGE_INVALID',
      `--kind must be one of ${PARTICIPANT_KINDS.join(', ')}, got '${options.kind}'`,
    );
  }
  const modules = options.modules
    ?.split(',')
    .map((module) => module.trim())
    .filter(Boolean);
  const unknown = modules?.filter((module) => !isModule(module)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(
      'USAGE_INVALID',
      `unknown module ${unknown.join(', ')}; modules are ${MODULES.join(', ')}`,
    );
  }
  if (options.transport !== undefined && !['rest', 'amqp'].includes(options.transport)) {
    throw new UsageError('USAGE_INVALID', `--transport must be rest or amqp`);
  }
  return {
    oin: options.oin,
    name: options.name,
    kind: options.kind as ParticipantKind,
    modules: modules as Module[] | undefined,
    publicBody: options.publicBody,
    preferent: options.preferent,
    transport: options.transport as TransportPreference | undefined,
    // Checked against the versions the hub offers by the registry (participants/versions.ts).
    ...(options.versions === undefined
      ? {}
      : { acceptedVersions: options.versions.split(',').map((version) => version.trim()) }),
    // Checked against the kind and the other municipalities by the registry
    // (participants/vroegsignalering.ts); an empty list clears the declaration.
    ...(options.postcodegebieden === undefined
      ? {}
      : { postcodegebieden: listOf(options.postcodegebieden) }),
    ...(options.vasteLasten === undefined ? {} : { vasteLasten: listOf(options.vasteLasten) }),
  };
}

/** A comma-separated option as a list, without blanks (`''` is the empty list). */
function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The vroegsignalering declarations of a participant, one line each (none when absent). */
function vroegsignaleringLines(p: Participant): string[] {
  return [
    ...(p.postcodegebieden === undefined
      ? []
      : [`postcodegebieden: ${p.postcodegebieden.join(', ')}`]),
    ...(p.vasteLasten === undefined ? [] : [`vaste lasten: ${p.vasteLasten.join(', ')}`]),
  ];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function summary(p: Participant): string {
  return `${p.oin} ${p.name} (${p.kind}, ${p.status})`;
}

function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
