/**
 * The portal's daily e-mail digest, run on a timer by every hub process: on a Dutch working day,
 * once the configured time of day has passed in Amsterdam, each portal user with an e-mail
 * address gets one digest (src/portal/digest.ts) of what arrived for its participant since the
 * last one and of the answers it owes soon or late. A process claims a user's digest first by a
 * conditional update of the user's `lastDigestAt` (claimPortalDigest), so several hub processes
 * send it once. A claim whose mail the SMTP server could not take is given back and tried at the
 * next pass; a digest lost to a crash between claim and send is not sent again (at most once: the
 * messages are in the portal anyway). Logs name the user and counts, never an address.
 */
import type { Clock } from '@knooppunt/standard';
import type { SearchStore, WatchStore } from '../ledger/port.ts';
import type { MessageRecord } from '../ledger/types.ts';
import type { Logger } from '../ops/logger.ts';
import type { Participant } from '../participants/types.ts';
import { digestDue, portalDigest } from '../portal/digest.ts';
import type { DigestDeadline, DigestMessage } from '../portal/digest.ts';
import { refusedRecipient } from '../portal/mailer.ts';
import type { Mailer } from '../portal/mailer.ts';
import type { PortalUserStore } from '../portal/store.ts';
import type { PortalUser } from '../portal/types.ts';

/** How many new messages and open answers one digest reads at most. */
const READ_LIMIT = 1000;
/** Without a previous digest, the first covers this much. */
const FIRST_PERIOD_MS = 86_400_000;

/** What the digests work with. */
export interface PortalDigestsDeps {
  readonly ledger: Pick<PortalUserStore, 'listPortalUsers' | 'claimPortalDigest'> &
    Pick<SearchStore, 'searchMessages'> &
    Pick<WatchStore, 'openAnswers'>;
  readonly participants: () => Promise<readonly Participant[]>;
  readonly mailer: Mailer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The portal's public base URL, for the links. */
  readonly baseUrl: string;
  /** `HH:MM` in Europe/Amsterdam. */
  readonly time: string;
  /** The hub's OIN, named `Knooppunt` as the sender of its notices. */
  readonly hubOin?: string;
  /** How often a pass looks whether digests are due. @defaultValue 60 000 ms */
  readonly intervalMs?: number;
}

/** What one pass did. */
export interface DigestReport {
  /** Digests sent. */
  readonly sent: number;
  /** Users claimed with nothing to tell: no mail. */
  readonly empty: number;
  /** Sends that failed (given back to be tried again, unless the address was refused). */
  readonly failed: number;
}

/** The digest timer and its passes. */
export class PortalDigests {
  readonly #deps: PortalDigestsDeps;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<unknown> | undefined;
  #generation = 0;

  constructor(deps: PortalDigestsDeps) {
    this.#deps = deps;
  }

  /** Starts the timer (unref'd). */
  start(): void {
    this.#generation += 1;
    const generation = this.#generation;
    const ms = this.#deps.intervalMs ?? 60_000;
    const run = (): void => {
      this.#pass = this.runOnce()
        .catch((error: unknown) =>
          this.#deps.logger.error({ err: error, task: 'portal-digest' }, 'portal digest failed'),
        )
        .finally(() => {
          this.#pass = undefined;
          if (generation !== this.#generation) return;
          this.#timer = setTimeout(run, ms);
          this.#timer.unref();
        });
    };
    this.#timer = setTimeout(run, ms);
    this.#timer.unref();
  }

  /** Stops the timer; resolves when a pass under way has ended. */
  async stop(): Promise<void> {
    this.#generation += 1;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#pass;
  }

  /** Sends the digests due now. */
  async runOnce(): Promise<DigestReport> {
    const { ledger, clock, time } = this.#deps;
    const now = clock.now();
    const report = { sent: 0, empty: 0, failed: 0 };
    // Before the time, or on a weekend or holiday, nothing is due: no query at all.
    if (!digestDue(now, time, undefined)) return report;
    const due = (await ledger.listPortalUsers()).filter(
      (user) => user.email !== undefined && digestDue(now, time, user.lastDigestAt),
    );
    if (due.length === 0) return report;
    const names = new Map((await this.#deps.participants()).map((p) => [p.oin, p.name]));
    if (this.#deps.hubOin !== undefined) names.set(this.#deps.hubOin, 'Knooppunt');
    for (const user of due) {
      const outcome = await this.#digestOf(user, now, names);
      if (outcome === 'taken') continue; // another hub process has it
      if (outcome === 'retry') {
        report.failed += 1;
        break; // the SMTP server (or the ledger) is away: the others wait for the next pass
      }
      report[outcome] += 1;
    }
    return report;
  }

  /** One user's digest: claimed, made, sent (or given back when the server failed). */
  async #digestOf(
    user: PortalUser,
    now: Date,
    names: ReadonlyMap<string, string>,
  ): Promise<'sent' | 'empty' | 'failed' | 'taken' | 'retry'> {
    const { ledger, logger } = this.#deps;
    const at = now.toISOString();
    if (!(await ledger.claimPortalDigest(user.name, user.lastDigestAt, at))) return 'taken';
    const since = user.lastDigestAt ?? new Date(now.getTime() - FIRST_PERIOD_MS).toISOString();
    try {
      const [messages, open] = await Promise.all([
        ledger.searchMessages({
          recipient: user.participant,
          from: since,
          to: at,
          limit: READ_LIMIT,
        }),
        ledger.openAnswers(READ_LIMIT, user.participant),
      ]);
      const digest = portalDigest({
        user: user.name,
        participantName: names.get(user.participant) ?? user.participant,
        since,
        now,
        messages: messages.items.map(messageOf),
        deadlines: open.flatMap(deadlineOf),
        nameOf: (oin) => names.get(oin),
        baseUrl: this.#deps.baseUrl,
      });
      if (digest === undefined) return 'empty';
      await this.#deps.mailer.send({
        to: user.email as string,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
        date: now,
      });
      logger.info({ portalUser: user.name, ...digest.counts }, 'portal digest sent');
      return 'sent';
    } catch (error) {
      const code =
        typeof error === 'object' && error !== null
          ? (error as { code?: unknown }).code
          : undefined;
      if (refusedRecipient(error)) {
        // Not the server's fault: today's digest of this user is given up, the others go on.
        logger.warn({ portalUser: user.name, code }, 'portal digest refused by the SMTP server');
        return 'failed';
      }
      // Given back, so the next pass tries again (no error text: it may quote the address).
      await ledger.claimPortalDigest(user.name, at, user.lastDigestAt).catch(() => false);
      logger.warn({ portalUser: user.name, code }, 'portal digest not sent; tried again later');
      return 'retry';
    }
  }
}

/** What a digest may say of a message: no payload. */
function messageOf(record: MessageRecord): DigestMessage {
  return {
    messageId: record.messageId,
    messageType: record.messageType,
    sender: record.sender,
    receivedAt: record.receivedAt,
  };
}

/** A request's open deadline, when it has one. */
function deadlineOf(record: MessageRecord): DigestDeadline[] {
  const dueAt = record.openAnswerDueAt ?? record.answerDueAt;
  if (typeof dueAt !== 'string') return [];
  return [
    {
      messageId: record.messageId,
      messageType: record.messageType,
      sender: record.sender,
      dueAt,
    },
  ];
}
