/**
 * The browser suites' shared parts: Debian's chromium (driven by playwright-core), the
 * precondition that it and the web build exist, a Dutch browser context, and the check every
 * page passes — a screenshot as a test artefact and axe-core's WCAG 2.1 A and AA rules with no
 * violation at all.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { requirePrecondition } from './preconditions.ts';

export const CHROMIUM = process.env['KNOOPPUNT_CHROMIUM'] ?? '/usr/bin/chromium';

/** Where a suite's screenshots go: `.tmp/screenshots/<suite>/`. */
export function screenshotDir(suite: string): string {
  const dir = join('.tmp', 'screenshots', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Fails (in CI) or skips with the reason when chromium or the build `index` is missing. */
export function requireBrowser(context: Mocha.Context, index: string, build: string): void {
  requirePrecondition(
    context,
    existsSync(CHROMIUM),
    `chromium at ${CHROMIUM} (services.sh installs it)`,
  );
  requirePrecondition(context, existsSync(index), `${build} (npm run build:web; npm ci runs it)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A browser context as a Dutch user has it. */
export function dutchContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
}

/** Saves a screenshot of the page in `dir` and asserts that axe-core finds no violation. */
export async function checkPage(page: Page, dir: string, name: string): Promise<void> {
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = result.violations.map(
    (v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(violations, `axe on ${name}`).to.deep.equal([]);
}

/** Follows a link of the main menu. */
export function followMenu(page: Page, name: string): Promise<void> {
  return page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name, exact: true })
    .click();
}
