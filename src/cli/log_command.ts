/**
 * `knooppunt log --as <participant> [filters]`: a development participant's own message log on
 * a running hub (`GET /v1/log` through the SDK's REST client) — what it sent and received,
 * newest first, as a table or, with `--json`, as the hub's page. The filters are the API's
 * parameters; the hub checks them (a bad one exits 1 with USAGE_INVALID). `--all` follows the
 * pages to the end. `--refused` lists instead the submissions the hub refused the participant
 * (`GET /v1/log/rejections`), with the codes of their rejection receipts.
 */
import type { Command } from 'commander';
import { RestClient } from '@knooppunt/sdk';
import type { LogEntry, LogQuery, RejectionEntry, RejectionQuery } from '@knooppunt/sdk';
import { UsageError } from '@knooppunt/standard';
import type { MessageStatus, Role } from '@knooppunt/standard';
import type { CliContext } from './context.ts';
import { configOf } from './context.ts';
import { devSigner, resolveOin } from './participant_ref.ts';
import { formatTable } from '../text/table.ts';

/** The options of `knooppunt log`, as commander gives them. */
export interface LogOptions {
  readonly as: string;
  readonly url?: string;
  readonly id?: string;
  readonly conversation?: string;
  readonly inReplyTo?: string;
  readonly counterparty?: string;
  readonly counterpartyRole?: string;
  readonly sent?: boolean;
  readonly received?: boolean;
  readonly module?: string;
  readonly type?: string;
  readonly version?: string;
  readonly status?: string;
  readonly from?: string;
  readonly to?: string;
  readonly fetched?: string;
  readonly pickedUp?: string;
  readonly limit?: string;
  readonly cursor?: string;
  readonly all?: boolean;
  readonly refused?: boolean;
  readonly json?: boolean;
}

/** The options that filter messages, not refused submissions. */
const MESSAGE_ONLY = [
  'conversation',
  'inReplyTo',
  'counterpartyRole',
  'sent',
  'received',
  'module',
  'version',
  'status',
  'fetched',
  'pickedUp',
] as const;

/** Registers `log`. */
export function registerLogCommand(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  program
    .command('log')
    .description(
      'a participant’s own message log on a hub: what it sent and received, newest first',
    )
    .requiredOption('--as <participant>', 'a development handle (gemeente, energie, …) or OIN')
    .option('--url <url>', "the hub's base URL (default: its public URL)")
    .option('--id <messageId>', 'the message with this id (its reference)')
    .option('--conversation <conversationId>', 'only this conversation')
    .option('--in-reply-to <messageId>', 'only answers to this message')
    .option('--counterparty <participant>', 'only the exchange with this handle or OIN')
    .option(
      '--counterparty-role <role>',
      'only the exchange with participants of this role, or any of several comma-separated: schuldhulpverlener, kredietbank, bewindvoerder, schuldeiser, waarborgfonds',
    )
    .option('--sent', 'only what it sent')
    .option('--received', 'only what it received')
    .option('--module <module>', 'only this module')
    .option('--type <messageType>', 'only this message type')
    .option('--version <version>', 'only this version of the standard (e.g. 2.1)')
    .option('--status <status>', 'only in this state: accepted, delivered, picked-up, expired')
    .option('--from <time>', 'received by the hub at or after this time (ISO 8601)')
    .option('--to <time>', 'received by the hub before this time (ISO 8601)')
    .option('--fetched <yes|no>', 'fetched by the recipient, or not')
    .option('--picked-up <yes|no>', 'acknowledged by the recipient, or not')
    .option('--limit <n>', 'page size, 1 to 200 (default 50)')
    .option('--cursor <cursor>', 'the next page, as the previous one printed it')
    .option('--all', 'follow the pages to the end')
    .option('--refused', 'the submissions the hub refused it instead, with their reasons')
    .option('--json', 'print the page (with --all: every entry) as JSON')
    .action(
      run(async (options: LogOptions) => {
        const config = configOf(cli);
        const { oin, signer } = devSigner(config, options.as);
        const client = new RestClient({ hubUrl: options.url ?? config.publicUrl, oin, signer });
        if (options.refused === true) return printRefusals(client, options);
        const query = logQueryOf(options);
        let entries: LogEntry[];
        let nextCursor: string | undefined;
        if (options.all === true) {
          entries = [];
          for await (const entry of client.logEntries(query)) entries.push(entry);
        } else {
          const page = await client.log(query);
          if (options.json === true) return io.out(JSON.stringify(page, null, 2));
          entries = [...page.items];
          nextCursor = page.nextCursor;
        }
        if (options.json === true) return io.out(JSON.stringify({ items: entries }, null, 2));
        for (const line of logTable(entries)) io.out(line);
        io.out(
          `${entries.length} message${entries.length === 1 ? '' : 's'}` +
            (nextCursor === undefined ? '' : ` (more: --cursor ${nextCursor})`),
        );
      }),
    );

  async function printRefusals(client: RestClient, options: LogOptions): Promise<void> {
    const query = refusalQueryOf(options);
    const entries: RejectionEntry[] = [];
    let nextCursor: string | undefined;
    do {
      const page = await client.rejections({
        ...query,
        ...(nextCursor === undefined ? {} : { cursor: nextCursor }),
      });
      if (options.json === true && options.all !== true) {
        return io.out(JSON.stringify(page, null, 2));
      }
      entries.push(...page.items);
      nextCursor = page.nextCursor;
    } while (options.all === true && nextCursor !== undefined);
    if (options.json === true) return io.out(JSON.stringify({ items: entries }, null, 2));
    for (const line of refusalTable(entries)) io.out(line);
    io.out(
      `${entries.length} refused` +
        (nextCursor === undefined ? '' : ` (more: --cursor ${nextCursor})`),
    );
  }
}

/** The SDK query of `--refused`; a UsageError for an option that filters messages only. */
export function refusalQueryOf(options: LogOptions): RejectionQuery {
  const given = MESSAGE_ONLY.find((name) => options[name] !== undefined);
  if (given !== undefined) {
    const flag = `--${given.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw new UsageError('USAGE_INVALID', `${flag} filters messages, not --refused submissions`);
  }
  const query = logQueryOf(options) as Record<string, unknown>;
  return query as RejectionQuery;
}

/** The table of refused submissions: when, to whom, what, and the codes of the reasons. */
export function refusalTable(entries: readonly RejectionEntry[]): string[] {
  const rows = entries.map((entry) => [
    entry.refusedAt.slice(0, 19).replace('T', ' '),
    entry.counterparty ?? '-',
    entry.messageType ?? '-',
    entry.messageId ?? '-',
    entry.reasons.map((reason) => reason.code).join(', '),
  ]);
  return formatTable(['refused (UTC)', 'to', 'type', 'message id', 'reasons'], rows);
}

/** The SDK query of the command's options; a UsageError for options that contradict. */
export function logQueryOf(options: LogOptions): LogQuery {
  if (options.sent === true && options.received === true) {
    throw new UsageError('USAGE_INVALID', 'give --sent or --received, not both');
  }
  const direction =
    options.sent === true ? 'sent' : options.received === true ? 'received' : undefined;
  const query: Record<string, unknown> = {
    messageId: options.id,
    conversationId: options.conversation,
    inReplyTo: options.inReplyTo,
    counterparty: options.counterparty === undefined ? undefined : resolveOin(options.counterparty),
    counterpartyRole: options.counterpartyRole?.split(',') as Role[] | undefined,
    direction,
    module: options.module,
    messageType: options.type,
    version: options.version,
    status: options.status as MessageStatus | undefined,
    from: options.from,
    to: options.to,
    fetched: yesNo('--fetched', options.fetched),
    pickedUp: yesNo('--picked-up', options.pickedUp),
    limit: options.limit === undefined ? undefined : Number(options.limit),
    cursor: options.cursor,
  };
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as LogQuery;
}

/** The table of log entries: one line each, the other party and the state. */
export function logTable(entries: readonly LogEntry[]): string[] {
  const rows = entries.map((entry) => [
    entry.receivedAt.slice(0, 19).replace('T', ' '),
    entry.direction === 'sent' ? 'sent to' : 'from',
    entry.counterparty,
    `${entry.messageType} ${entry.version}`,
    entry.messageId,
    entry.status,
    entry.fetched ? 'yes' : 'no',
    entry.pickedUp ? 'yes' : 'no',
  ]);
  const header = [
    'received (UTC)',
    '',
    'counterparty',
    'type',
    'message id',
    'status',
    'fetched',
    'picked up',
  ];
  return formatTable(header, rows);
}

function yesNo(option: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['yes', 'true'].includes(value)) return true;
  if (['no', 'false'].includes(value)) return false;
  throw new UsageError('USAGE_INVALID', `${option} takes yes or no`);
}
