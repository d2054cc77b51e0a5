import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startBrowserTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The focused element inside the widget's shadow root, described as "tag: accessible text". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.querySelector('svar-chat');
    const el =
      host?.shadowRoot?.activeElement ?? (document.activeElement === host ? null : document.activeElement);
    if (!el) return 'none';
    const label = el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '';
    const labelled = el.id
      ? host?.shadowRoot?.querySelector(`label[for="${el.id}"]`)?.textContent
      : undefined;
    // Icons (✕, ⋯) come before the visually hidden name; keep only the words.
    return `${el.tagName.toLowerCase()}: ${(labelled ?? label).replace(/^[^\p{L}\p{N}]+/u, '').trim()}`;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, pattern: RegExp, o: { back?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (o.max ?? 40); i++) {
    const now = await focused(page);
    if (pattern.test(now)) return;
    seen.push(now);
    await page.keyboard.press(o.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`never reached ${pattern}; focus went through: ${seen.join(' | ')}`);
}

async function typeAndEnter(page: Page, text: string): Promise<void> {
  const bots = page.locator('svar-chat .msg-bot');
  const before = await bots.count();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => bots.count()).toBe(before + 1);
}

describe('the citizen widget with the keyboard alone', () => {
  it('opens, asks, rates, picks a suggestion, leaves a message and closes without a mouse', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator('svar-chat').waitFor({ state: 'attached' });

    await tabTo(page, /^button: Chat med oss/);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('textarea: Skriv spørsmålet ditt');
    await page.locator('svar-chat .msg-bot').first().waitFor();

    await typeAndEnter(page, 'Hva med SFO?');
    await tabTo(page, /^button: Pris for SFO/, { back: true });
    await page.keyboard.press('Enter');
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Pris for SFO' }).waitFor();

    await tabTo(page, /^textarea: Skriv spørsmålet ditt/);
    await typeAndEnter(page, 'Når er søknadsfristen for barnehage?');
    await tabTo(page, /^button: Nei, ikke nyttig/, { back: true });
    await page.keyboard.press('Enter');
    await page.locator('svar-chat .feedback-button[aria-pressed="true"]').waitFor();

    // Nobody is on duty, so asking for a person brings the offline form, and focus moves into it.
    await tabTo(page, /^button: Snakk med en person/);
    await page.keyboard.press('Enter');
    await page.locator('svar-chat form.offline-form').waitFor();
    expect(await focused(page)).toBe('textarea: Spørsmålet ditt');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input: E-post');
    await page.keyboard.type('kari@example.org');
    await tabTo(page, /^input: Jeg samtykker/);
    await page.keyboard.press('Space');
    await tabTo(page, /^button: Send meldingen/);
    await page.keyboard.press('Enter');
    await page.locator('svar-chat .offline-sent').waitFor();
    expect(await focused(page)).toMatch(/^div: Takk! Vi har fått meldingen din/);

    // The menu closes first on Escape, then the panel, and focus goes back to the launcher.
    await tabTo(page, /^button: Lagre eller avslutt/, { back: true });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button: Last ned som tekst');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('button: Lagre eller avslutt');
    await screenshot(page, 'widget-keyboard');
    await page.keyboard.press('Escape');
    expect(await page.locator('svar-chat .panel').isHidden()).toBe(true);
    expect(await focused(page)).toMatch(/^button: Chat med oss/);
    await context.close();
  });
});
