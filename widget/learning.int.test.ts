import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask, openWidget } from './test-support/citizen-page.ts';
import { editorLogin, staffLogin } from './test-support/staff-page.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startBrowserTestServer(), launchBrowser()]);
  await server.addStaff('eva', 'editor');
  await server.addStaff('kari', 'agent');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the bot learns from a citizen, with an editor’s approval', () => {
  it('a chosen suggestion → the editor approves it in the inbox → the next citizen gets a direct answer', async () => {
    const first = await browser.newPage();
    await openWidget(first, server.url);
    await ask(first, 'SFO månedlig beløp');
    const chips = first.locator('svar-chat .msg-bot').last().locator('.chip');
    await chips.filter({ hasText: 'Pris for SFO' }).click();
    await first.locator('svar-chat .msg-bot cite', { hasText: 'Pris for SFO' }).waitFor();

    const editor = await editorLogin(browser, server.url, 'eva');
    await editor.getByRole('heading', { name: 'Learning inbox' }).waitFor();
    const wording = editor.locator('.learning-wording', { hasText: 'SFO månedlig beløp' });
    await wording.getByText('1× in 1 conversation').waitFor();
    await wording.scrollIntoViewIfNeeded();
    await screenshot(editor, 'editor-learning-inbox');
    await editor.getByRole('button', { name: 'Approve “SFO månedlig beløp” for Pris for SFO' }).click();
    await editor.getByText('Added to sfo-pris: live now.').waitFor();
    await expect.poll(() => wording.count()).toBe(0);

    const next = await browser.newPage();
    await openWidget(next, server.url);
    await ask(next, 'SFO månedlig beløp');
    const reply = next.locator('svar-chat .msg-bot').last();
    expect(await reply.locator('cite').textContent()).toBe('Pris for SFO');
    expect(await reply.locator('.chip').count()).toBe(0);
  });

  it('a 👎 answer → the editor moves the question to the file the inbox offers → it is learned there', async () => {
    const citizen = await browser.newPage();
    await openWidget(citizen, server.url);
    await ask(citizen, 'Hva koster SFO-plassen?');
    const reply = citizen.locator('svar-chat .msg-bot').last();
    await reply.getByRole('button', { name: /^Nei, ikke nyttig/ }).click();

    const editor = await editorLogin(browser, server.url, 'eva');
    await editor.getByRole('heading', { name: 'Answers rated not helpful' }).waitFor();
    const move = editor.getByRole('button', { name: /^Move “Hva koster SFO-plassen\?” to / }).first();
    const label = (await move.getAttribute('aria-label')) ?? '';
    const home = label.replace(/^.* to /, '');
    await move.click();
    await editor.getByText(`Added to ${home}: live now.`).waitFor();
    await expect.poll(() => editor.getByRole('button', { name: label }).count()).toBe(0);
    await editor.context().close();
  });

  it('an agent sends a knowledge answer into a handed-over chat, and editors see the chat in the inbox', async () => {
    await server.endOpenChats();
    const agent = await staffLogin(await browser.newContext(), server.url, 'kari');
    const citizen = await browser.newPage();
    await openWidget(citizen, server.url);
    await ask(citizen, 'SFO kostnad per måned for to barn');
    await citizen.getByRole('button', { name: 'Snakk med en person' }).click();
    await citizen.locator('svar-chat .status', { hasText: 'Du er nummer 1 i køen' }).waitFor();
    const row = agent.locator('tr', { hasText: 'Asked for a person' });
    await row.getByRole('button', { name: /^Claim/ }).click();
    const chat = agent.locator('section.chat');
    await chat.locator('summary', { hasText: 'Knowledge answer' }).click();
    await expect.poll(() => chat.getByLabel('Knowledge file').locator('option').count()).toBeGreaterThan(1);
    await chat.getByLabel('Knowledge file').selectOption({ label: 'Pris for SFO (nb)' });
    await chat.getByRole('button', { name: 'Send a knowledge answer' }).click();
    await citizen.locator('svar-chat .msg-agent', { hasText: '3 100 kroner' }).waitFor();
    await chat.locator('.turn-agent', { hasText: '3 100 kroner' }).waitFor();
    await screenshot(agent, 'staff-knowledge-answer');

    const editor = await editorLogin(browser, server.url, 'eva');
    await editor.getByRole('heading', { name: 'Went to a person though a file answers them' }).waitFor();
    await editor.getByRole('heading', { name: 'Pris for SFO: 1× in 1 conversation' }).waitFor();
    await editor
      .getByRole('button', { name: 'Approve “SFO kostnad per måned for to barn” for Pris for SFO' })
      .waitFor();
  });
});
