/**
 * `npm run demo -- --portal`: one creditor has no bot; a person answers for it in the
 * participant portal. Here a scripted person drives the portal's API as the browser does —
 * logs in with the printed login and a TOTP code, enrols a P-256 key, reads its messages,
 * answers the saldoverzoek with claims of its own, refuses the betaalvoorstel with a reason and
 * agrees after the heroverweging — and the test checks that the demo went on with what the
 * person sent, and that the ledger records the creditor's messages as the portal user's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Envelope, Payload } from '@knooppunt/standard';
import { runDemo } from '../../src/demo/demo.ts';
import type { DemoResult, PortalLogin } from '../../src/demo/demo.ts';
import type { Hub } from '../../src/hub/hub.ts';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import type { MessageRecord } from '../../src/ledger/types.ts';
import { verifyChain } from '../../src/ledger/verify_chain.ts';
import { totpCode } from '../../src/portal/index.ts';
import { examplePayload } from '../support/examples.ts';
import { buildMessage } from '../support/message_builder.ts';
import { OpenApiChecker } from '../support/openapi_check.ts';
import { BrowserKey, PortalClient } from '../support/portal_client.ts';
import type { PortalHub } from '../support/portal_client.ts';
import { freshEnvironment, knooppunt } from '../unit/cli/run_cli.ts';

/** The person's claim lines: two, unlike the one the gemeente assumed. */
const STATED = examplePayload('saldoverzoek-antwoord', 'twee-vorderingen');
const STATED_CLAIM = (STATED['vorderingen'] as { actueelBedrag: { totaal: number } }[]).reduce(
  (sum, line) => sum + line.actueelBedrag.totaal,
  0,
);

/** The portal's browser, pointed at the demo's hub (not a TestHub): base URL and OpenAPI. */
async function browserAt(hubUrl: string): Promise<PortalClient<PortalHub>> {
  const document = (await (await fetch(`${hubUrl}/openapi.json`)).json()) as Record<
    string,
    unknown
  >;
  return new PortalClient({ baseUrl: hubUrl, openapi: new OpenApiChecker(document) });
}

/** The person: logs in, enrols this browser's key, and answers as the demo asks. */
async function playPerson(login: PortalLogin, hub: Hub, signal: AbortSignal): Promise<void> {
  const browser = await browserAt(login.hubUrl);
  const code = totpCode(login.totpSecret, new Date());
  const loggedIn = await browser.login(login.name, login.password, code);
  expect(loggedIn.status, 'login').to.equal(201);
  const key = new BrowserKey();
  const enrolled = await browser.json<{ status: string; thumbprint: string }>(
    'POST',
    '/v1/portal/keys',
    key.request(login.name, 'demo'),
  );
  expect(enrolled.body.status, 'a beheerder’s own key').to.equal('active');
  const signer = await key.signer({ hub }, enrolled.body.thumbprint);

  /** Waits for an unread message of `type` in the inbox, and opens it (picking it up). */
  const open = async (type: string): Promise<{ envelope: Envelope; payload: Payload }> => {
    while (!signal.aborted) {
      const inbox = await browser.json<{ items: { messageId: string }[] }>(
        'GET',
        `/v1/portal/messages?messageType=${type}&unread=true`,
      );
      const [first] = inbox.body.items;
      if (first !== undefined) {
        const opened = await browser.json<{ envelope: Envelope; payload: Payload }>(
          'GET',
          `/v1/portal/messages/${first.messageId}`,
        );
        return opened.body;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the demo stopped');
  };
  /** Signs an answer to `request` in the browser and sends it through the portal's outbox. */
  const answer = async (
    request: { envelope: Envelope; payload: Payload },
    messageType: string,
    payload: Payload,
  ): Promise<void> => {
    const message = buildMessage({
      signer,
      sender: login.participant,
      recipient: request.envelope.sender,
      module: request.envelope.module,
      messageType,
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload: {
        ...payload,
        klantnummerSchuldhulpverlener: request.payload['klantnummerSchuldhulpverlener'],
        klantnummerSchuldeiser: request.payload['klantnummerSchuldeiser'],
      },
    });
    const sent = await browser.json<{ code?: string }>('POST', '/v1/portal/outbox', message);
    expect(sent.status, `${messageType}: ${JSON.stringify(sent.body)}`).to.equal(201);
  };

  await answer(await open('saldoverzoek'), 'saldoverzoek-antwoord', STATED);
  await answer(await open('betaalvoorstel'), 'betaalvoorstel-antwoord', {
    ...examplePayload('betaalvoorstel-antwoord', 'akkoord'),
    besluit: 'afwijzing',
    reden: 'percentage-te-laag',
    toelichting: 'Wij verwachten ten minste 30 procent.',
  });
  await answer(
    await open('heroverweging'),
    'betaalvoorstel-antwoord',
    examplePayload('betaalvoorstel-antwoord', 'akkoord'),
  );
}

describe('the demo with --portal: a person answers for one creditor in the participant portal', function () {
  this.timeout(180_000);
  let result: DemoResult;
  let login: PortalLogin;
  let ledger: SqliteLedger;
  let creditorMessages: MessageRecord[];
  const lines: string[] = [];

  before(async () => {
    const stop = new AbortController();
    let person: Promise<void> = Promise.resolve();
    const demo = runDemo({
      keep: true,
      portal: true,
      portalWaitMs: 60_000,
      signal: stop.signal,
      out: (line) => lines.push(line),
      onPortalUser: (given, hub) => {
        login = given;
        // A failing person stops the demo rather than leaving it to wait out its timeout.
        person = playPerson(given, hub, stop.signal).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        });
      },
    });
    result = await demo.catch(async (error: unknown) => {
      await person; // the person's failure, when it was the cause
      throw error;
    });
    await person;
    ledger = new SqliteLedger(join(result.dataDir, 'ledger.sqlite'));
    await ledger.init();
    const conversation = await ledger.listConversation(result.conversationId);
    creditorMessages = conversation.filter((m) => m.sender === login.participant);
  });
  after(async () => {
    await ledger?.close();
    if (result !== undefined) rmSync(result.dataDir, { recursive: true, force: true });
  });

  it('prints where to log in, the login, how to get the code, and what to do at each step', () => {
    expect(result.portal).to.deep.equal({ handle: login.handle, user: login.handle });
    const text = lines.join('\n');
    expect(text).to.include(login.portalUrl);
    expect(text).to.include(`name      ${login.name}`);
    expect(text).to.include(login.password);
    expect(text).to.include(
      `KNOOPPUNT_DATA_DIR=${result.dataDir} npx knooppunt portal-users code ${login.name}`,
    );
    expect(text).to.include('Apparaten');
    expect(text).to.match(/answer the saldoverzoek with your claim \(€/);
    expect(text).to.match(/refuse the betaalvoorstel .* with a reason/);
    expect(text).to.match(/agree to the betaalvoorstel/);
    expect(text).to.include(`(${login.handle}) answered through the participant portal`);
  });

  it('records the creditor’s messages as sent through the portal by its portal user', () => {
    expect(creditorMessages.map((m) => m.messageType)).to.deep.equal([
      'saldoverzoek-antwoord',
      'betaalvoorstel-antwoord',
      'betaalvoorstel-antwoord',
    ]);
    for (const message of creditorMessages) {
      expect(message, message.messageType).to.include({
        transport: 'portal',
        portalUser: login.name,
      });
    }
    const besluiten = creditorMessages
      .slice(1)
      .map((m) => (m.payload as { besluit: string }).besluit);
    expect(besluiten).to.deep.equal(['afwijzing', 'akkoord']);
  });

  it('goes on with the claim the person stated, and ends with every creditor agreeing', async () => {
    const row = result.summary.find((r) => r.handle === login.handle);
    expect(row).to.include({
      claim: STATED_CLAIM,
      outcome: 'akkoord na heroverweging',
      portal: true,
    });
    const conversation = await ledger.listConversation(result.conversationId);
    const akkoord = conversation.find(
      (m) => m.messageType === 'schuldregeling-akkoord' && m.recipient === login.participant,
    );
    const [line] = (akkoord?.payload as { vorderingen: Record<string, unknown>[] }).vorderingen;
    expect(line).to.include({ actueelBedrag: STATED_CLAIM, prognoseEindbedrag: row?.offered });
    expect(result.summary.reduce((sum, r) => sum + r.offered, 0)).to.equal(result.krediet);
    // The case's 85, and the early signal that opens the demo with its answer.
    expect(result.messages).to.equal(87);
    expect(conversation).to.have.length(83);
  });

  it('leaves a ledger that verifies', async () => {
    expect(result.ledger.ok).to.equal(true);
    const report = await verifyChain(ledger);
    expect(report.problems).to.deep.equal([]);
  });

  it('keeps the login where the printed `portal-users code` command reads it', async () => {
    const { env } = freshEnvironment({ KNOOPPUNT_DATA_DIR: result.dataDir });
    const run = await knooppunt({ env }, 'portal-users', 'code', login.name);
    expect(run.code, run.err).to.equal(0);
    expect(run.out.trim()).to.match(/^\d{6}$/);
  });
});
