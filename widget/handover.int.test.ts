import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './test-support/browser.ts';
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
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function citizen(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Chat med oss' }).click();
  await page.locator('svar-chat .msg-bot').first().waitFor();
  return { context, page };
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.locator('svar-chat .msg-citizen:not(.pending)', { hasText: text }).waitFor();
}

async function staffLogin(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/staff`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('tab', { name: /Queue/ }).waitFor();
  return { context, page };
}

describe('handover to a person, in two browsers', () => {
  it('a claimed chat opens at the latest message, not at the greeting', async () => {
    const agent = await staffLogin('kari');
    await agent.page.setViewportSize({ width: 1280, height: 500 });
    const { context, page } = await citizen();
    for (const q of [
      'Når er søknadsfristen for barnehage?',
      'Hvordan sier jeg opp barnehageplassen?',
      'Hva koster sfo?',
    ]) {
      await say(page, q);
      await expect.poll(() => page.locator('svar-chat .msg-bot').count()).toBeGreaterThan(1);
    }
    await say(page, 'Kan jeg få snakke med en person om søknaden min?');
    await page.locator('svar-chat .status', { hasText: /i køen/ }).waitFor();
    const row = agent.page.locator('tr', { hasText: 'søknaden min' });
    await row.getByRole('button', { name: /^Claim/ }).click();
    const history = agent.page.locator('section.chat .history:not(.outbox)');
    await history.locator('.turn-citizen', { hasText: 'søknaden min' }).waitFor();
    const view = await history.evaluate((ol) => {
      const last = ol.lastElementChild!.getBoundingClientRect();
      const box = ol.getBoundingClientRect();
      return { overflows: ol.scrollHeight > ol.clientHeight + 1, lastInView: last.bottom <= box.bottom + 1 };
    });
    expect(view).toEqual({ overflows: true, lastInView: true });
    const chat = agent.page.locator('section.chat');
    await chat.getByText('Transfer or close').click();
    await chat.getByLabel('Contact type (KOMHEN)').selectOption('general_advice');
    await chat.getByRole('button', { name: 'Close chat' }).click();
    await agent.page.getByText('Chat closed.').waitFor();
    await Promise.all([context.close(), agent.context.close()]);
  });

  it('an agent sees the waiting chat with its bot history, claims it and replies; a reload keeps it all', async () => {
    const agent = await staffLogin('kari');
    const { context, page } = await citizen();
    await say(page, 'Når er søknadsfristen for barnehage?');
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Søknadsfrist for barnehageplass' }).waitFor();
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    await page.locator('svar-chat .status', { hasText: 'Du er nummer 1 i køen' }).waitFor();

    const row = agent.page.locator('tr', { hasText: 'Asked for a person' });
    await row.getByRole('button', { name: /^View/ }).click();
    const preview = agent.page.locator('.preview');
    await preview.getByText('Søknadsfristen for hovedopptaket i barnehage er').waitFor();
    expect(await preview.locator('.turn-citizen').first().textContent()).toContain(
      'Når er søknadsfristen for barnehage?',
    );
    await screenshot(agent.page, 'staff-queue');
    await row.getByRole('button', { name: /^Claim/ }).click();

    const chat = agent.page.locator('section.chat');
    await chat.getByText('Søknadsfristen for hovedopptaket i barnehage er').waitFor();
    await page
      .locator('svar-chat .msg-system', { hasText: 'Kari fra kommunen er med i samtalen nå.' })
      .waitFor();

    await chat.getByLabel('Canned responses (Bokmål)').selectOption({ label: 'Hilsen' });
    expect(await chat.getByLabel('Reply to the citizen').inputValue()).toBe(
      'Hei, du snakker nå med en veileder i kommunen. Hva kan jeg hjelpe deg med?',
    );
    await chat.getByLabel('Reply to the citizen').fill('Hei, jeg heter Kari. Hva lurer du på?');
    await page.locator('svar-chat .typing', { hasText: 'Kari skriver' }).waitFor();
    await chat.getByRole('button', { name: 'Send' }).click();
    await page
      .locator('svar-chat .msg-agent', { hasText: 'Hei, jeg heter Kari. Hva lurer du på?' })
      .waitFor();
    expect(await page.locator('svar-chat .msg-agent .who').textContent()).toBe('Kari (kommunen):');

    await page.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).fill('Kan jeg bytte barnehage?');
    await chat.getByText('The citizen is typing…').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.locator('.turn-citizen', { hasText: 'Kan jeg bytte barnehage?' }).waitFor();
    await screenshot(page, 'widget-handover');
    await screenshot(agent.page, 'staff-chat');

    await page.reload();
    await page.locator('svar-chat .msg-agent', { hasText: 'Hei, jeg heter Kari.' }).waitFor();
    const turns = await page.locator('svar-chat .log > .msg').allInnerTexts();
    const joined = turns.join('\n');
    for (const text of [
      'Når er søknadsfristen for barnehage?',
      'Søknadsfristen for hovedopptaket',
      'Kan jeg bytte barnehage?',
    ]) {
      expect(joined).toContain(text);
    }

    // Closing with a contact type ends the chat for the citizen too.
    await chat.getByText('Transfer or close').click();
    await chat.getByLabel('Contact type (KOMHEN)').selectOption('general_advice');
    await chat.getByRole('button', { name: 'Close chat' }).click();
    await page.locator('svar-chat .closed', { hasText: 'Saksbehandleren har avsluttet samtalen.' }).waitFor();
    await agent.page.getByText('Chat closed.').waitFor();
    await Promise.all([context.close(), agent.context.close()]);
  });

  it('when the office is closed the citizen leaves a message, and staff see it as a ticket', async () => {
    server.clock.set(server.closedHours);
    try {
      const { context, page } = await citizen();
      await say(page, 'Jeg trenger hjelp med en søknad');
      await page.getByRole('button', { name: 'Snakk med en person' }).click();
      const form = page.locator('svar-chat form.offline-form');
      await form.getByText('Kontoret er stengt nå.').waitFor();
      expect(await form.getByLabel('Spørsmålet ditt').inputValue()).toBe('Jeg trenger hjelp med en søknad');
      await form.getByRole('button', { name: 'Send meldingen' }).click();
      await form.getByText('Skriv inn e-post eller telefonnummer.').waitFor();
      await form.getByLabel('E-post').fill('ola@example.org');
      await form.getByLabel(/Jeg samtykker/).check();
      await form.getByRole('button', { name: 'Send meldingen' }).click();
      const done = page.locator('svar-chat .offline-sent');
      await done.waitFor();
      expect(await done.textContent()).toMatch(/Takk! Vi har fått meldingen din \(referanse \d+\)/);
      await screenshot(page, 'widget-offline-sent');

      const agent = await staffLogin('kari');
      await agent.page.getByRole('tab', { name: /Offline messages/ }).click();
      const ticket = agent.page.locator('article.ticket', { hasText: 'Jeg trenger hjelp med en søknad' });
      await ticket.waitFor();
      expect(await ticket.textContent()).toContain('E-mail: ola@example.org');
      await screenshot(agent.page, 'staff-tickets');
      await ticket.getByLabel('Contact type (KOMHEN)').selectOption({ label: 'General advice' });
      await ticket.getByLabel('Answer by e-mail').fill('Hei! Ring oss gjerne på 31 00 00 00.');
      await ticket.getByRole('button', { name: 'Send answer' }).click();
      // SMTP is off in this server: the console says so instead of pretending it was sent.
      await ticket.getByText('E-mail is not set up on this server.').waitFor();
      await Promise.all([context.close(), agent.context.close()]);
    } finally {
      server.clock.set(server.openHours);
    }
  });
});
