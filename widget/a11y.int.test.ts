import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './test-support/axe.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask } from './test-support/citizen-page.ts';
import {
  STAFF_PASSWORD,
  startBrowserTestServer,
  type BrowserTestServer,
} from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startBrowserTestServer(), launchBrowser()]);
  await server.addStaff('kari');
  await server.addStaff('eva', 'editor');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(width: number, height = 800): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function login(page: Page, path: string, username: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

describe('accessibility (axe-core, WCAG 2.1 AA): no serious or critical violations', () => {
  it('the open widget with an answer, suggestions, the menu and the offline form', async () => {
    const page = await newPage(1280);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Chat med oss' }).click();
    await ask(page, 'Hva med SFO?');
    await ask(page, 'Når er søknadsfristen for barnehage?');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Lagre eller avslutt' }).click();
    // Nobody is on duty: the offline form opens.
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    await page.locator('svar-chat form.offline-form').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-offline-form');
    await page.context().close();
  });

  it('the widget at 320 px wide and in English', async () => {
    const page = await newPage(320, 640);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Chat med oss' }).click();
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('button', { name: 'Talk to a person' }).waitFor();
    // Nothing was said yet, so the conversation starts again in English, greeting included.
    await page.locator('svar-chat .msg-bot', { hasText: "Hi! I'm a chatbot for Fjordvik kommune" }).waitFor();
    expect(await page.locator('svar-chat .msg-bot').count()).toBe(1);
    await page.getByRole('textbox', { name: 'Type your question' }).fill('Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Hundeskatt' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-320px-en');
    await page.context().close();
  });

  it('the widget at 200 % zoom (a 1280×800 screen is 640×400 CSS pixels) fills the window and stays usable', async () => {
    const page = await newPage(640, 400);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Chat med oss' }).click();
    await ask(page, 'Når er søknadsfristen for barnehage?');
    const panel = await page.locator('svar-chat .panel').boundingBox();
    expect(panel).toEqual({ x: 0, y: 0, width: 640, height: 400 });
    const input = await page.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).boundingBox();
    expect(input!.y + input!.height).toBeLessThanOrEqual(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-zoom-200');
    await page.context().close();
  });

  it('the staff console with the queue and a claimed chat', async () => {
    const staff = await newPage(1280, 900);
    await login(staff, '/staff', 'kari');
    await staff.getByRole('tab', { name: /Queue/ }).waitFor();

    const citizen = await newPage(1100);
    await citizen.goto(`${server.url}/`);
    await citizen.getByRole('button', { name: 'Chat med oss' }).click();
    await ask(citizen, 'Når er søknadsfristen for barnehage?');
    await citizen.getByRole('button', { name: 'Snakk med en person' }).click();
    await staff.locator('tr', { hasText: 'Asked for a person' }).waitFor();
    expect(await seriousViolations(staff)).toEqual([]);

    await staff.getByRole('button', { name: /^Claim/ }).click();
    await staff.locator('section.chat').waitFor();
    await staff.getByText('Transfer or close').click();
    expect(await seriousViolations(staff)).toEqual([]);
    await screenshot(staff, 'staff-chat-tools');
    await Promise.all([staff.context().close(), citizen.context().close()]);
  });

  it('the editor console with a decision, the knowledge status and a draft form', async () => {
    const page = await newPage(1280, 900);
    await login(page, '/editor', 'eva');
    await page.getByRole('heading', { name: 'Knowledge status' }).waitFor();
    await page.getByText('Retrieval mode').waitFor();
    await page.getByLabel('Question, as a citizen would write it').fill('Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Ask' }).click();
    await page.getByRole('heading', { name: 'Decision: answer' }).waitFor();
    await page.getByRole('button', { name: 'Draft an FAQ from this question' }).click();
    await page.getByLabel('Title').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'editor-console');
    await page.context().close();
  });
});
