/**
 * The demo: one whole schuldregeling through a real hub on the embedded defaults (SQLite ledger
 * in a fresh data folder, the development network), every party a bot on the SDK over HTTP.
 *
 * The gemeente tells the 14 creditors (kennisgeving) and asks each for its balance; covenant
 * creditors answer vooraf-akkoord, one (picked by the seed) answers geen-medewerking, the rest
 * their claims. The gemeente distributes the saneringskrediet with the SDK's arithmetic; the
 * kredietbank gets the Waarborgfonds' borgstelling; the betaalvoorstel goes out, one creditor
 * (picked by the seed) refuses, gets a heroverweging and agrees; schuldregeling-akkoord ends
 * it. Prints a timeline and a summary table, checks the ledger, and returns what it did.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmqpClient, MessageFactory, RestClient } from '@knooppunt/sdk';
import type { HubConnection, SendableType } from '@knooppunt/sdk';
import type { FetchedMessage, Module, SignedMessage } from '@knooppunt/standard';
import { loadConfig } from '../config.ts';
import { createHub } from '../hub/hub.ts';
import { DEV_NETWORK } from '../devnet/dev_network.ts';
import { verifyChain } from '../ledger/verify_chain.ts';
import type { ChainReport } from '../ledger/verify_chain.ts';
import { devSignerFor } from '../devnet/dev_network.ts';
import { formatTable } from '../text/table.ts';
import { passwordPath } from '../transports/amqp/provisioning.ts';
import * as dossier from './debt_case.ts';
import type { CaseCreditor, DebtCase } from './debt_case.ts';

/** Options of a demo run. */
export interface DemoOptions {
  /** Picks the uncooperative and the refusing creditor. @defaultValue 2026 */
  readonly seed?: number;
  /** Where output lines go. @defaultValue nowhere */
  readonly out?: (line: string) => void;
  /** Keep the data folder (ledger, PKI) afterwards. @defaultValue false */
  readonly keep?: boolean;
  /** How every party sends and takes delivery. @defaultValue `rest` */
  readonly transport?: 'rest' | 'amqp';
  /** The broker for `amqp` (with its management API on :15672). @defaultValue `AMQP_URL` or the local one */
  readonly amqpUrl?: string;
}

/** A party of the demo: its factory, its connection and how it takes delivery. */
interface Bot {
  readonly oin: string;
  readonly factory: MessageFactory;
  readonly connection: HubConnection;
  readonly take: (type: string, count: number) => Promise<FetchedMessage[]>;
}

/** How long a bot waits for a message it expects before the demo gives up. */
const TAKE_TIMEOUT_MS = 30_000;

/** Over REST: poll the mailbox for `count` messages of `type`, fetch and acknowledge each. */
function restTaker(client: RestClient): Bot['take'] {
  return async (type, count) => {
    const deadline = Date.now() + TAKE_TIMEOUT_MS;
    const taken: FetchedMessage[] = [];
    while (taken.length < count) {
      const page = await client.inbox({ messageType: type, limit: count - taken.length });
      for (const item of page.items) {
        taken.push(await client.fetch(item.messageId));
        await client.ack(item.messageId);
      }
      if (taken.length < count) {
        if (Date.now() > deadline) throw new Error(`${client.oin}: no ${type} arrived`);
        await sleep(20);
      }
    }
    return taken;
  };
}

/**
 * Over AMQP: take deliveries from the queue, keeping other types for later takes. Deliveries
 * of other runs (an interrupted demo leaves them on the shared broker) are acknowledged and
 * passed over.
 */
function amqpTaker(client: AmqpClient, ours: (message: FetchedMessage) => boolean): Bot['take'] {
  const deliveries = client.receive();
  const later: FetchedMessage[] = [];
  return async (type, count) => {
    const taken = later.filter((m) => m.envelope.messageType === type).slice(0, count);
    for (const message of taken) later.splice(later.indexOf(message), 1);
    while (taken.length < count) {
      const timer = setTimeout(() => void client.close(), TAKE_TIMEOUT_MS);
      const next = await deliveries.next().finally(() => clearTimeout(timer));
      if (next.done === true) throw new Error(`${client.oin}: no ${type} arrived`);
      if (!ours(next.value)) await client.ack(next.value.envelope.messageId);
      else if (next.value.envelope.messageType === type) taken.push(next.value);
      else later.push(next.value);
    }
    for (const message of taken) await client.ack(message.envelope.messageId);
    return taken;
  };
}

/** The broker URL for a participant's own user (same host and vhost). */
function amqpUrlFor(brokerUrl: string, oin: string, password: string): string {
  const url = new URL(brokerUrl);
  url.username = oin;
  url.password = password;
  return url.toString();
}

/** One line of the summary: a creditor's claim and what the settlement gives it. */
export interface SummaryRow {
  readonly handle: string;
  readonly name: string;
  readonly claim: number;
  readonly preferent: boolean;
  /** `geen-medewerking`, or how it answered the proposal in the end. */
  readonly outcome: 'akkoord' | 'akkoord na heroverweging' | 'vooraf akkoord' | 'geen medewerking';
  readonly percentage: string;
  readonly offered: number;
}

/** What a demo run did. */
export interface DemoResult {
  readonly dataDir: string;
  readonly conversationId: string;
  /** Messages sent, in order. */
  readonly messages: number;
  readonly summary: readonly SummaryRow[];
  readonly krediet: number;
  readonly ledger: ChainReport;
  readonly seconds: number;
}

/** The covenant creditors of the development network (they answer vooraf-akkoord). */
const COVENANT = new Set(['energie', 'zorgverzekeraar', 'woningcorporatie', 'waterbedrijf']);

/** A small deterministic generator (mulberry32) for the seed's choices. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const euro = (cents: number): string =>
  `€ ${(cents / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Runs the demo. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? (() => undefined);
  const seed = options.seed ?? 2026;
  const transport = options.transport ?? 'rest';
  const amqpUrl =
    transport === 'amqp'
      ? (options.amqpUrl ?? process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672/')
      : undefined;
  const closers: (() => Promise<void>)[] = [];
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-demo-'));
  const hub = await createHub(
    loadConfig({
      KNOOPPUNT_DATA_DIR: dataDir,
      PORT: '0',
      KNOOPPUNT_DEV_BOOTSTRAP: 'true',
      KNOOPPUNT_LOG_LEVEL: 'silent',
      ...(amqpUrl === undefined ? {} : { AMQP_URL: amqpUrl }),
    }),
    { housekeeping: false },
  );
  try {
    const hubUrl = await hub.listen();
    out(`Knooppunt demo: one schuldregeling with 14 creditors (seed ${seed}, over ${transport})`);
    out(`hub ${hubUrl}, embedded SQLite ledger in ${dataDir}`);
    if (transport === 'amqp') {
      // Everybody sends and takes delivery over RabbitMQ.
      for (const participant of await hub.registry.list()) {
        await hub.ledger.putParticipant({ ...participant, transport: 'amqp' });
      }
      hub.registry.clearCache();
      out(`every party over AMQP: ${new URL(amqpUrl as string).host}`);
    }
    out('');
    const conversationId = crypto.randomUUID();
    const borgstelling = crypto.randomUUID();
    const conversations = new Set<string>([conversationId, borgstelling]);
    const bots = new Map<string, Bot>();
    const bot = (handle: string): Bot => {
      const found = bots.get(handle);
      if (found === undefined) throw new Error(`no bot ${handle}`);
      return found;
    };
    const hubCertificate = hub.hubSigner.certificate;
    for (const participant of DEV_NETWORK) {
      const { oin, handle } = participant;
      const signer = devSignerFor(join(dataDir, 'pki'), oin);
      const rest = new RestClient({ hubUrl, oin, signer });
      const factory = new MessageFactory({ oin, signer, schemas: hub.schemas });
      if (transport === 'rest') {
        bots.set(handle, { oin, factory, connection: rest, take: restTaker(rest) });
        continue;
      }
      const password = readFileSync(passwordPath(join(dataDir, 'pki'), oin), 'utf8');
      const amqp = await AmqpClient.connect({
        url: amqpUrlFor(amqpUrl as string, oin, password),
        oin,
        hubCertificate,
      });
      closers.push(() => amqp.close());
      const ours = (message: FetchedMessage): boolean =>
        conversations.has(message.envelope.conversationId);
      bots.set(handle, { oin, factory, connection: amqp, take: amqpTaker(amqp, ours) });
    }

    let sent = 0;
    const send = async (
      from: string,
      to: string,
      type: SendableType,
      payload: Record<string, unknown>,
      extra: { inReplyTo?: string; module?: Module; note?: string; conversationId?: string } = {},
    ): Promise<SignedMessage> => {
      const sender = bot(from);
      const message = sender.factory.create({
        type,
        recipient: bot(to).oin,
        module: extra.module ?? 'schuldregeling',
        conversationId: extra.conversationId ?? conversationId,
        payload: payload as never,
        ...(extra.inReplyTo === undefined ? {} : { inReplyTo: extra.inReplyTo }),
      });
      const receipt = await sender.connection.send(message);
      sent += 1;
      const at = ((performance.now() - started) / 1000).toFixed(2).padStart(6);
      out(
        `${at}s  ${from.padEnd(19)} → ${to.padEnd(19)} ${type.padEnd(24)} ${receipt.claims.status}${extra.note === undefined ? '' : `  ${extra.note}`}`,
      );
      return message;
    };
    /** `handle` takes `count` messages of `type`: received and acknowledged. */
    const take = (handle: string, type: string, count = 1): Promise<FetchedMessage[]> =>
      bot(handle).take(type, count);

    const baseCase = dossier.createDebtCase();
    const pick = random(seed);
    const candidates = baseCase.creditors.filter((c) => !c.preferent && !COVENANT.has(c.handle));
    const uncooperative = candidates.splice(Math.floor(pick() * candidates.length), 1)[0];
    const refuser = candidates[Math.floor(pick() * candidates.length)];
    if (uncooperative === undefined || refuser === undefined) throw new Error('no candidates');

    out('1. Kennisgeving and saldoverzoek to every creditor');
    const requests = new Map<string, string>();
    for (const creditor of baseCase.creditors) {
      await send(
        'gemeente',
        creditor.handle,
        'kennisgeving',
        dossier.kennisgeving(baseCase, creditor),
      );
      const request = await send(
        'gemeente',
        creditor.handle,
        'saldoverzoek',
        dossier.saldoverzoek(baseCase, creditor),
      );
      requests.set(creditor.oin, request.envelope.messageId);
    }

    out('2. The creditors answer');
    for (const creditor of baseCase.creditors) {
      await take(creditor.handle, 'kennisgeving');
      const [request] = await take(creditor.handle, 'saldoverzoek');
      const inReplyTo = request?.envelope.messageId as string;
      if (creditor === uncooperative) {
        await send(
          creditor.handle,
          'gemeente',
          'geen-medewerking',
          dossier.geenMedewerking(baseCase, creditor),
          {
            inReplyTo,
            note: 'recent final discharge',
          },
        );
      } else if (COVENANT.has(creditor.handle)) {
        await send(
          creditor.handle,
          'gemeente',
          'saldoverzoek-antwoord-vooraf-akkoord',
          dossier.voorafAkkoord(baseCase, creditor),
          {
            inReplyTo,
            note: `${euro(creditor.claim)}, agrees in advance`,
          },
        );
      } else {
        await send(
          creditor.handle,
          'gemeente',
          'saldoverzoek-antwoord',
          dossier.saldoverzoekAntwoord(baseCase, creditor),
          {
            inReplyTo,
            note: euro(creditor.claim),
          },
        );
      }
    }

    // The gemeente reads the claims from the answers and distributes the krediet over them.
    const covenant = baseCase.creditors.filter((c) => COVENANT.has(c.handle)).length;
    const answers = [
      ...(await take(
        'gemeente',
        'saldoverzoek-antwoord',
        baseCase.creditors.length - 1 - covenant,
      )),
      ...(await take('gemeente', 'saldoverzoek-antwoord-vooraf-akkoord', covenant)),
    ];
    await take('gemeente', 'geen-medewerking');
    const answered = new Set(answers.map((answer) => answer.envelope.sender));
    const participating = baseCase.creditors.filter((c) => answered.has(c.oin));
    const debtCase: DebtCase = {
      ...baseCase,
      offer: dossier.distribute(participating, baseCase.krediet),
    };

    out(`3. Saneringskrediet of ${euro(debtCase.krediet)}: the Waarborgfonds' borgstelling`);
    const aanvraag = await send(
      'kredietbank',
      'waarborgfonds',
      'aanvraag-borgstelling',
      dossier.aanvraagBorgstelling(debtCase),
      { module: 'waarborgfonds', conversationId: borgstelling },
    );
    await take('waarborgfonds', 'aanvraag-borgstelling');
    await send(
      'waarborgfonds',
      'kredietbank',
      'borgstelling-besluit',
      dossier.borgstellingBesluit(debtCase),
      {
        module: 'waarborgfonds',
        conversationId: aanvraag.envelope.conversationId,
        inReplyTo: aanvraag.envelope.messageId,
        note: 'afgegeven',
      },
    );
    await take('kredietbank', 'borgstelling-besluit');

    out('4. The betaalvoorstel, distributed pro rata (preferent at twice the percentage)');
    const proposals = new Map<string, string>();
    for (const creditor of participating) {
      const offer = debtCase.offer.get(creditor.oin) as { percentage: string; amount: number };
      const proposal = await send(
        'gemeente',
        creditor.handle,
        'betaalvoorstel',
        dossier.betaalvoorstel(debtCase, creditor, participating),
        { note: `${euro(offer.amount)} (${offer.percentage} %)` },
      );
      proposals.set(creditor.oin, proposal.envelope.messageId);
    }
    let refusal: string | undefined;
    for (const creditor of participating) {
      const [proposal] = await take(creditor.handle, 'betaalvoorstel');
      const besluit = creditor === refuser ? 'afwijzing' : 'akkoord';
      const answer = await send(
        creditor.handle,
        'gemeente',
        'betaalvoorstel-antwoord',
        dossier.betaalvoorstelAntwoord(debtCase, creditor, besluit),
        { inReplyTo: proposal?.envelope.messageId as string, note: besluit },
      );
      if (besluit === 'afwijzing') refusal = answer.envelope.messageId;
    }
    await take('gemeente', 'betaalvoorstel-antwoord', participating.length);

    out('5. Heroverweging for the creditor that refused');
    const heroverweging = await send(
      'gemeente',
      refuser.handle,
      'heroverweging',
      dossier.heroverweging(debtCase, refuser, proposals.get(refuser.oin) as string),
      { inReplyTo: refusal as string },
    );
    await take(refuser.handle, 'heroverweging');
    await send(
      refuser.handle,
      'gemeente',
      'betaalvoorstel-antwoord',
      dossier.betaalvoorstelAntwoord(debtCase, refuser, 'akkoord'),
      {
        inReplyTo: heroverweging.envelope.messageId,
        note: 'akkoord',
      },
    );
    await take('gemeente', 'betaalvoorstel-antwoord');

    out('6. Schuldregeling-akkoord to every participating creditor');
    for (const creditor of participating) {
      await send(
        'gemeente',
        creditor.handle,
        'schuldregeling-akkoord',
        dossier.schuldregelingAkkoord(debtCase, creditor),
      );
      await take(creditor.handle, 'schuldregeling-akkoord');
    }

    await hub.housekeeping.seal();
    const ledger = await verifyChain(hub.ledger);
    const summary = baseCase.creditors.map((creditor): SummaryRow => {
      const offer = debtCase.offer.get(creditor.oin);
      return {
        handle: creditor.handle,
        name: creditor.participant.name,
        claim: creditor.claim,
        preferent: creditor.preferent,
        outcome: outcomeOf(creditor, uncooperative, refuser),
        percentage: offer?.percentage ?? '0.00',
        offered: offer?.amount ?? 0,
      };
    });
    printSummary(out, summary, debtCase.krediet);
    const seconds = (performance.now() - started) / 1000;
    out('');
    out(
      `ledger: ${ledger.events} events in ${ledger.seals} sealed batches, ${ledger.ok ? 'verified intact' : `${ledger.problems.length} problems`}`,
    );
    out(
      `${sent} messages in ${seconds.toFixed(1)} s${options.keep === true ? `; data kept in ${dataDir}` : ''}`,
    );
    return {
      dataDir,
      conversationId,
      messages: sent,
      summary,
      krediet: debtCase.krediet,
      ledger,
      seconds,
    };
  } finally {
    for (const close of closers) await close().catch(() => undefined);
    await hub.stop();
    if (options.keep !== true) rmSync(dataDir, { recursive: true, force: true });
  }
}

function outcomeOf(
  creditor: CaseCreditor,
  uncooperative: CaseCreditor,
  refuser: CaseCreditor,
): SummaryRow['outcome'] {
  if (creditor === uncooperative) return 'geen medewerking';
  if (creditor === refuser) return 'akkoord na heroverweging';
  return COVENANT.has(creditor.handle) ? 'vooraf akkoord' : 'akkoord';
}

function printSummary(
  out: (line: string) => void,
  rows: readonly SummaryRow[],
  krediet: number,
): void {
  out('');
  const header = ['creditor', 'claim', 'kind', '%', 'offered', 'outcome'];
  const lines = rows.map((row) => [
    row.name,
    euro(row.claim),
    row.preferent ? 'preferent' : 'concurrent',
    row.percentage,
    euro(row.offered),
    row.outcome,
  ]);
  const total = rows.reduce((sum, row) => sum + row.claim, 0);
  const offered = rows.reduce((sum, row) => sum + row.offered, 0);
  lines.push(['total', euro(total), '', '', euro(offered), `krediet ${euro(krediet)}`]);
  for (const line of formatTable(header, lines, { right: [1, 3, 4], rule: true })) out(line);
}
