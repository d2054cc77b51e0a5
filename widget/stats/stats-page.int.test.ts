import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_IDS } from '../../server/analytics/test-support/sample-week.ts';
import { startHarness, type Harness } from '../../server/analytics/test-support/route-harness.ts';
import { writeSyntheticDays } from '../../server/analytics/test-support/synthetic-year.ts';
import { buildWidget } from '../build.ts';
import { seriousViolations } from '../test-support/axe.ts';
import { launchBrowser, screenshot } from '../test-support/browser.ts';

let h: Harness;
let browser: Browser;

beforeAll(async () => {
  const { outDir } = await buildWidget(mkdtempSync(join(tmpdir(), 'svar-stats-widget-')));
  // Tomorrow on the server's clock, so the browser keeps the session cookie it dates.
  h = await startHarness({ staticDir: outDir, now: new Date(Date.now() + 86_400_000).toISOString() });
  // February 2026, busy enough that the heat map uses every shade.
  await writeSyntheticDays(h.store, { end: '2026-03-01', days: 28, perDay: 14 });
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

async function showPeriod(page: Page, from: string, to: string, department?: string): Promise<void> {
  // The page first shows the last 30 days; wait for that, so it does not overwrite the dates typed below.
  await page.getByText(/times in Europe\/Oslo/).waitFor();
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To (included)', { exact: true }).fill(to);
  if (department) await page.getByLabel('Department', { exact: true }).selectOption({ label: department });
  await page.getByRole('button', { name: 'Show' }).click();
  const whose = department ? `${department}, ` : '';
  await page.getByText(`${whose}${from} – ${to}, times in Europe/Oslo.`, { exact: true }).waitFor();
}

/**
 * Contrast failures inside `selector`. axe only "asks for review" on text of one or two characters (the
 * heat map's counts) instead of failing it, so its measured ratios are checked here as well. Run after
 * seriousViolations, which injects axe.
 */
async function contrastProblems(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(async (sel) => {
    interface Data {
      contrastRatio?: number;
      expectedContrastRatio?: string;
      fgColor?: string;
      bgColor?: string;
    }
    interface Node {
      target: unknown[];
      any: { data: Data | null }[];
    }
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{ violations: { nodes: Node[] }[]; incomplete: { nodes: Node[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document.querySelector(sel), {
      runOnly: { type: 'rule', values: ['color-contrast'] },
    });
    const problems: string[] = [];
    for (const node of [...result.violations, ...result.incomplete].flatMap((r) => r.nodes)) {
      for (const { data } of node.any) {
        const needed = Number.parseFloat(data?.expectedContrastRatio ?? '');
        if (data?.contrastRatio !== undefined && data.contrastRatio < needed)
          problems.push(
            `${JSON.stringify(node.target)} ${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}`,
          );
      }
    }
    return problems;
  }, selector);
}

const showSampleWeek = (page: Page): Promise<void> => showPeriod(page, '2026-03-02', '2026-03-08');

/** The figures of a chart's table ("Show as table"), by row name. */
async function chartTable(page: Page, title: string): Promise<string[]> {
  const figure = page.getByRole('figure', { name: title, exact: true });
  return figure.locator('tbody th').allTextContents();
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

  it('names queues, files, decisions and contact types instead of showing their codes', async () => {
    const { page } = await openAs('anne');
    await showSampleWeek(page);
    expect(await chartTable(page, 'Handover requests by queue')).toEqual([
      'Servicetorget',
      'Byggesak og plan',
      'Helse og omsorg',
    ]);
    const feedback = await chartTable(page, 'Feedback per knowledge file');
    expect(feedback).toEqual(['Skolerute', 'Biblioteket']);
    expect(await chartTable(page, 'Bot decisions')).toEqual([
      'Answered',
      'Asked what was meant',
      'Handed over',
      'Bot could not help',
      'Small talk',
    ]);
    expect(await chartTable(page, 'Contacts by type')).toContain('Help with self-service');
    // Feedback is written out in words, not only red and green bars.
    const text = await page.locator('main').innerText();
    expect(text).toContain('Skolerute: 1 helpful (50 %), 1 not helpful');
    expect(text).toContain('2 helpful (66.7 %), 1 not helpful');
    expect(feedback.join(' ')).not.toMatch(/skolerute|bibliotek\b/);
    await page.getByRole('region', { name: 'Feedback' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-page-feedback');
  });

  it('compares every key figure with the period before, and shows crises outside office hours', async () => {
    const { page } = await openAs('anne');
    await showSampleWeek(page);
    const overview = page.getByRole('region', { name: 'Overview' });
    await overview.getByText('compared with the 2026-02-23 – 2026-03-01 period just before').waitFor();
    const rows = await overview.locator('dd').allInnerTexts();
    expect(rows).toHaveLength(9);
    for (const row of rows) expect(row).toMatch(/before: /);
    // 20 conversations this week; the week before holds February's synthetic days and c00.
    const previous = (await await h.store.sql.get<{ n: number }>(
      "SELECT count(*) AS n FROM events WHERE type = 'conversation_started' AND at >= '2026-02-22T23:00:00Z' AND at < '2026-03-01T23:00:00Z'",
    ))!.n;
    expect(rows[0]).toBe(
      `20 before: ${previous} · ▼ down ${previous - 20} (−${Math.round(((previous - 20) / previous) * 100)} %)`,
    );
    expect(await overview.getByText('Crises outside office hours').isVisible()).toBe(true);
  });

  it('filters by department', async () => {
    const { page } = await openAs('anne');
    await showPeriod(page, '2026-03-02', '2026-03-08', 'Byggesak og plan');
    const overview = page.getByRole('region', { name: 'Overview' });
    expect((await overview.locator('dd').first().innerText()).startsWith('2')).toBe(true);
    expect(await chartTable(page, 'Handover requests by queue')).toEqual(['Byggesak og plan']);
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csv).toContain('department=byggesak');
  });

  it('shades the heat map in every step with readable contrast, and axe finds nothing serious', async () => {
    const { page } = await openAs('anne', { bypassCSP: true });
    await showPeriod(page, '2026-02-01', '2026-02-28');
    for (const level of [0, 1, 2, 3, 4])
      expect(await page.locator(`.heatmap tbody td.heat-${level}`).count(), `heat-${level}`).toBeGreaterThan(
        0,
      );
    // In view: axe measures contrast only where it can see the cells.
    await page.locator('.heatmap').scrollIntoViewIfNeeded();
    await screenshot(page, 'stats-page-heatmap');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await contrastProblems(page, '.heatmap')).toEqual([]);
    await showPeriod(page, '2026-02-01', '2026-02-28', 'Helse og omsorg');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await contrastProblems(page, 'main')).toEqual([]);
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
    expect(await h.store.conversations.get('c08')).toBeDefined();
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete permanently' }).click();
    await page.getByText(/^Deleted 1 conversation \(\d+ rows\)/).waitFor();
    expect(await h.store.conversations.get('c08')).toBeUndefined();
    // A part of an address is nobody's address.
    await page.getByLabel('Conversation id, e-mail address or phone number').fill('nordmann@example.no');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByText('Nothing is held that matches exactly. Nothing was deleted.').waitFor();
    expect(problems).toEqual([]);
  });
});
