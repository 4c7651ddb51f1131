/**
 * The demo's stage: the bots, the case's conversations and the timeline. A scene sends as one
 * party and takes delivery as another; the stage prints each message as it goes and counts.
 * With `--portal`, one creditor is a person at the portal instead of a bot: taking delivery
 * for it reads what was sent to it, and its `answer` waits for what the person sends.
 */
import { sendSignal } from '@knooppunt/sdk';
import type { SendableType, SentSignal, SignalPayload } from '@knooppunt/sdk';
import type { Envelope, FetchedMessage, Module, Payload, SignedMessage } from '@knooppunt/standard';
import type { Bot } from './bots.ts';
import { describeAnswer } from './scenes.ts';
import type { PortalPerson } from './portal_person.ts';

/** What else a sent message needs besides its type, parties and payload. */
export interface SendExtra {
  readonly inReplyTo?: string;
  readonly module?: Module;
  /** Printed after the line of the message. */
  readonly note?: string;
  /** @defaultValue the case's conversation */
  readonly conversationId?: string;
}

/** A creditor's answer to a request: what its bot sends, and what a person is asked for. */
export interface Answer {
  readonly type: SendableType;
  readonly payload: Record<string, unknown>;
  readonly inReplyTo: string;
  /** Printed after the line of the bot's message. */
  readonly note?: string;
  /** What the person at the portal is asked to do (`answer the saldoverzoek (claim € …)`). */
  readonly ask: string;
  /** The message types the person may answer with. @defaultValue `[type]` */
  readonly accepts?: readonly string[];
}

/** A message sent on the stage: its envelope and payload. */
export interface Sent {
  readonly envelope: Envelope;
  readonly payload: Payload;
}

/** The conversations of one run. */
export interface CaseConversations {
  /** The case's conversation (the schuldregeling). */
  readonly conversationId: string;
  /** The borgstelling's conversation, between the kredietbank and the Waarborgfonds. */
  readonly borgstellingId: string;
  /** The early signal's conversation, between the energy company and the municipality. */
  readonly signalId: string;
}

/** Fresh conversations for a run. */
export function newConversations(): CaseConversations {
  return {
    conversationId: crypto.randomUUID(),
    borgstellingId: crypto.randomUUID(),
    signalId: crypto.randomUUID(),
  };
}

/** Whether a delivery belongs to the run of `ids` (a shared broker may hold others'). */
export function belongsTo(ids: CaseConversations, message: FetchedMessage): boolean {
  const { conversationId } = message.envelope;
  return (
    conversationId === ids.conversationId ||
    conversationId === ids.borgstellingId ||
    conversationId === ids.signalId
  );
}

/** Where the scenes play. */
export class Stage {
  readonly ids: CaseConversations;
  readonly #bots: ReadonlyMap<string, Bot>;
  readonly #out: (line: string) => void;
  readonly #started: number;
  readonly #person: PortalPerson | undefined;
  #sent = 0;

  constructor(
    bots: ReadonlyMap<string, Bot>,
    ids: CaseConversations,
    out: (line: string) => void,
    started: number,
    person?: PortalPerson,
  ) {
    this.#bots = bots;
    this.ids = ids;
    this.#out = out;
    this.#started = started;
    this.#person = person;
  }

  /** The handle of the creditor a person answers for at the portal, if any. */
  get portalHandle(): string | undefined {
    return this.#person?.handle;
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
      recipient: this.#oinOf(to),
      module: extra.module ?? 'schuldregeling',
      conversationId: extra.conversationId ?? this.ids.conversationId,
      payload: payload as never,
      ...(extra.inReplyTo === undefined ? {} : { inReplyTo: extra.inReplyTo }),
    });
    const receipt = await sender.connection.send(message);
    this.#line(from, to, type, receipt.claims.status, extra.note);
    return message;
  }

  /**
   * `from`, a creditor of fixed costs, signals arrears (vroegsignalering): the SDK's
   * `sendSignal` finds the municipality serving the payload's postcode in the hub's directory
   * and sends it there; prints the line with the municipality it went to.
   */
  async signal(from: string, payload: SignalPayload): Promise<SentSignal> {
    const sender = this.bot(from);
    const sent = await sendSignal({
      factory: sender.factory,
      directory: sender.directory,
      via: sender.connection,
      payload,
      conversationId: this.ids.signalId,
    });
    const to = [...this.#bots].find(([, bot]) => bot.oin === sent.municipality.oin)?.[0];
    this.#line(
      from,
      to ?? sent.municipality.oin,
      'signaal-betalingsachterstand',
      sent.claims.status,
      `postcode ${payload.adres.postcode} → ${sent.municipality.name}`,
    );
    return sent;
  }

  /**
   * `from` answers a request to `to`: a bot sends `answer`; the person at the portal is asked
   * `answer.ask` and the stage waits for what they send (one of `answer.accepts`).
   */
  async answer(from: string, to: string, answer: Answer): Promise<Sent> {
    const person = this.#person;
    if (person?.handle !== from) {
      return this.send(from, to, answer.type, answer.payload, {
        inReplyTo: answer.inReplyTo,
        ...(answer.note === undefined ? {} : { note: answer.note }),
      });
    }
    const record = await person.answer(answer.ask, answer.accepts ?? [answer.type]);
    const payload = record.payload ?? {};
    const note = `${describeAnswer(record.messageType, payload)} (portal: ${record.portalUser ?? record.transport})`;
    // In the ledger means the pipeline accepted it (a refused message is not recorded as one).
    this.#line(from, to, record.messageType, 'accepted', note);
    return { envelope: record.envelope, payload };
  }

  /**
   * `handle` takes `count` messages of `type`: a bot receives and acknowledges them; for the
   * person at the portal they are what was sent, read there at the person's own pace.
   */
  take(handle: string, type: string, count = 1): Promise<FetchedMessage[]> {
    if (this.#person?.handle === handle) return this.#person.take(type, count);
    return this.bot(handle).take(type, count);
  }

  #oinOf(handle: string): string {
    return this.#person?.handle === handle ? this.#person.oin : this.bot(handle).oin;
  }

  /** Counts a sent message and prints its line of the timeline. */
  #line(from: string, to: string, type: string, status: string, note: string | undefined): void {
    this.#sent += 1;
    const at = ((performance.now() - this.#started) / 1000).toFixed(2).padStart(6);
    const after = note === undefined ? '' : `  ${note}`;
    this.#out(`${at}s  ${from.padEnd(19)} → ${to.padEnd(19)} ${type.padEnd(24)} ${status}${after}`);
  }
}
