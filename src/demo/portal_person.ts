/**
 * The demo's person at the portal (`npm run demo -- --portal`, docs/portal.md): one creditor
 * has no bot. The demo makes a portal user for it on its hub, prints how to log in, and the
 * stage waits for what the person sends from the portal — read from the ledger, where a portal
 * message is recorded like any other — instead of a bot's message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchedMessage } from '@knooppunt/standard';
import { bootstrapDevPortalUser, devPortalLoginPath } from '../devnet/dev_network.ts';
import type { DevParticipant } from '../devnet/dev_network.ts';
import type { ThrowawayHub } from '../hub/throwaway_hub.ts';
import type { MessageStore } from '../ledger/port.ts';
import type { MessageRecord } from '../ledger/types.ts';
import { defaultConsoleDir, portalDirBeside } from '../transports/rest/console_files.ts';

/** The portal user the person logs in as, and where. */
export interface PortalLogin {
  /** The creditor's handle (also the user's name). */
  readonly handle: string;
  /** The creditor's OIN. */
  readonly participant: string;
  /** The creditor's registered name. */
  readonly participantName: string;
  readonly name: string;
  readonly password: string;
  /** The TOTP secret (base32), what an authenticator app would hold. */
  readonly totpSecret: string;
  /** The hub's base URL (`http://127.0.0.1:<port>`). */
  readonly hubUrl: string;
  /** Where the person logs in: `<hubUrl>/portaal/`. */
  readonly portalUrl: string;
  /** The file the login is kept in, which `knooppunt portal-users code` reads. */
  readonly loginFile: string;
  /** The command that prints the current code. */
  readonly codeCommand: string;
}

/**
 * Makes the `beheerder` of `participant` on the demo's hub (named by its handle) and keeps its
 * login where `knooppunt portal-users code` finds it with the hub's data folder.
 */
export async function makePortalLogin(
  throwaway: ThrowawayHub,
  participant: DevParticipant,
): Promise<PortalLogin> {
  const pkiDir = join(throwaway.dataDir, 'pki');
  const login = await bootstrapDevPortalUser(throwaway.hub.portal.accounts, pkiDir, participant);
  return {
    handle: participant.handle,
    participant: participant.oin,
    participantName: participant.name,
    name: login.name,
    password: login.password,
    totpSecret: login.totpSecret,
    hubUrl: throwaway.url,
    portalUrl: `${throwaway.url}/portaal/`,
    loginFile: devPortalLoginPath(pkiDir, login.name),
    codeCommand: `KNOOPPUNT_DATA_DIR=${throwaway.dataDir} npx knooppunt portal-users code ${login.name}`,
  };
}

/** How long the demo waits for each of the person's answers. @defaultValue 30 minutes */
export const PORTAL_WAIT_MS = 30 * 60_000;

/** What to tell the person before the case starts. */
export function portalInstructions(login: PortalLogin, waitMs: number = PORTAL_WAIT_MS): string[] {
  const built = existsSync(join(portalDirBeside(defaultConsoleDir()), 'index.html'));
  return [
    `${login.participantName} (${login.handle}) has no bot: you answer for it in the participant portal.`,
    `  open      ${login.portalUrl}${built ? '' : '   (build it first: npm run build:web)'}`,
    `  name      ${login.name}`,
    `  password  ${login.password}`,
    `  code      in another terminal, from the repository folder:`,
    `            ${login.codeCommand}`,
    `  first     enrol this browser under "Apparaten" (a beheerder's own key is approved at once)`,
    `  then      answer each message the demo asks for below; it waits up to ${Math.round(waitMs / 60_000)} minutes for each (Ctrl-C stops)`,
  ];
}

/** Options of the person. */
export interface PortalPersonOptions {
  readonly login: PortalLogin;
  /** Where the person's messages are recorded. */
  readonly ledger: Pick<MessageStore, 'listConversation'>;
  /** The case's conversation. */
  readonly conversationId: string;
  /** Prints a line of the story. */
  readonly say: (line: string) => void;
  /** Aborting stops the wait (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** @defaultValue `PORTAL_WAIT_MS` */
  readonly waitMs?: number;
  /** A reminder this often while waiting. @defaultValue one minute */
  readonly reminderMs?: number;
  /** How often the ledger is read while waiting. @defaultValue 250 ms */
  readonly pollMs?: number;
}

/** The person at the portal: what was sent to the creditor, and what the person sends back. */
export class PortalPerson {
  readonly login: PortalLogin;
  readonly #options: PortalPersonOptions;
  /** Messages of the person's already looked at (answered with, or passed over). */
  readonly #seen = new Set<string>();
  /** Messages to the person already taken by a scene. */
  readonly #taken = new Set<string>();

  constructor(options: PortalPersonOptions) {
    this.login = options.login;
    this.#options = options;
  }

  get handle(): string {
    return this.login.handle;
  }

  get oin(): string {
    return this.login.participant;
  }

  /**
   * The `count` messages of `type` sent to the creditor that no scene took yet, oldest first.
   * The person reads them in the portal whenever they like; the demo does not wait for that.
   */
  async take(type: string, count = 1): Promise<FetchedMessage[]> {
    const records = await this.#options.ledger.listConversation(this.#options.conversationId);
    const taken = records
      .filter((r) => r.recipient === this.oin && r.messageType === type)
      .filter((r) => !this.#taken.has(r.messageId))
      .slice(0, count);
    if (taken.length < count) throw new Error(`${this.handle}: no ${type} was sent to it`);
    for (const record of taken) this.#taken.add(record.messageId);
    return taken.map(fetched);
  }

  /**
   * Asks the person to `ask` and waits for the creditor's next message of one of `accepts` in
   * the case, reminding every minute; a message of another type is reported and passed over.
   */
  async answer(ask: string, accepts: readonly string[]): Promise<MessageRecord> {
    const { say, signal } = this.#options;
    const waitMs = this.#options.waitMs ?? PORTAL_WAIT_MS;
    const reminderMs = this.#options.reminderMs ?? 60_000;
    const started = Date.now();
    let reminded = started;
    say(`         ▶ ${this.handle} at the portal: ${ask} (waiting …)`);
    for (;;) {
      const found = await this.#next(accepts);
      if (found !== undefined) return found;
      const now = Date.now();
      if (now - started > waitMs) {
        throw new Error(
          `no answer from ${this.handle} through the portal within ${Math.round(waitMs / 60_000)} minutes: ${ask}`,
        );
      }
      if (now - reminded >= reminderMs) {
        reminded = now;
        const minutes = Math.round((now - started) / 60_000);
        say(
          `         … still waiting for ${this.handle} (${minutes} min) at ${this.login.portalUrl}: ${ask}`,
        );
      }
      await sleep(this.#options.pollMs ?? 250, undefined, signal ? { signal } : {});
    }
  }

  /** The creditor's first message in the case not seen before and of one of `accepts`. */
  async #next(accepts: readonly string[]): Promise<MessageRecord | undefined> {
    const records = await this.#options.ledger.listConversation(this.#options.conversationId);
    for (const record of records) {
      if (record.sender !== this.oin || this.#seen.has(record.messageId)) continue;
      this.#seen.add(record.messageId);
      if (accepts.includes(record.messageType)) return record;
      this.#options.say(
        `         ${this.handle} sent a ${record.messageType} from the portal; the demo waits for ${accepts.join(' or ')}`,
      );
    }
    return undefined;
  }
}

/** A ledger record as a delivery. */
function fetched(record: MessageRecord): FetchedMessage {
  return {
    envelope: record.envelope,
    payload: record.payload ?? {},
    signature: record.signature,
    receivedAt: record.receivedAt,
    status: record.status,
  };
}
