import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeStats, officeHoursFromConfig } from '../server/analytics/compute-stats.ts';
import { seriousViolations } from './test-support/axe.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask } from './test-support/citizen-page.ts';
import { staffLogin } from './test-support/staff-page.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

/** Issue 19: what a citizen sees in Chromium (language, scrolling, greeting, queue, rating, focus). */
let server: BrowserTestServer;
let browser: Browser;

const LONG_ANSWER = Array.from(
  { length: 14 },
  (_, i) =>
    `${i + 1}. Steg ${i + 1}: les vilkårene for parkeringstillatelse nøye og fyll ut skjemaet på Min side.`,
).join('\n');

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startBrowserTestServer({
      patch: (c) => {
        // One answer much taller than a phone's view, next to the shared fixture.
        writeFileSync(
          join(c.paths.knowledgeDir, 'parkeringstillatelse.md'),
          `---\nid: parkeringstillatelse\ntitle: Parkeringstillatelse for beboere\nlang: nb\ntags: [parkering, beboerparkering]\nquestions:\n  - Hvordan får jeg parkeringstillatelse som beboer?\nowner: teknisk\n---\n${LONG_ANSWER}\n`,
        );
        c.widget.topics = [
          { fileId: 'barnehage-soknadsfrist', labels: { nb: 'Barnehage', en: 'Kindergarten' } },
          { fileId: 'sfo-pris', labels: { nb: 'SFO', en: 'After-school care' } },
          { fileId: 'hundeskatt', labels: { nb: 'Hund', en: 'Dogs' } },
          // Not in the knowledge (renamed or removed): not offered.
          { fileId: 'fjernet-fil', labels: { nb: 'Fjernet' } },
        ];
      },
    }),
    launchBrowser(),
  ]);
  await server.addStaff('kari');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('button', { name: 'Chat med oss' }).click();
  await page.locator('svar-chat .msg-bot').first().waitFor();
  return { context, page };
}

/** Where the newest bot turn sits in the conversation's scrolling area. */
const lastBotPlacement = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('svar-chat')!.shadowRoot!;
    const scroller = root.querySelector('.scroller')!.getBoundingClientRect();
    const bots = root.querySelectorAll('.msg-bot');
    const msg = bots[bots.length - 1]!.getBoundingClientRect();
    return {
      taller: msg.height > scroller.height,
      topVisible: msg.top >= scroller.top - 1 && msg.top < scroller.bottom,
    };
  });

describe('the citizen widget (issue 19)', () => {
  it('opens with a two-paragraph greeting whose first line shows, and topic buttons that answer', async () => {
    const { context, page } = await open(320, 640);
    const greeting = page.locator('svar-chat .msg-bot').first();
    expect(await greeting.locator('.md p').count()).toBe(2);
    expect(await lastBotPlacement(page)).toMatchObject({ topVisible: true });
    const topics = page.getByRole('group', { name: 'Populære emner' });
    expect(await topics.getByRole('button').allTextContents()).toEqual(['Barnehage', 'SFO', 'Hund']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-greeting-topics-320');
    await topics.getByRole('button', { name: 'Hund' }).click();
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Hundeskatt' }).waitFor();
    await context.close();
  });

  it('scrolls a long answer so its top shows, not its end', async () => {
    const { context, page } = await open(320, 640);
    await ask(page, 'Hvordan får jeg parkeringstillatelse som beboer?');
    await page.locator('svar-chat .msg-bot cite', { hasText: 'Parkeringstillatelse for beboere' }).waitFor();
    expect(await lastBotPlacement(page)).toEqual({ taller: true, topVisible: true });
    await context.close();
  });

  it('follows the language the citizen writes in, all of it, and lets them switch back', async () => {
    const { context, page } = await open(1280, 800);
    await page
      .getByRole('textbox', { name: 'Skriv spørsmålet ditt' })
      .fill('When is the application deadline for kindergarten?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('svar-chat .lang-notice', { hasText: 'You wrote in English' }).waitFor();
    const input = page.getByRole('textbox', { name: 'Type your question' });
    expect(await input.getAttribute('placeholder')).toBe('Type your question');
    expect(await page.getByRole('button', { name: 'Talk to a person' }).isVisible()).toBe(true);
    expect(await page.locator('svar-chat .msg-bot .source span').last().textContent()).toBe('Source: ');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);

    const back = page.getByRole('button', { name: 'Bytt tilbake til norsk bokmål' });
    expect(await back.getAttribute('lang')).toBe('nb');
    await back.click();
    await page.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).waitFor();
    expect(await page.getByLabel('Språk').inputValue()).toBe('nb');
    // The citizen chose: the next English question no longer switches the widget.
    const bots = page.locator('svar-chat .msg-bot');
    const before = await bots.count();
    await page.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).fill('How much is after-school care?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => bots.count()).toBe(before + 1);
    expect(await page.getByRole('button', { name: 'Snakk med en person' }).isVisible()).toBe(true);
    await context.close();
  });

  it('keeps focus inside the panel when it covers the screen, and adds no banner or contentinfo', async () => {
    const { context, page } = await open(320, 640);
    const panel = page.locator('svar-chat section.panel');
    expect(await panel.getAttribute('aria-modal')).toBe('true');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SVAR-CHAT');
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SVAR-CHAT');
    const landmarks = await page.evaluate(
      () => document.querySelector('svar-chat')!.shadowRoot!.querySelectorAll('header, footer').length,
    );
    expect(landmarks).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // In the corner layout the page stays usable: no modal, no trap.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => panel.getAttribute('aria-modal')).toBeNull();
    await context.close();
  });

  it('keeps the offline confirmation in the conversation, not pinned under later messages', async () => {
    const { context, page } = await open(1280, 800);
    await ask(page, 'Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    const form = page.locator('svar-chat form.offline-form');
    await form.getByLabel('E-post').fill('ola@example.org');
    await form.getByLabel(/Jeg samtykker/).check();
    await form.getByRole('button', { name: 'Send meldingen' }).click();
    await page.locator('svar-chat .log .offline-sent', { hasText: /referanse \d+/ }).waitFor();
    await ask(page, 'Hva koster SFO?');
    const order = await page.evaluate(() => {
      const root = document.querySelector('svar-chat')!.shadowRoot!;
      const turns = [...root.querySelectorAll('.log > *')];
      return {
        sent: turns.findIndex((el) => el.classList.contains('offline-sent')),
        last: turns.length - 1,
        extra: root.querySelector('.extra')!.children.length,
      };
    });
    expect(order.sent).toBeLessThan(order.last);
    expect(order.extra).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.reload();
    await page.locator('svar-chat .log .offline-sent', { hasText: /referanse \d+/ }).waitFor();
    await context.close();
  });
});

describe('waiting for and talking with a person (issue 19)', () => {
  let staff: BrowserContext;
  beforeAll(async () => {
    staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    staff.setDefaultTimeout(10_000);
    await staffLogin(staff, server.url, 'kari');
  });
  afterAll(async () => {
    await staff?.close();
    await server.endOpenChats();
  });

  const kariId = async () => (await server.svar.app.store.staff.credentials('kari'))!.id;
  const waitingId = async () => {
    await expect
      .poll(async () => (await server.svar.app.store.conversations.inState('waiting')).length)
      .toBe(1);
    return (await server.svar.app.store.conversations.inState('waiting'))[0]!.id;
  };

  it('shows the queue position prominently, hides "talk to a person" and lets the citizen leave', async () => {
    const { context, page } = await open(1280, 800);
    await ask(page, 'Må jeg betale hundeskatt?');
    const human = page.getByRole('button', { name: 'Snakk med en person' });
    await human.click();
    await page.locator('svar-chat .status-line.queued', { hasText: 'Du er nummer 1 i køen' }).waitFor();
    expect(await human.isVisible()).toBe(false);
    const leave = page.getByRole('button', { name: 'Forlat køen' });
    // Focus was on the button that went away: it moves to the way out of the queue.
    expect(await leave.evaluate((el) => el.getRootNode() instanceof ShadowRoot && el.matches(':focus'))).toBe(
      true,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-queue');
    await leave.click();
    await page.locator('svar-chat .msg-system', { hasText: 'Du forlot køen' }).waitFor();
    await human.waitFor();
    expect(await page.locator('svar-chat .status-line.queued').count()).toBe(0);
    await ask(page, 'Hva koster SFO?');
    await context.close();
  });

  it('asks before ending a chat with a person, then asks for a rating that reaches the statistics', async () => {
    const { context, page } = await open(1280, 800);
    await ask(page, 'Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    const id = await waitingId();
    expect(await server.svar.app.handover.claim(await kariId(), id)).toEqual({ ok: true });
    await page
      .locator('svar-chat .msg-system', { hasText: 'Kari fra kommunen er med i samtalen nå.' })
      .waitFor();
    // The notice is part of the conversation: a reload shows it again.
    await page.reload();
    await page
      .locator('svar-chat .msg-system', { hasText: 'Kari fra kommunen er med i samtalen nå.' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Snakk med en person' }).isVisible()).toBe(false);

    await page.getByRole('button', { name: 'Lagre eller avslutt' }).click();
    await page.getByRole('button', { name: 'Avslutt samtalen' }).click();
    const confirm = page.getByRole('group', { name: 'Vil du avslutte samtalen med saksbehandleren?' });
    await confirm.waitFor();
    expect((await server.svar.app.store.conversations.get(id))?.state).toBe('assigned');
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Nei, fortsett' }).click();
    expect((await server.svar.app.store.conversations.get(id))?.state).toBe('assigned');
    await page.getByRole('button', { name: 'Avslutt samtalen' }).click();
    await confirm.getByRole('button', { name: 'Ja, avslutt' }).click();

    const rating = page.locator('svar-chat form.rating');
    await rating.waitFor();
    await page
      .locator('svar-chat .keep-transcript')
      .getByRole('button', { name: 'Last ned som tekst' })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'widget-rating');
    await rating.getByRole('button', { name: 'Bra', exact: true }).click();
    await rating.getByLabel('Vil du si noe mer? (valgfritt)').fill('Rask og grei hjelp.');
    await rating.getByRole('button', { name: 'Send vurderingen' }).click();
    await page.locator('svar-chat .rating-thanks', { hasText: 'Takk for vurderingen!' }).waitFor();
    await expect
      .poll(async () =>
        (await server.svar.app.store.events.forConversation(id)).some((e) => e.type === 'feedback'),
      )
      .toBe(true);
    const stats = await computeStats(server.svar.app.store, {
      from: '2026-01-01',
      to: '2030-12-31',
      timeZone: server.config.municipality.timeZone,
      officeHours: officeHoursFromConfig(server.config),
    });
    expect(stats.feedback.afterHandover).toMatchObject({ up: 1, down: 0 });
    // Rated once: a reload of the closed chat does not ask again.
    await page.reload();
    await page.locator('svar-chat .closed').waitFor();
    expect(await page.locator('svar-chat form.rating').count()).toBe(0);
    await context.close();
  });

  it('asks for a rating when the person closes the chat too', async () => {
    const { context, page } = await open(320, 640);
    await ask(page, 'Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    const id = await waitingId();
    await server.svar.app.handover.claim(await kariId(), id);
    await page.locator('svar-chat .msg-system', { hasText: 'Kari fra kommunen' }).waitFor();
    expect(await server.svar.app.handover.close(await kariId(), id, 'general_advice')).toEqual({ ok: true });
    await page.locator('svar-chat .closed', { hasText: 'Saksbehandleren har avsluttet samtalen.' }).waitFor();
    await page.locator('svar-chat form.rating').getByRole('button', { name: 'Ikke bra' }).waitFor();
    // On a phone the block is taller than the view: it shows from its first line, the closing notice.
    const closedTop = await page.evaluate(() => {
      const root = document.querySelector('svar-chat')!.shadowRoot!;
      const scroller = root.querySelector('.scroller')!.getBoundingClientRect();
      const block = root.querySelector('.closed')!.getBoundingClientRect();
      return { taller: block.height > scroller.height, topVisible: block.top >= scroller.top - 1 };
    });
    expect(closedTop).toEqual({ taller: true, topVisible: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
