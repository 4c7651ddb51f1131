/**
 * The participant portal in a real browser (Debian's chromium driven by playwright-core),
 * against a throw-away hub of the development network: a debt counsellor (gemeente) sends a
 * creditor (energie) a kennisgeving and a saldoverzoek in one case; the creditor's portal user
 * is refused with a wrong code, logs in with password and TOTP code, sees two unread messages,
 * opens the saldoverzoek and reads it in Dutch (labels, euros, dates; no raw JSON), which picks
 * it up; sees the case with both messages and what it still has to answer; filters the inbox
 * on owed answers; finds the answer form and the sending screens. On a phone's viewport
 * the inbox and the message do not scroll sideways. axe-core checks every page visited (WCAG
 * 2.1 A and AA, no violation at all); screenshots go to .tmp/screenshots/portal/.
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
import { ManualClock } from '@knooppunt/standard';
import { totpCode } from '../../src/portal/index.ts';
import { defaultConsoleDir, portalDirBeside } from '../../src/transports/rest/console_files.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';
import { kennisgeving, saldoverzoek } from '../integration/rest/rest_world.ts';

const SCREENSHOTS = screenshotDir('portal');

describe('participants: the portal in a browser (chromium)', function () {
  this.timeout(60_000);
  // A fixed clock: the TOTP code is computed at the hub's own time.
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  let browser: Browser;
  let enrolment: { password: string; totpSecret: string };

  before(async function () {
    requireBrowser(
      this,
      join(portalDirBeside(defaultConsoleDir()), 'index.html'),
      'the portal build',
    );
    testHub = await startTestHub({ clock });
    enrolment = await testHub.hub.portal.accounts.add(
      devOin('energie'),
      'energie.medewerker',
      'medewerker',
      'test',
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await testHub?.stop();
  });

  const newContext = (viewport = { width: 1280, height: 900 }) =>
    dutchContext(browser, { viewport });
  const check = (page: Page, name: string) => checkPage(page, SCREENSHOTS, name);

  /** True when the page is wider than the window (a sideways scroll). */
  const scrollsSideways = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

  const nav = followMenu;

  it('lets a creditor log in, read a request in Dutch, follow its case and deadline', async () => {
    const notice = kennisgeving(testHub, 'gemeente', 'energie', { createdAt: clock.now() });
    const request = saldoverzoek(testHub, 'gemeente', 'energie', {
      createdAt: clock.now(),
      conversationId: notice.envelope.conversationId,
      module: 'schuldregeling',
    });
    for (const message of [notice, request]) {
      expect((await testHub.client('gemeente').submit(message)).status).to.equal(201);
      clock.advance(1_000);
    }
    const requestId = request.envelope.messageId;

    const context = await newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${testHub.baseUrl}/portaal/`);
    await page.getByRole('heading', { name: 'Inloggen', level: 1 }).waitFor();

    // Empty fields are named at the field; a wrong code is explained.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Vul de code uit uw authenticator-app in.').first().waitFor();
    await check(page, '01-inloggen-fouten');
    await page.getByLabel('Gebruikersnaam').fill('energie.medewerker');
    await page.getByLabel('Wachtwoord').fill(enrolment.password);
    await page.getByLabel('Code uit de authenticator-app').fill('000000');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText(/Inloggen is niet gelukt/).waitFor();
    await check(page, '02-inloggen-mislukt');

    await page.getByLabel('Wachtwoord').fill(enrolment.password);
    await page
      .getByLabel('Code uit de authenticator-app')
      .fill(totpCode(enrolment.totpSecret, clock.now()));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Postvak IN', level: 1 }).waitFor();
    await page.getByText('U heeft 2 ongelezen berichten.').waitFor();
    const badge = page.locator('#kp-menu-badge-0');
    expect(await badge.textContent()).to.equal('2 ongelezen berichten');
    await page.getByRole('option', { name: 'Ongelezen (2 berichten)' }).waitFor({
      state: 'attached',
    });
    const inbox = page.getByRole('list', { name: 'Berichten' });
    expect(await inbox.getByRole('listitem').count()).to.equal(2);
    await check(page, '03-postvak-in');

    // On a phone: one column, no sideways scroll (the same session in a narrow window).
    const phone = await browser.newContext({
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: { width: 390, height: 844 },
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    await small.goto(`${testHub.baseUrl}/portaal/`);
    await small.getByRole('list', { name: 'Berichten' }).waitFor();
    expect(await scrollsSideways(small), 'inbox on a phone').to.equal(false);
    await check(small, '04-postvak-in-telefoon');

    // The saldoverzoek, readable: labels from the schema, euros, Dutch dates, Ja/Nee, no JSON.
    await inbox.getByRole('link', { name: 'Saldoverzoek' }).click();
    await page.getByRole('heading', { name: 'Saldoverzoek', level: 1 }).waitFor();
    await page.getByText('Klantnummer schuldhulpverlener').waitFor();
    await page.getByText('6 mei 2024').waitFor(); // peildatum 2024-05-06
    await page.getByText('Nog onbekend').waitFor(); // soortRegeling nog-onbekend
    const claims = page.getByRole('table', { name: 'Bekende vorderingen' });
    await claims.getByText(/€\s842,50/).waitFor(); // bedrag 84250 cents
    const text = await page.locator('main').innerText();
    expect(text).not.to.match(/klantnummerSchuldhulpverlener|bekendeVorderingen|[{}"]/);
    expect(await testHub.hub.ledger.getMessage(requestId)).to.include({ status: 'picked-up' });
    await page.waitForFunction(
      () => document.getElementById('kp-menu-badge-0')?.textContent === '1 ongelezen bericht',
    );
    await check(page, '05-bericht');
    await small.goto(`${testHub.baseUrl}/portaal/berichten/${requestId}`);
    await small.getByRole('table', { name: 'Bekende vorderingen' }).waitFor();
    expect(await scrollsSideways(small), 'message on a phone').to.equal(false);
    await check(small, '06-bericht-telefoon');
    await phone.close();

    // Answering (test/e2e/portal_case.test.ts): the link leads to its screen.
    await page.getByRole('link', { name: 'Beantwoorden' }).click();
    await page.getByRole('heading', { name: 'Beantwoorden', level: 1 }).waitFor();
    expect(page.url()).to.match(new RegExp(`/portaal/beantwoorden/${requestId}$`));
    await page.goBack();

    // The case: both messages in order, and the answer still owed.
    await page.getByRole('link', { name: 'Dossier bekijken' }).click();
    await page.getByRole('heading', { name: 'Dossier', level: 1 }).waitFor();
    const messages = page.getByRole('list', { name: 'Berichten in dit dossier' });
    expect(await messages.getByRole('link').allInnerTexts()).to.deep.equal([
      'Kennisgeving',
      'Saldoverzoek',
    ]);
    await page
      .getByRole('list', { name: 'Nog te beantwoorden in dit dossier' })
      .getByRole('link', { name: 'Saldoverzoek', exact: true })
      .waitFor();
    await check(page, '07-dossier');

    await nav(page, 'Termijnen');
    await page.getByRole('heading', { name: 'Termijnen', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'Te beantwoorden' })
      .getByRole('link', { name: 'Saldoverzoek', exact: true })
      .waitFor();
    await check(page, '08-termijnen');

    // The inbox filtered on answers owed: only the request.
    await nav(page, 'Postvak IN');
    await page.getByLabel('Antwoord', { exact: true }).selectOption('owed');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/answer=owed/);
    await page.getByRole('list', { name: 'Berichten' }).getByRole('listitem').first().waitFor();
    expect(
      await page.getByRole('list', { name: 'Berichten' }).getByRole('link').allInnerTexts(),
    ).to.deep.equal(['Saldoverzoek']);
    await check(page, '09-postvak-in-antwoord-nodig');

    for (const [name, file] of [
      ['Nieuw bericht', '10-nieuw'],
      ['Bulk (CSV)', '11-bulk'],
      ['Apparaten', '12-apparaten'],
    ] as const) {
      await nav(page, name);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await check(page, file);
    }
    await context.close();
  });
});
