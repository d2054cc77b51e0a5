import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './test-support/axe.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask, openWidget } from './test-support/citizen-page.ts';
import {
  STAFF_PASSWORD,
  startBrowserTestServer,
  type BrowserTestServer,
} from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startBrowserTestServer(), launchBrowser()]);
  await server.addStaff('eva', 'editor');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function editorPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/editor`);
  await page.getByLabel('Username').fill('eva');
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Knowledge files' }).waitFor();
  return page;
}

describe('editing knowledge in the browser', () => {
  it('edit → preview → save, and a citizen in the widget then gets the new text without a restart', async () => {
    const page = await editorPage();
    await page.getByLabel('Search files').fill('barnehage');
    await page.getByRole('button', { name: 'Søknadsfrist for barnehageplass' }).click();
    const text = page.getByLabel('File (fields between the --- lines, then the answer)');
    await expect.poll(() => text.inputValue()).toContain('1. mars');

    await text.fill((await text.inputValue()).replace('**1. mars**', '**15. februar**'));
    // The preview uses the widget's renderer: bold stays bold.
    await page.locator('.preview strong', { hasText: '15. februar' }).waitFor();
    await page.getByText('No problems found.').waitFor();
    await page.getByRole('button', { name: 'Show the effect' }).click();
    await page.getByRole('heading', { name: /^Effect: \d+ of \d+ questions/ }).waitFor();
    await page.getByRole('cell', { name: 'Når er fristen for å søke barnehageplass?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved\. Citizens get this version now/).waitFor();

    const citizen = await browser.newPage();
    await openWidget(citizen, server.url);
    await ask(citizen, 'Når er fristen for å søke barnehageplass?');
    await expect
      .poll(() => citizen.locator('svar-chat .msg-bot').last().innerText())
      .toContain('15. februar');
    await citizen.close();

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('heading', { name: /History/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'editor-file');
    await page.context().close();
  });

  it('shows line-numbered errors before saving, and both versions when someone else saved first', async () => {
    const page = await editorPage();
    await page.getByLabel('Search files').fill('sfo');
    await page.getByRole('button', { name: 'Søke plass i SFO' }).click();
    const text = page.getByLabel('File (fields between the --- lines, then the answer)');
    await expect.poll(() => text.inputValue()).toContain('1. mai');

    await text.fill((await text.inputValue()).replace('lang: nb', 'lang: [nb'));
    await page.locator('.issues li.error', { hasText: /^Line \d+:/ }).waitFor();
    await text.fill((await text.inputValue()).replace('lang: [nb', 'lang: nb').replace('1. mai', '2. mai'));
    await page.getByText('No problems found.').waitFor();

    // Another editor saves the same file in the meantime.
    const other = await editorPage();
    await other.getByLabel('Search files').fill('sfo');
    await other.getByRole('button', { name: 'Søke plass i SFO' }).click();
    const otherText = other.getByLabel('File (fields between the --- lines, then the answer)');
    await expect.poll(() => otherText.inputValue()).toContain('1. mai');
    await otherText.fill((await otherText.inputValue()).replace('1. mai', '3. mai'));
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByText(/Saved\./).waitFor();

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Two versions' }).waitFor();
    await expect.poll(() => page.getByLabel('Saved by someone else').inputValue()).toContain('3. mai');
    await expect.poll(() => page.getByLabel('Yours').inputValue()).toContain('2. mai');
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.context().close(), other.context().close()]);
  });
});
