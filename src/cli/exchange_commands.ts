/**
 * `knooppunt send <file> --as <participant>` and `knooppunt inbox --as <participant>`: a
 * development participant exchanging messages with a running hub through the SDK's REST
 * client, with its key from `<dataDir>/pki/participants/<oin>/`.
 *
 * `send` takes a draft — `{ "type", "recipient", "payload", "module"?, "conversationId"?,
 * "inReplyTo"?, "version"? }` (the version of the standard; default the type's oldest, 2.0), the recipient an OIN or a development handle — or an unsigned message
 * `{ envelope: { messageType, recipient, … }, payload }` such as examples/first-message.json,
 * which it fills in, validates and signs; or an already signed message `{ envelope, payload,
 * signature }`, which it sends as it is. Either way it prints the verified receipt. With
 * `--attachment <file>` (repeated) it uploads the documents the payload references first.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MessageFactory, RestClient } from '@knooppunt/sdk';
import type { SendableType, Sent, StandardVersion } from '@knooppunt/sdk';
import { UsageError } from '@knooppunt/standard';
import type { Module, SignedMessage } from '@knooppunt/standard';
import type { CliContext } from './context.ts';
import { configOf } from './context.ts';
import { readJsonFile } from './io.ts';
import { devSigner, resolveOin } from './participant_ref.ts';
import { formatTable } from '../text/table.ts';

interface AsOptions {
  readonly as: string;
  readonly url?: string;
  readonly json?: boolean;
}

/** `send`'s options: the documents its payload references (standard 2.1), by file. */
interface SendCommandOptions extends AsOptions {
  readonly attachment: readonly string[];
}

/** Registers `send` and `inbox` (with `inbox show` and `inbox ack`). */
export function registerExchangeCommands(program: Command, cli: CliContext): void {
  const { io, run } = cli;
  const participant = (options: AsOptions) => {
    const config = configOf(cli);
    const { oin, signer } = devSigner(config, options.as);
    const hubUrl = options.url ?? config.publicUrl;
    return {
      oin,
      factory: new MessageFactory({ oin, signer }),
      client: new RestClient({ hubUrl, oin, signer }),
    };
  };
  const asOption = ['--as <participant>', 'a development handle (gemeente, energie, …) or OIN'];
  const urlOption = ['--url <url>', "the hub's base URL (default: its public URL)"];

  program
    .command('send')
    .description('send a message (a draft to fill in and sign, or a signed message) to a hub')
    .argument('<file>', 'the draft or signed message, JSON')
    .requiredOption(asOption[0] as string, asOption[1])
    .option(urlOption[0] as string, urlOption[1])
    .option('--json', 'print the hub’s answer and the receipt’s claims as JSON')
    .option(
      '--attachment <file>',
      'a document the payload references (standard 2.1), uploaded first; repeat for each',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(
      run(async (file: string, options: SendCommandOptions) => {
        const sender = participant(options);
        const input = readJsonFile(file);
        const message = isSigned(input) ? input : sender.factory.create(draftOf(input));
        const attachments = options.attachment.map((path) => readDocument(path));
        const sent = await sender.client.send(message, { attachments });
        if (options.json === true) return io.out(JSON.stringify(sent, null, 2));
        printSent(io.out, message, sent);
      }),
    );

  const inbox = program
    .command('inbox')
    .description('a participant’s mailbox on a hub: list (default), show, ack');
  inbox
    .command('list', { isDefault: true })
    .description('list the messages waiting, oldest first')
    .requiredOption(asOption[0] as string, asOption[1])
    .option(urlOption[0] as string, urlOption[1])
    .option('--type <messageType>', 'only this message type')
    .option('--module <module>', 'only this module')
    .option('--json', 'print the page as JSON')
    .action(
      run(async (options: AsOptions & { type?: string; module?: string }) => {
        const { client } = participant(options);
        const page = await client.inbox({
          limit: 100,
          ...(options.type === undefined ? {} : { messageType: options.type }),
          ...(options.module === undefined ? {} : { module: options.module }),
        });
        if (options.json === true) return io.out(JSON.stringify(page, null, 2));
        const rows = page.items.map((item) => [
          item.messageId,
          item.messageType,
          item.sender,
          item.receivedAt.slice(0, 19).replace('T', ' '),
          item.answerDueAt?.slice(0, 10) ?? '',
        ]);
        const header = ['message id', 'type', 'from', 'received (UTC)', 'answer by'];
        for (const line of formatTable(header, rows)) io.out(line);
        io.out(`${page.items.length} waiting${page.nextCursor === undefined ? '' : ' (more)'}`);
      }),
    );
  inbox
    .command('show')
    .description('fetch one message (the hub records it as delivered) and print it')
    .argument('<messageId>', 'the message id')
    .requiredOption(asOption[0] as string, asOption[1])
    .option(urlOption[0] as string, urlOption[1])
    .action(
      run(async (messageId: string, options: AsOptions) => {
        const { client } = participant(options);
        io.out(JSON.stringify(await client.fetch(messageId), null, 2));
      }),
    );
  inbox
    .command('ack')
    .description('acknowledge a message: picked up (its payload may be dropped after retention)')
    .argument('<messageId>', 'the message id')
    .requiredOption(asOption[0] as string, asOption[1])
    .option(urlOption[0] as string, urlOption[1])
    .option('--json', 'print the hub’s answer as JSON')
    .action(
      run(async (messageId: string, options: AsOptions) => {
        const { client } = participant(options);
        const acked = await client.ack(messageId);
        io.out(
          options.json === true
            ? JSON.stringify(acked)
            : `picked up: ${acked.messageId} at ${acked.pickedUpAt}`,
        );
      }),
    );
}

/** A document's bytes; a file that cannot be read is FILE_UNREADABLE. */
function readDocument(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new UsageError('FILE_UNREADABLE', `cannot read the attachment ${path}`, { cause });
  }
}

function isSigned(input: unknown): input is SignedMessage {
  return (
    typeof input === 'object' &&
    input !== null &&
    'envelope' in input &&
    'signature' in input &&
    'payload' in input
  );
}

/** A draft from a JSON file; the recipient may be a development handle. */
function draftOf(input: unknown) {
  if (typeof input !== 'object' || input === null) {
    throw new UsageError('USAGE_INVALID', 'the file must hold a JSON object');
  }
  let draft = input as Record<string, unknown>;
  const envelope = draft['envelope'];
  if (typeof envelope === 'object' && envelope !== null) {
    // An unsigned message (examples/first-message.json): the envelope's fields make the draft.
    const fields = envelope as Record<string, unknown>;
    draft = { ...fields, type: fields['messageType'], payload: draft['payload'] };
  }
  for (const field of ['type', 'recipient'] as const) {
    if (typeof draft[field] !== 'string') {
      throw new UsageError('USAGE_INVALID', `a draft needs "${field}" (a string)`);
    }
  }
  if (typeof draft['payload'] !== 'object' || draft['payload'] === null) {
    throw new UsageError('USAGE_INVALID', 'a draft needs "payload" (an object)');
  }
  const optional = (name: string): string | undefined =>
    typeof draft[name] === 'string' ? draft[name] : undefined;
  const module = optional('module');
  const conversationId = optional('conversationId');
  const inReplyTo = optional('inReplyTo');
  const version = optional('version');
  return {
    type: draft['type'] as SendableType,
    recipient: resolveOin(draft['recipient'] as string),
    payload: draft['payload'] as never,
    ...(module === undefined ? {} : { module: module as Module }),
    ...(conversationId === undefined ? {} : { conversationId }),
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    ...(version === undefined ? {} : { version: version as StandardVersion }),
  };
}

function printSent(out: (line: string) => void, message: SignedMessage, sent: Sent): void {
  const { envelope } = message;
  out(`${sent.duplicate ? 'accepted before (a resend)' : 'accepted'}: ${envelope.messageType}`);
  out(`message id:      ${sent.messageId}`);
  out(`conversation id: ${envelope.conversationId}`);
  out(`from → to:       ${envelope.sender} → ${envelope.recipient}`);
  out(`ledger position: ${sent.claims.ledgerPosition}`);
  out(`receipt:         verified against the hub certificate (${sent.claims.receivedAt})`);
}
