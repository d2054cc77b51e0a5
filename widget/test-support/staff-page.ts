import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { STAFF_PASSWORD } from './svar-server.ts';

/** Logs `username` in to the staff console at /staff and waits for the queue tab. */
export async function staffLogin(context: BrowserContext, url: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/staff`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('tab', { name: /Queue/ }).waitFor();
  return page;
}

/** Logs `username` in to the editor console at /editor on a desktop-sized page of its own. */
export async function editorLogin(browser: Browser, url: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${url}/editor`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  return page;
}

/** The waiting-list row whose last citizen message contains `text`. */
export const queueRow = (page: Page, text: string): Locator =>
  page.locator('.queue tbody tr', { has: page.locator('.preview-text', { hasText: text }) });

/** The conversation id a queue row stands for, once the row is there. */
export async function conversationOf(row: Locator): Promise<string> {
  await row.waitFor();
  const id = await row.getAttribute('data-conversation');
  if (!id) throw new Error('queue row without data-conversation');
  return id;
}

/** A claimed chat's tab and panel (the tab label alone does not tell two chats in one language apart). */
export function chatTab(page: Page, conversationId: string): { tab: Locator; panel: Locator } {
  return {
    tab: page.locator(`[role=tab][id="tab-chat-${conversationId}"]`),
    panel: page.locator(`[role=tabpanel][id="panel-chat-${conversationId}"]`),
  };
}

/** Types a reply in a chat panel and waits until the server has acknowledged it (it shows in the history). */
export async function reply(panel: Locator, text: string): Promise<void> {
  await panel.getByLabel('Reply to the citizen').fill(text);
  await panel.getByRole('button', { name: 'Send', exact: true }).click();
  await panel.locator('.turn-agent', { hasText: text }).waitFor();
}
