/**
 * The demo's stage: the bots, the case's conversations and the timeline. A scene sends as one
 * party and takes delivery as another; the stage prints each message as it goes and counts.
 */
import type { SendableType } from '@knooppunt/sdk';
import type { FetchedMessage, Module, SignedMessage } from '@knooppunt/standard';
import type { Bot } from './bots.ts';

/** What else a sent message needs besides its type, parties and payload. */
export interface SendExtra {
  readonly inReplyTo?: string;
  readonly module?: Module;
  /** Printed after the line of the message. */
  readonly note?: string;
  /** @defaultValue the case's conversation */
  readonly conversationId?: string;
}

/** The conversations of one run. */
export interface CaseConversations {
  /** The case's conversation (the schuldregeling). */
  readonly conversationId: string;
  /** The borgstelling's conversation, between the kredietbank and the Waarborgfonds. */
  readonly borgstellingId: string;
}

/** Fresh conversations for a run. */
export function newConversations(): CaseConversations {
  return { conversationId: crypto.randomUUID(), borgstellingId: crypto.randomUUID() };
}

/** Whether a delivery belongs to the run of `ids` (a shared broker may hold others'). */
export function belongsTo(ids: CaseConversations, message: FetchedMessage): boolean {
  const { conversationId } = message.envelope;
  return conversationId === ids.conversationId || conversationId === ids.borgstellingId;
}

/** Where the scenes play. */
export class Stage {
  readonly ids: CaseConversations;
  readonly #bots: ReadonlyMap<string, Bot>;
  readonly #out: (line: string) => void;
  readonly #started: number;
  #sent = 0;

  constructor(
    bots: ReadonlyMap<string, Bot>,
    ids: CaseConversations,
    out: (line: string) => void,
    started: number,
  ) {
    this.#bots = bots;
    this.ids = ids;
    this.#out = out;
    this.#started = started;
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.#sent;
  }

  /** Prints a line of the story. */
  say(line: string): void {
    this.#out(line);
  }

  /** The bot of `handle`. */
  bot(handle: string): Bot {
    const found = this.#bots.get(handle);
    if (found === undefined) throw new Error(`no bot ${handle}`);
    return found;
  }

  /** `from` makes, signs and sends a message to `to`; prints it with its receipt's status. */
  async send(
    from: string,
    to: string,
    type: SendableType,
    payload: Record<string, unknown>,
    extra: SendExtra = {},
  ): Promise<SignedMessage> {
    const sender = this.bot(from);
    const message = sender.factory.create({
      type,
      recipient: this.bot(to).oin,
      module: extra.module ?? 'schuldregeling',
      conversationId: extra.conversationId ?? this.ids.conversationId,
      payload: payload as never,
      ...(extra.inReplyTo === undefined ? {} : { inReplyTo: extra.inReplyTo }),
    });
    const receipt = await sender.connection.send(message);
    this.#sent += 1;
    const at = ((performance.now() - this.#started) / 1000).toFixed(2).padStart(6);
    const note = extra.note === undefined ? '' : `  ${extra.note}`;
    this.#out(
      `${at}s  ${from.padEnd(19)} → ${to.padEnd(19)} ${type.padEnd(24)} ${receipt.claims.status}${note}`,
    );
    return message;
  }

  /** `handle` takes `count` messages of `type`: received and acknowledged. */
  take(handle: string, type: string, count = 1): Promise<FetchedMessage[]> {
    return this.bot(handle).take(type, count);
  }
}
