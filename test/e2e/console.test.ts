/**
 * The operator console in a real browser (Debian's chromium driven by playwright-core), against
 * a hub with the MongoDB ledger and RabbitMQ: an admin logs in, watches a message submitted over
 * REST appear in the live flow, searches the message log by sender and date, opens the
 * message's and its conversation's timelines, finds the overdue creditor after the hub's clock
 * has passed the answer deadline, replays a dead letter and rotates a participant's certificate;
 * a viewer sees no admin action and the API refuses one. axe-core checks every page visited
 * (WCAG 2.1 A and AA); screenshots go to .tmp/screenshots/console/.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import {
  checkPage,
  dutchContext,
  followMenu,
  launchChromium,
  requireBrowser,
  screenshotDir,
} from '../support/browser.ts';
import { addWorkingDays, ManualClock } from '@knooppunt/standard';
import { defaultConsoleDir } from '../../src/transports/rest/console_files.ts';
import { deadLetterId } from '../../src/transports/amqp/dead_letters.ts';
import type { Participant } from '../../src/participants/types.ts';
import { rabbitAvailable } from '../support/amqp.ts';
import { plantDeadLetter } from '../support/dead_letters.ts';
import { mongoAvailable, TEST_MONGODB_URL } from '../support/mongo.ts';
import { createTestPki } from '../support/pki_fixtures.ts';
import { requirePrecondition } from '../support/preconditions.ts';
import { devOin } from '../support/test_hub.ts';
import { saldoverzoek } from '../integration/rest/rest_world.ts';
import { outcome, signal } from '../integration/vroegsignalering/signals_world.ts';
import { startAmqpWorld } from '../integration/amqp/amqp_world.ts';
import type { AmqpWorld } from '../integration/amqp/amqp_world.ts';

const SCREENSHOTS = screenshotDir('console');

/** The calendar date of `at` in the Netherlands, as a date field takes it (YYYY-MM-DD). */
const dutchDate = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

describe('operators: the console in a browser (chromium, MongoDB, RabbitMQ)', function () {
  this.timeout(180_000);
  const clock = new ManualClock(new Date());
  let world: AmqpWorld;
  let browser: Browser;
  const passwords: Record<string, string> = {};

  before(async function () {
    requireBrowser(this, join(defaultConsoleDir(), 'index.html'), 'the console build');
    requirePrecondition(this, await rabbitAvailable(), 'RabbitMQ with management on 127.0.0.1');
    requirePrecondition(this, await mongoAvailable(), `MongoDB at ${TEST_MONGODB_URL}`);
    world = await startAmqpWorld({}, { clock });
    const accounts = world.testHub.hub.operators.accounts;
    passwords['anna.jansen'] = (await accounts.add('anna.jansen', 'admin', 'test')).password;
    passwords['bart.kijker'] = (await accounts.add('bart.kijker', 'viewer', 'test')).password;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await world?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await dutchContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function login(page: Page, name: string): Promise<void> {
    await page.goto(`${world.testHub.baseUrl}/console/`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    await page.getByLabel('Gebruikersnaam').fill(name);
    await page.getByLabel('Wachtwoord').fill(passwords[name] as string);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Overzicht', level: 1 }).waitFor();
  }

  /** Runs axe-core on the page (WCAG 2.1 A and AA) and saves a screenshot. */
  const check = (page: Page, name: string) => checkPage(page, SCREENSHOTS, name);
  const nav = followMenu;

  it('lets an admin follow, search, chase deadlines, replay and rotate', async () => {
    const page = await newPage();
    await login(page, 'anna.jansen');
    await check(page, '01-overzicht');

    // A message submitted over REST appears in the live flow.
    const message = saldoverzoek(world.testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    const id = message.envelope.messageId;
    expect((await world.testHub.client('gemeente').submit(message)).status).to.equal(201);
    const live = page.getByRole('region', { name: 'Live berichtenstroom' });
    await live.getByText(id).first().waitFor();
    // The counts follow: the live flow makes the overview count again.
    await page.getByText(/: 1 bericht ontvangen/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '02-live.png'), fullPage: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'readme.png') }); // docs/images/console.png

    // The message log, by sender and date.
    await nav(page, 'Berichten');
    await page.getByRole('heading', { name: 'Berichten', level: 1 }).waitFor();
    await page.getByLabel('Afzender (OIN)').fill(devOin('gemeente'));
    await page.getByLabel('Vanaf datum').fill(dutchDate(clock.now()));
    await page.getByLabel('Tot en met datum').fill(dutchDate(clock.now()));
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const results = page.getByRole('table', { name: 'Gevonden berichten' });
    await results.getByRole('link', { name: id }).waitFor();
    await check(page, '03-berichten');

    // The message's timeline, then its conversation's.
    await results.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { name: `Bericht ${id}` }).waitFor();
    await page.getByRole('heading', { name: 'Tijdlijn' }).waitFor();
    await check(page, '04-bericht');
    await page.getByRole('link', { name: 'Dossier bekijken' }).click();
    await page
      .getByRole('heading', { name: `Dossier ${message.envelope.conversationId}` })
      .waitFor();
    await check(page, '05-dossier');

    // An early signal for Utrecht, answered `bereikt`: the reach per municipality and per kind.
    const early = signal(world.testHub, {
      from: 'energie',
      to: 'gemeente',
      createdAt: clock.now(),
    });
    expect((await world.testHub.client('energie').submit(early)).status).to.equal(201);
    const reached = outcome(world.testHub, early, undefined, clock.now());
    expect((await world.testHub.client('gemeente').submit(reached)).status).to.equal(201);
    await nav(page, 'Vroegsignalering');
    const byMunicipality = page.getByRole('table', { name: 'Bereik per gemeente' });
    const utrecht = byMunicipality.getByRole('row').filter({ hasText: 'Gemeente Utrecht' });
    await utrecht.getByText('100,0 %').waitFor();
    await page
      .getByRole('table', { name: 'Bereik per soort vaste last' })
      .getByRole('row')
      .filter({ hasText: 'Energie' })
      .waitFor();
    await check(page, '05b-vroegsignalering');

    // Weeks on, the energy company has not answered: six working days past its deadline it
    // stands out (five make it stand out). Counted in the hub's own calendar, so that the
    // holidays of whatever weeks the test runs in change nothing. (The session has ended
    // meanwhile — 8 hours at most — so the operator logs in again.)
    const due = (await world.testHub.hub.ledger.getMessage(id))?.openAnswerDueAt;
    expect(due, 'the saldoverzoek waits for its answer').to.be.a('string');
    const late = Date.parse(`${addWorkingDays(new Date(due as string), 6)}T12:00:00.000Z`);
    clock.advance(late - clock.now().getTime());
    await login(page, 'anna.jansen');
    await nav(page, 'Termijnen');
    const creditors = page.getByRole('table', { name: 'Schuldeisers met openstaande antwoorden' });
    const energie = creditors.getByRole('row').filter({ hasText: devOin('energie') });
    await energie.getByText('Houdt zaken op').waitFor();
    await check(page, '06-termijnen');

    // A dead letter (a delivery limit ran out on it) is replayed: the hub takes the message.
    const lost = saldoverzoek(world.testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    await plantDeadLetter(world.vhost, devOin('gemeente'), lost, lost.envelope.messageId);
    const letter = deadLetterId(Buffer.from(JSON.stringify(lost)));
    await nav(page, 'Wachtrijen');
    const replay = page.getByRole('button', { name: `Opnieuw aanbieden: ${letter}` });
    for (let i = 0; i < 20 && !(await replay.isVisible()); i += 1) {
      await page.reload();
      await page.waitForTimeout(250);
    }
    await check(page, '07-wachtrijen');
    await replay.click();
    await page.getByText(`Bericht ${letter} is opnieuw aangeboden.`).waitFor();
    expect(await world.testHub.hub.ledger.getMessage(lost.envelope.messageId)).to.include({
      status: 'accepted',
    });

    // The energy company's certificate is rotated with a week's overlap.
    const next = createTestPki({ at: clock.now() }).participant(devOin('energie'), 'Energie');
    await nav(page, 'Deelnemers');
    const participant = await world.testHub.hub.registry.get(devOin('energie'));
    await page.getByRole('button', { name: `Certificaat vervangen: ${participant?.name}` }).click();
    await page.getByLabel('Nieuw certificaat (PEM)').fill(next.issued.certificatePem);
    await page.getByLabel('Overlap in dagen').fill('7');
    await page.getByRole('button', { name: 'Vervangen' }).click();
    await page.getByRole('status').filter({ hasText: 'vervangen' }).first().waitFor();
    await check(page, '08-deelnemers');
    world.testHub.hub.registry.clearCache();
    const rotated = await world.testHub.hub.registry.get(devOin('energie'));
    expect(rotated?.certificates.map((c) => c.thumbprint)).to.include(next.signer.thumbprint);
    expect(rotated?.certificates.filter((c) => c.retiresAt !== undefined)).to.have.length(1);

    // Someone with database access makes the telecom company a public body: the screen says
    // the entry differs from its history, and the admin restores it.
    const telecom = (await world.testHub.hub.registry.get(devOin('telecom'))) as Participant;
    await world.testHub.hub.ledger.putParticipant({ ...telecom, publicBody: true });
    world.testHub.hub.registry.clearCache();
    await page.reload();
    await page.getByText('wijkt af van de historie').waitFor();
    await check(page, '08b-deelnemer-wijkt-af');
    await page.getByRole('button', { name: `Herstellen uit de historie: ${telecom.name}` }).click();
    await page.getByRole('status').filter({ hasText: 'hersteld' }).first().waitFor();
    await page.getByText('wijkt af van de historie').waitFor({ state: 'detached' });
    world.testHub.hub.registry.clearCache();
    expect((await world.testHub.hub.registry.get(devOin('telecom')))?.publicBody).to.equal(false);

    for (const [name, file] of [
      ['Afwijzingen', '09-afwijzingen'],
      ['Meldingen', '10-meldingen'],
      ['Grootboek', '11-grootboek'],
      ['Audit', '12-audit'],
    ] as const) {
      await nav(page, name);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await check(page, file);
    }
    await page
      .getByRole('table', { name: 'Beheerhandelingen' })
      .getByText('anna.jansen')
      .first()
      .waitFor();
    await page.context().close();
  });

  it('shows a viewer no admin action, and the API refuses one', async () => {
    const page = await newPage();
    await login(page, 'bart.kijker');
    await nav(page, 'Deelnemers');
    await page.getByRole('table', { name: 'Deelnemers' }).waitFor();
    expect(
      await page
        .getByRole('button', { name: /^(Schorsen|Activeren|Certificaat vervangen)/ })
        .count(),
    ).to.equal(0);
    expect(await page.getByRole('button', { name: 'Aanmelden' }).count()).to.equal(0);
    await nav(page, 'Wachtrijen');
    await page.getByRole('heading', { name: 'Wachtrijen', level: 1 }).waitFor();
    expect(
      await page.getByRole('button', { name: /^(Opnieuw aanbieden|Verwijderen)/ }).count(),
    ).to.equal(0);
    await check(page, '13-kijker');
    const csrf = await page.evaluate(async () => {
      const session = await fetch('/v1/operator/session').then((r) => r.json());
      return (session as { csrfToken: string }).csrfToken;
    });
    const refused = await page.request.post(
      `${world.testHub.baseUrl}/v1/operator/participants/${devOin('energie')}/suspend`,
      { headers: { 'x-csrf-token': csrf } },
    );
    expect(refused.status()).to.equal(403);
    expect(((await refused.json()) as { code: string }).code).to.equal('FORBIDDEN');
    await page.context().close();
  });
});
