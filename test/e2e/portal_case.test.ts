/**
 * A creditor without software plays a whole case in the portal, in a real browser (Debian's
 * chromium, playwright-core), against a throw-away hub: it logs in with password and TOTP,
 * enrols this browser's key (Apparaten), opens the kennisgeving and the saldoverzoek, answers
 * with three claim lines in the form generated from the schema, receives the betaalvoorstel,
 * refuses it with a reason, receives the heroverweging and agrees. Every answer is signed in
 * the browser and recorded by the hub as made in the portal by that user. A second test
 * answers ten saldoverzoeken at once with a CSV file: one row is refused at its field, the
 * corrected file is checked again and all ten are sent, each with its receipt. The debt
 * counsellor is the SDK-driven gemeente. axe-core checks every page (no violation at all);
 * screenshots go to .tmp/screenshots/portal-case/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkPage,
  dutchContext,
  followMenu,
  launchChromium,
  requireBrowser,
  screenshotDir,
} from '../support/browser.ts';
import { ManualClock } from '@knooppunt/standard';
import { examplePayload } from '../support/examples.ts';
import { totpCode } from '../../src/portal/index.ts';
import { defaultConsoleDir, portalDirBeside } from '../../src/transports/rest/console_files.ts';
import { buildMessage } from '../support/message_builder.ts';
import { devOin, startTestHub } from '../support/test_hub.ts';
import type { TestHub } from '../support/test_hub.ts';

const SCREENSHOTS = screenshotDir('portal-case');

describe('participants: a creditor plays a whole case in the portal (chromium)', function () {
  this.timeout(120_000);
  const clock = new ManualClock(new Date('2027-04-05T09:00:00.000Z'));
  let testHub: TestHub;
  let browser: Browser;
  const logins: Record<string, { password: string; totpSecret: string }> = {};

  before(async function () {
    requireBrowser(
      this,
      join(portalDirBeside(defaultConsoleDir()), 'index.html'),
      'the portal build',
    );
    testHub = await startTestHub({ clock });
    for (const [handle, user] of [
      ['energie', 'energie.beheer'],
      ['gemeente', 'gemeente.beheer'],
    ] as const) {
      logins[user] = await testHub.hub.portal.accounts.add(
        devOin(handle),
        user,
        'beheerder',
        'test',
      );
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await testHub?.stop();
  });

  const check = (page: Page, name: string) => checkPage(page, SCREENSHOTS, name);
  const nav = followMenu;

  /** A new browser (its own key store), logged in and enrolled; the code of a fresh step. */
  async function signedInBrowser(
    user = 'energie.beheer',
    viewport = { width: 1280, height: 900 },
  ): Promise<{ context: BrowserContext; page: Page }> {
    clock.advance(30_000); // each login uses a new TOTP step
    const secret = logins[user] as { password: string; totpSecret: string };
    const context = await dutchContext(browser, { acceptDownloads: true, viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (process.env['PORTAL_DEBUG'] === '1') {
      page.on('console', (m) => console.log('console:', m.type(), m.text()));
      page.on('pageerror', (e) => console.log('pageerror:', e.message));
      page.on('response', (r) => {
        if (r.url().includes('/v1/'))
          console.log('response:', r.request().method(), r.url(), r.status());
      });
    }
    await page.goto(`${testHub.baseUrl}/portaal/`);
    await page.getByLabel('Gebruikersnaam').fill(user);
    await page.getByLabel('Wachtwoord').fill(secret.password);
    await page
      .getByLabel('Code uit de authenticator-app')
      .fill(totpCode(secret.totpSecret, clock.now()));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: 'Postvak IN', level: 1 }).waitFor();
    await nav(page, 'Apparaten');
    await page.getByRole('heading', { name: 'Apparaten', level: 1 }).waitFor();
    await page.getByLabel('Naam van dit apparaat').fill('Laptop kantoor');
    await page.getByRole('button', { name: 'Dit apparaat aanmelden' }).click();
    await page.getByText('Dit apparaat is aangemeld en kan nu berichten ondertekenen.').waitFor();
    return { context, page };
  }

  /** The gemeente sends energie a message in the case (the SDK's way, over REST). */
  async function gemeenteSends(
    messageType: string,
    payload: Record<string, unknown>,
    conversationId: string,
    inReplyTo?: string,
  ): Promise<string> {
    clock.advance(1_000);
    const message = buildMessage({
      signer: testHub.signer('gemeente'),
      sender: devOin('gemeente'),
      recipient: devOin('energie'),
      module: 'schuldregeling',
      messageType,
      payload,
      conversationId,
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
      createdAt: clock.now(),
    });
    const answer = await testHub.client('gemeente').submit(message);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    return message.envelope.messageId;
  }

  /** Energie's latest message of `messageType` in the ledger, as the gemeente would get it. */
  async function energieSent(messageType: string) {
    const page = await testHub.hub.ledger.searchMessages({
      sender: devOin('energie'),
      messageType,
      limit: 20,
    });
    const newest = page.items[0];
    expect(newest, `energie sent a ${messageType}`).not.to.equal(undefined);
    return newest as NonNullable<typeof newest>;
  }

  /** Waits for the receipt of a sent form; a screenshot of the form when it did not come. */
  async function sent(page: Page, heading: string, failure: string): Promise<void> {
    try {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, `${failure}.png`), fullPage: true });
      const shown = await page.locator('[role=alert], .errors, .error-detail').allInnerTexts();
      throw new Error(`not sent (${shown.join(' | ')}); see ${failure}.png`, { cause: error });
    }
  }

  /** Opens the newest inbox message of this type and goes on to answer it. */
  async function openAndAnswer(page: Page, title: string, screenshot: string): Promise<void> {
    await nav(page, 'Postvak IN');
    await page.getByRole('heading', { name: 'Postvak IN', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'Berichten' })
      .getByRole('link', { name: title, exact: true })
      .first()
      .click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await check(page, screenshot);
    await page.getByRole('link', { name: 'Beantwoorden' }).click();
    await page.getByRole('heading', { name: 'Beantwoorden', level: 1 }).waitFor();
  }

  it('answers a saldoverzoek with three claim lines, refuses the betaalvoorstel, agrees after the heroverweging', async () => {
    const conversationId = crypto.randomUUID();
    await gemeenteSends(
      'kennisgeving',
      examplePayload('kennisgeving', 'zonder-bsn'),
      conversationId,
    );
    const requestId = await gemeenteSends(
      'saldoverzoek',
      examplePayload('saldoverzoek', 'inventarisatie'),
      conversationId,
    );
    const { context, page } = await signedInBrowser();
    await check(page, '01-apparaat-aangemeld');

    // The kennisgeving, read in Dutch.
    await nav(page, 'Postvak IN');
    await page
      .getByRole('list', { name: 'Berichten' })
      .getByRole('link', { name: 'Kennisgeving', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Kennisgeving', level: 1 }).waitFor();
    await page.getByText('Klantnummer schuldhulpverlener').first().waitFor();
    await check(page, '02-kennisgeving');

    // The saldoverzoek, answered with three claim lines.
    await openAndAnswer(page, 'Saldoverzoek', '03-saldoverzoek');
    const claims = [
      {
        factuurnummer: 'F2026-0001',
        soort: 'Open',
        datum: '2026-01-15',
        oorspronkelijk: '120,00',
        hoofdsom: '100,00',
        rente: '5,00',
        kosten: '15,00',
        totaal: '120,00',
      },
      {
        factuurnummer: 'F2026-0002',
        soort: 'Open',
        datum: '2026-02-15',
        oorspronkelijk: '842,50',
        hoofdsom: '842,50',
        rente: '0',
        kosten: '0',
        totaal: '842,50',
      },
      {
        factuurnummer: 'F2026-0003',
        soort: 'Onbekend',
        datum: '2026-03-15',
        oorspronkelijk: '1.234,56',
        hoofdsom: '1.234,56',
        rente: '0,00',
        kosten: '40,00',
        totaal: '1.274,56',
      },
    ];
    await page.locator('#bericht_contactpersoon_naam').fill('Team Bijzonder Beheer');
    await page.locator('#bericht_contactpersoon_telefoonnummer').fill('088-1234567');
    const add = page.getByRole('button', { name: 'Regel toevoegen' });
    for (const [index, claim] of claims.entries()) {
      await add.click();
      const at = (name: string) => page.locator(`#bericht_vorderingen_${index}_${name}`);
      await at('factuurnummer').fill(claim.factuurnummer);
      await at('soortSchuld').selectOption({ label: claim.soort });
      await at('ontstaansdatum').fill(claim.datum);
      await at('oorspronkelijkBedrag').fill(claim.oorspronkelijk);
      await at('actueelBedrag_hoofdsom').fill(claim.hoofdsom);
      await at('actueelBedrag_rente').fill(claim.rente);
      await at('actueelBedrag_kosten').fill(claim.kosten);
      await at('actueelBedrag_totaal').fill(claim.totaal);
    }
    await check(page, '04-saldoverzoek-antwoord-ingevuld');
    await page.getByRole('button', { name: 'Saldoverzoek antwoord versturen' }).click();
    await sent(page, 'Verstuurd', '05-saldoverzoek-antwoord-niet-verstuurd');
    await page.getByText('het portaal, door energie.beheer').waitFor();
    await check(page, '05-saldoverzoek-antwoord-verstuurd');
    const answer = await energieSent('saldoverzoek-antwoord');
    expect(answer.envelope.inReplyTo).to.equal(requestId);
    expect(answer).to.include({ transport: 'portal', portalUser: 'energie.beheer' });
    const stored = await testHub.hub.ledger.getMessage(answer.messageId);
    const lines = (stored?.payload as { vorderingen: { actueelBedrag: { totaal: number } }[] })
      .vorderingen;
    expect(lines.map((line) => line.actueelBedrag.totaal)).to.deep.equal([12_000, 84_250, 127_456]);

    // The betaalvoorstel, refused with a reason.
    const proposalId = await gemeenteSends(
      'betaalvoorstel',
      examplePayload('betaalvoorstel', 'schuldbemiddeling'),
      conversationId,
    );
    await openAndAnswer(page, 'Betaalvoorstel', '06-betaalvoorstel');
    await page.locator('#bericht_besluit').selectOption({ label: 'Afwijzing' });
    await page.locator('#bericht_reden').selectOption({ label: 'Percentage te laag' });
    await page.locator('#bericht_toelichting').fill('Wij vragen ten minste 20 procent.');
    await check(page, '07-betaalvoorstel-afwijzen');
    await page.getByRole('button', { name: 'Betaalvoorstel antwoord versturen' }).click();
    await sent(page, 'Verstuurd', 'betaalvoorstel-antwoord-niet-verstuurd');
    const refusal = await energieSent('betaalvoorstel-antwoord');
    expect(refusal.envelope.inReplyTo).to.equal(proposalId);
    expect(refusal).to.include({ transport: 'portal' });
    const refusalPayload = (await testHub.hub.ledger.getMessage(refusal.messageId))?.payload;
    expect(refusalPayload).to.include({ besluit: 'afwijzing', reden: 'percentage-te-laag' });

    // The heroverweging, agreed to.
    const heroverweging = {
      ...examplePayload('heroverweging', 'met-aangepast-voorstel'),
      betaalvoorstelBerichtId: proposalId,
    };
    const reconsiderId = await gemeenteSends(
      'heroverweging',
      heroverweging,
      conversationId,
      refusal.messageId,
    );
    await openAndAnswer(page, 'Heroverweging', '08-heroverweging');
    await page.locator('#bericht_besluit').selectOption({ label: 'Akkoord' });
    await page.getByRole('button', { name: 'Betaalvoorstel antwoord versturen' }).click();
    await sent(page, 'Verstuurd', 'betaalvoorstel-antwoord-niet-verstuurd');
    await check(page, '09-akkoord-verstuurd');
    const agreed = await energieSent('betaalvoorstel-antwoord');
    expect(agreed.envelope.inReplyTo).to.equal(reconsiderId);
    expect(agreed).to.include({ transport: 'portal', portalUser: 'energie.beheer' });
    expect((await testHub.hub.ledger.getMessage(agreed.messageId))?.payload).to.include({
      besluit: 'akkoord',
    });

    // The case: every message in order, nothing left to answer.
    await page.getByRole('link', { name: 'Naar het dossier' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await check(page, '10-dossier');
    await context.close();
  });

  it('answers ten saldoverzoeken with a CSV file: one row refused at its field, corrected, all sent', async () => {
    const requests: string[] = [];
    for (let index = 0; index < 10; index += 1) {
      requests.push(
        await gemeenteSends(
          'saldoverzoek',
          examplePayload('saldoverzoek', 'inventarisatie'),
          crypto.randomUUID(),
        ),
      );
    }
    const { context, page } = await signedInBrowser();
    await nav(page, 'Bulk (CSV)');
    await page.getByRole('heading', { name: 'Bulk (CSV)', level: 1 }).waitFor();
    await check(page, '11-bulk');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download de open saldoverzoeken (CSV)' }).click(),
    ]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const header = Object.keys(rows[0] ?? {});
    const ids = new Set(rows.map((row) => row['verzoekId']));
    for (const id of requests) expect(ids.has(id), `request ${id} in the file`).to.equal(true);

    // One claim line per request of this test; the spreadsheet's way with amounts.
    const ours = rows.filter((row) => requests.includes(row['verzoekId'] as string));
    const mine = [...new Map(ours.map((row) => [row['verzoekId'], row])).values()];
    const filled: Record<string, string>[] = mine.map((row, index) => ({
      ...row,
      contactpersoonNaam: 'Team Bijzonder Beheer',
      contactpersoonTelefoon: '088-1234567',
      factuurnummer: `F2026-1${String(index).padStart(3, '0')}`,
      soortSchuld: 'open',
      ontstaansdatum: '15-01-2026',
      oorspronkelijkBedrag: '1.234,56',
      hoofdsom: '1.234,56',
      rente: '0',
      kosten: '0',
      totaal: '',
      preferent: 'nee',
    }));
    const bad = 6;
    filled[bad] = { ...filled[bad], ontstaansdatum: '31-02-2026' };
    const file = (content: Record<string, string>[]) => ({
      name: 'antwoorden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFF${stringify(content, { header: true, columns: header, delimiter: ';', record_delimiter: '\r\n' })}`,
        'utf8',
      ),
    });

    await page.getByLabel('CSV-bestand').setInputFiles(file(filled));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('heading', { name: '3. Controleren en versturen' }).waitFor();
    await page.getByText(/^9 klaar om te versturen, 1 niet in orde/).waitFor();
    // The refused row, named by its spreadsheet row (header = 1) and its column.
    const badRow = 2 + bad;
    await page
      .getByText(new RegExp(`rij ${badRow}, kolom ontstaansdatum`))
      .first()
      .waitFor();
    await check(page, '12-bulk-voorbeeld-met-fout');

    filled[bad] = { ...filled[bad], ontstaansdatum: '28-02-2026' };
    await page.getByLabel('CSV-bestand').setInputFiles(file(filled));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByText(/^10 klaar om te versturen, 0 niet in orde/).waitFor();
    await page.getByRole('button', { name: /^10 antwoorden versturen/ }).click();
    await page.getByText('10 van 10 antwoorden verstuurd.').waitFor({ timeout: 60_000 });
    expect(await page.getByText(/Verstuurd — ontvangstbewijs/).count()).to.equal(10);
    await check(page, '13-bulk-verstuurd');

    for (const id of requests) {
      const answered = await testHub.hub.ledger.searchMessages({
        sender: devOin('energie'),
        inReplyTo: id,
        limit: 5,
      });
      expect(answered.items.map((m) => [m.messageType, m.transport, m.portalUser])).to.deep.equal([
        ['saldoverzoek-antwoord', 'portal', 'energie.beheer'],
      ]);
    }
    await context.close();
  });

  it('lets a debt-help organisation send a saldoverzoek to two creditors at once, on a phone', async () => {
    const { context, page } = await signedInBrowser('gemeente.beheer', { width: 390, height: 844 });
    await nav(page, 'Nieuw bericht');
    await page.getByRole('heading', { name: 'Nieuw bericht', level: 1 }).waitFor();
    await page.getByLabel('Soort bericht').selectOption({ label: 'Saldoverzoek' });
    await page.getByLabel('Energie Direct B.V.').check();
    await page.getByLabel('TeleNed Mobiel B.V.').check();
    const field = (name: string) => page.locator(`#bericht_${name}`);
    await field('klantnummerSchuldhulpverlener').fill('UTR-2027-00042');
    await field('schuldenaar_persoon_voorletters').fill('J.P.');
    await field('schuldenaar_persoon_achternaam').fill('Bakker');
    await field('schuldenaar_persoon_geboortedatum').fill('1979-03-14');
    await field('schuldenaar_adres_straat').fill('Oudegracht');
    await field('schuldenaar_adres_huisnummer').fill('12');
    await field('schuldenaar_adres_postcode').fill('3511 AB');
    await field('schuldenaar_adres_woonplaats').fill('Utrecht');
    await field('contactpersoon_naam').fill('Fatima el Amrani');
    await field('contactpersoon_email').fill('f.elamrani@schuldhulp-utrecht.example.nl');
    await field('soortRegeling').selectOption({ label: 'Nog onbekend' });
    await field('peildatum').fill('2027-04-01');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth),
      'the form on a phone scrolls sideways',
    ).to.equal(false);
    await check(page, '14-nieuw-saldoverzoek-telefoon');
    await page.getByRole('button', { name: 'Versturen aan 2 ontvangers' }).click();
    await sent(page, '2 berichten verstuurd', 'nieuw-niet-verstuurd');
    await check(page, '15-twee-saldoverzoeken-verstuurd');

    const outgoing = await testHub.hub.ledger.searchMessages({
      sender: devOin('gemeente'),
      messageType: 'saldoverzoek',
      limit: 50,
    });
    const mine = outgoing.items.filter((m) => m.transport === 'portal');
    expect(mine.map((m) => m.recipient).sort()).to.deep.equal(
      [devOin('energie'), devOin('telecom')].sort(),
    );
    expect(new Set(mine.map((m) => m.conversationId)).size).to.equal(1);
    expect(mine.every((m) => m.portalUser === 'gemeente.beheer')).to.equal(true);
    await context.close();
  });
});
