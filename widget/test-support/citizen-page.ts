import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Opens the demo page's widget and waits for the bot's greeting. */
export async function openWidget(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Chat med oss' }).click();
  await page.locator('svar-chat .msg-bot').first().waitFor();
}

/** Sends a question (Bokmål UI) and waits until the bot's reply to it is shown. */
export async function ask(page: Page, text: string, o: { input?: string } = {}): Promise<void> {
  const bots = page.locator('svar-chat .msg-bot');
  await bots.first().waitFor();
  const before = await bots.count();
  await page.getByRole('textbox', { name: o.input ?? 'Skriv spørsmålet ditt' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => bots.count()).toBe(before + 1);
}
