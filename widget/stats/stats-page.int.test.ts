import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_IDS } from '../../server/analytics/test-support/sample-week.ts';
import { startHarness, type Harness } from '../../server/analytics/test-support/route-harness.ts';
import { buildWidget } from '../build.ts';
import { seriousViolations } from '../test-support/axe.ts';
import { launchBrowser, screenshot } from '../test-support/browser.ts';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  const { outDir } = await buildWidget(mkdtempSync(join(tmpdir(), 'svar-stats-widget-')));
  // Tomorrow on the server's clock, so the browser keeps the session cookie it dates.
  h = await startHarness({ staticDir: outDir, now: new Date(Date.now() + 86_400_000).toISOString() });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function openAs(
  username: string,
  o: { bypassCSP?: boolean } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    bypassCSP: o.bypassCSP ?? false,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // Before login /api/me answers 401. Every page links its favicon, so a 404 for it is a problem too.
    const expected = /\/api\/me$/.test(m.location().url);
    if (m.type() === 'error' && !expected) problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(h.url) && !r.url().startsWith('blob:'))
      problems.push(`third-party request: ${r.url()}`);
  });
  await page.goto(`${h.url}/stats/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Log in' }).click();
  return { page, problems };
}

async function showSampleWeek(page: Page): Promise<void> {
  // The page first shows the last 30 days; wait for that, so it does not overwrite the dates typed below.
  await page.getByText(/times in Europe\/Oslo/).waitFor();
  await page.getByLabel('From', { exact: true }).fill('2026-03-02');
  await page.getByLabel('To (included)', { exact: true }).fill('2026-03-08');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByText('2026-03-02 – 2026-03-08, times in Europe/Oslo.').waitFor();
}

describe('the /stats page', () => {
  it('shows every statistic for admins, as charts and tables, within the CSP and without third parties', async () => {
    const { page, problems } = await openAs('anne');
    await showSampleWeek(page);
    const text = await page.locator('main').innerText();
    for (const heading of [
      'Overview',
      'When citizens write',
      'Outcomes',
      'Queue and offline messages',
      'Feedback',
      'Languages',
      'Knowledge files',
      'Knowledge gaps',
      'Contact types (KOMHEN)',
      'Data requests (GDPR)',
    ]) {
      expect(await page.getByRole('heading', { name: heading, exact: true }).isVisible(), heading).toBe(true);
    }
    expect(text).toContain('27.8 %'); // containment
    expect(text).toContain('7 (35 %)'); // outside office hours (the config has no holiday that week)
    expect(text).toContain('Hvor kan jeg lade elbilen min?');
    expect(text).toContain('Renovasjon (renovasjon)'); // never used
    expect(await page.locator('canvas').count()).toBe(13);
    // Chart.js sized every canvas: nothing was blocked from drawing.
    const sizes = await page
      .locator('canvas')
      .evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).width));
    expect(sizes.every((w) => w > 100)).toBe(true);
    expect(await page.locator('.heatmap tbody td.heat-4').count()).toBeGreaterThan(0);
    for (const id of RAW_IDS) expect(await page.content()).not.toContain(id);
    await screenshot(page, 'stats-page');
    expect(problems).toEqual([]);
  });

  it('tells agents the page is for admins', async () => {
    const { page } = await openAs('kari');
    await page.getByText('Statistics are for admins.').waitFor();
  });

  it('has no serious accessibility violations', async () => {
    const { page } = await openAs('anne', { bypassCSP: true });
    await showSampleWeek(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("deletes a data subject's chats only after showing what would go and an explicit confirmation", async () => {
    const { page, problems } = await openAs('anne');
    await page.getByLabel(/E-mail address or phone number \(from/).check();
    await page.getByLabel('Conversation id, e-mail address or phone number').fill('Ola.Nordmann@example.no');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByText(/This deletes 1 conversation/).waitFor();
    await page.getByText('c08', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Nothing was deleted.').waitFor();
    expect(h.store.conversations.get('c08')).toBeDefined();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByText(/^Deleted 1 conversation \(\d+ rows\)/).waitFor();
    expect(h.store.conversations.get('c08')).toBeUndefined();
    // A part of an address is nobody's address.
    await page.getByLabel('Conversation id, e-mail address or phone number').fill('nordmann@example.no');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByText('Nothing is held that matches exactly. Nothing was deleted.').waitFor();
    expect(problems).toEqual([]);
  });
});
