import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, textOf } from '../server/test-support/smtp.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask } from './test-support/citizen-page.ts';
import { XSS_MARKUP } from './test-support/knowledge-fixture.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  const patch = (c: BrowserTestServer['config']) => {
    c.smtp.enabled = true;
    c.smtp.url = smtp.url;
  };
  [server, browser] = await Promise.all([startBrowserTestServer({ patch }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function openWidget(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Chat med oss' }).click();
  await page.locator('svar-chat .msg-bot').first().waitFor();
  return page;
}

describe('citizen widget in a real browser', () => {
  it('answers with a card and its self-service link, and lets the citizen pick a suggestion', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = await openWidget(context);
    await ask(page, 'Hva med SFO?');
    const chips = page.locator('svar-chat .msg-bot').last().locator('.chip');
    expect((await chips.allTextContents()).sort()).toEqual(['Pris for SFO', 'Søke plass i SFO']);
    await chips.filter({ hasText: 'Pris for SFO' }).click();
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Pris for SFO' }).waitFor();
    expect(await page.locator('svar-chat .msg-citizen').last().textContent()).toContain('Pris for SFO');

    await ask(page, 'Når er søknadsfristen for barnehage?');
    const card = page.locator('svar-chat .msg-bot').last();
    expect(await card.locator('.md strong').first().textContent()).toBe('1. mars');
    expect(await card.locator('cite').textContent()).toBe('Søknadsfrist for barnehageplass');
    const link = card.getByRole('link', { name: 'Gå til selvbetjening' });
    expect(await link.getAttribute('href')).toBe('https://fjordvik.kommune.example/barnehage/sok-plass');
    await card.getByRole('button', { name: 'Ja, nyttig' }).click();
    await card.getByText('Takk for tilbakemeldingen!').waitFor();
    await screenshot(page, 'widget-answer-and-clarify');
    // No third-party requests: fonts, scripts and sockets all come from the Svar server.
    const origin = server.url.replace(/^http/, '');
    expect(requests.filter((u) => u.replace(/^(http|ws)/, '').startsWith(origin) === false)).toEqual([]);
    await context.close();
  });

  it('shows Markdown with HTML in it as text, never as markup', async () => {
    const context = await browser.newContext();
    const page = await openWidget(context);
    await ask(page, 'Må jeg betale hundeskatt?');
    const card = page.locator('svar-chat .msg-bot').last();
    expect(await card.locator('.md').textContent()).toContain(XSS_MARKUP);
    expect(await page.locator('svar-chat img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __svarXss?: number }).__svarXss)).toBeUndefined();
    await context.close();
  });

  it('keeps the conversation after a reload, downloads the transcript and e-mails it', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await openWidget(context);
    await ask(page, 'Når er søknadsfristen for barnehage?');
    await page.reload();
    // The panel was open, so it opens again with the same conversation.
    await page
      .locator('svar-chat .msg-citizen', { hasText: 'Når er søknadsfristen for barnehage?' })
      .waitFor();
    expect(await page.locator('svar-chat .msg-bot cite').allTextContents()).toEqual([
      'Søknadsfrist for barnehageplass',
    ]);

    await page.getByRole('button', { name: 'Lagre eller avslutt' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Last ned som tekst' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('Når er søknadsfristen for barnehage?');
    expect(text).toContain('1. mars');
    expect(download.suggestedFilename()).toMatch(/\.txt$/);

    const mail = smtp.next();
    await page.getByLabel('Send samtalen til e-post').fill('ola@example.org');
    await page.getByRole('button', { name: 'Send e-post' }).click();
    await page
      .locator('svar-chat .menu-result', { hasText: 'Samtalen er sendt til e-postadressen din.' })
      .waitFor();
    const received = await mail;
    expect(received.to).toEqual(['ola@example.org']);
    expect(textOf(received.raw)).toContain('Når er søknadsfristen for barnehage?');
    await context.close();
  });

  it('reconnects by itself after the connection drops, says so quietly, and continues the same chat', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/ws\/citizen$/, (ws) => {
      ws.connectToServer();
      sockets.push(ws);
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Chat med oss' }).click();
    await page.locator('svar-chat .msg-bot').first().waitFor();
    await ask(page, 'Må jeg betale hundeskatt?');

    await sockets[0]!.close({ code: 1006 });
    const status = page.locator('svar-chat [role="status"].status');
    await status.filter({ hasText: 'Mistet forbindelsen. Prøver igjen' }).waitFor();
    await expect.poll(() => sockets.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => status.textContent()).toBe('');
    await ask(page, 'Når er søknadsfristen for barnehage?');
    expect(await page.locator('svar-chat .msg-bot cite').allTextContents()).toEqual([
      'Hundeskatt',
      'Søknadsfrist for barnehageplass',
    ]);
    await context.close();
  });
});
