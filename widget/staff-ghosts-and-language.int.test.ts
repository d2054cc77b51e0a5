import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './test-support/axe.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask, openWidget } from './test-support/citizen-page.ts';
import { chatTab, conversationOf, queueRow, staffLogin } from './test-support/staff-page.ts';
import {
  startBrowserTestServer,
  STAFF_PASSWORD,
  type BrowserTestServer,
} from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const POLL = { timeout: 10_000 };
const GONE_SECONDS = 300;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startBrowserTestServer({ patch: (c) => (c.limits.visitorGoneCloseSeconds = GONE_SECONDS) }),
    launchBrowser(),
  ]);
  await Promise.all([server.addStaff('kari'), server.addStaff('per'), server.addStaff('siri', 'admin')]);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await server.endOpenChats();
  server.clock.set(server.openHours);
  await expect.poll(() => server.staffConnected(), POLL).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newContext(): Promise<BrowserContext> {
  // bypassCSP: axe is injected as an inline script.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context;
}

async function waitingCitizen(question: string): Promise<Page> {
  const page = await (await newContext()).newPage();
  await openWidget(page, server.url);
  await ask(page, question);
  // Asking for someone in so many words is a handover by itself (the bot queues the citizen at once); a
  // question about one's own case gets the button to ask for a person.
  const queued = page.locator('svar-chat .status', { hasText: /Du er nummer \d+ i køen/ });
  const human = page.getByRole('button', { name: 'Snakk med en person' });
  await queued.or(human).first().waitFor();
  if (!(await queued.isVisible())) await human.click();
  await queued.waitFor();
  return page;
}

const transitions = async (id: string): Promise<string[]> =>
  (await server.svar.app.store.transitions.list(id)).map((t) => `${t.from}>${t.to}:${t.reason}`);

describe('ghost chats in the staff console (issue 19)', () => {
  it('the queue says whether the citizen is there; a page gone past the limit is closed as abandoned', async () => {
    const agent = await staffLogin(await newContext(), server.url, 'kari');
    const citizen = await waitingCitizen('Jeg vil snakke med noen om søknaden min');
    const row = queueRow(agent, 'søknaden min');
    const id = await conversationOf(row);
    await row.locator('td.visitor', { hasText: 'Online' }).waitFor();

    await citizen.context().close();
    await row.locator('td.visitor', { hasText: /^Left (\d+|< 1) min ago$/ }).waitFor();
    expect(await row.getAttribute('class')).toContain('visitor-gone');
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'staff-queue-ghost-chat');
    expect((await server.svar.app.store.conversations.get(id))?.state).toBe('waiting');

    server.clock.advance(GONE_SECONDS * 1000);
    await row.waitFor({ state: 'detached' });
    await agent.getByText('Nobody is waiting.').waitFor();
    expect((await transitions(id)).at(-1)).toBe('waiting>closed:abandoned');
  });

  it('a claimed chat shows when the citizen leaves, and says it was closed as abandoned', async () => {
    const agent = await staffLogin(await newContext(), server.url, 'kari');
    const citizen = await waitingCitizen('Kan noen hjelpe meg med byggesaken min?');
    const row = queueRow(agent, 'byggesaken');
    const id = await conversationOf(row);
    await row.getByRole('button', { name: /^Claim/ }).click();
    const { panel } = chatTab(agent, id);
    await panel.locator('.visitor-status', { hasText: 'The citizen has the chat open.' }).waitFor();

    await citizen.context().close();
    await panel
      .locator('.visitor-status.gone', { hasText: /page has been closed for (\d+|< 1) min/ })
      .waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
    server.clock.advance(GONE_SECONDS * 1000);
    await panel
      .getByText('The citizen’s page was gone too long: the chat was closed as abandoned.')
      .waitFor();
    expect(await panel.getByLabel('Reply to the citizen').count()).toBe(0);
    expect((await transitions(id)).at(-1)).toBe('assigned>closed:abandoned');
  });
});

describe('console details (issue 19)', () => {
  it('the preview shows the suggestions the bot offered; a transfer note reaches the next agent redacted', async () => {
    const kari = await staffLogin(await newContext(), server.url, 'kari');
    const per = await staffLogin(await newContext(), server.url, 'per');
    const page = await (await newContext()).newPage();
    await openWidget(page, server.url);
    await ask(page, 'Hva med SFO?');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    await page.locator('svar-chat .status', { hasText: /Du er nummer \d+ i køen/ }).waitFor();

    const row = queueRow(kari, 'SFO');
    const id = await conversationOf(row);
    await row.getByRole('button', { name: /^View/ }).click();
    const preview = kari.locator('section.preview');
    await preview.locator('.suggestions').first().waitFor();
    expect(await preview.locator('.suggestions li').allTextContents()).toEqual(
      expect.arrayContaining(['Pris for SFO', 'Søke plass i SFO']),
    );
    await preview.getByRole('button', { name: 'Claim this chat' }).click();

    const k = chatTab(kari, id);
    await k.panel.getByText('Transfer or close').click();
    await k.panel.getByLabel('Transfer to').selectOption({ label: 'Per' });
    await k.panel
      .getByLabel('Message for whoever takes over (optional)')
      .fill('Mor til barn med fnr 01017012345, vil bytte SFO');
    await k.panel.getByRole('button', { name: 'Transfer', exact: true }).click();

    const p = chatTab(per, id);
    const note = p.panel.locator('.transfer-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('Note from Kari with the transfer:');
    expect(await note.textContent()).toContain('vil bytte SFO');
    expect(await note.textContent()).not.toContain('01017012345');
    expect(await seriousViolations(per)).toEqual([]);
  });
});

describe('offline messages (issue 19)', () => {
  it('show the bot conversation, filter by department, can be taken, and list the answered ones', async () => {
    server.clock.set(server.closedHours);
    const page = await (await newContext()).newPage();
    await openWidget(page, server.url);
    await ask(page, 'Hva med SFO?');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    const form = page.locator('svar-chat form.offline-form');
    await form.getByLabel('Telefon').fill('912 34 567');
    await form.getByLabel(/Jeg samtykker/).check();
    await form.getByRole('button', { name: 'Send meldingen' }).click();
    const sent = await page.locator('svar-chat .offline-sent').textContent();
    const id = Number(/referanse (\d+)/.exec(sent ?? '')?.[1]);
    const queue = (await server.svar.app.store.tickets.get(id))!.queue;
    const own = server.config.queues.list.find((q) => q.id === queue)!.name;
    const other = server.config.queues.list.find((q) => q.id !== queue)!.name;

    const agent = await staffLogin(await newContext(), server.url, 'kari');
    await agent.getByRole('tab', { name: /Offline messages/ }).click();
    const card = agent.locator(`article.ticket[data-ticket="${id}"]`);
    await card.waitFor();
    await card.getByText('Conversation with the bot before the message').click();
    await card.locator('.turn-citizen', { hasText: 'Hva med SFO?' }).waitFor();
    expect(await card.locator('.suggestions li').allTextContents()).toContain('Pris for SFO');

    await agent.getByLabel('Department').selectOption({ label: other });
    await card.waitFor({ state: 'detached' });
    await agent.getByLabel('Department').selectOption({ label: own });
    await card.waitFor();
    await card.getByRole('button', { name: 'Take this one' }).click();
    await card.getByText('You have taken this one').waitFor();
    expect(await seriousViolations(agent)).toEqual([]);

    await card.getByRole('button', { name: 'Mark phone call done' }).click();
    await card.getByText('Choose a contact type first.').waitFor();
    await card.getByLabel('Contact type (KOMHEN)').selectOption({ label: 'General advice' });
    await card.getByRole('button', { name: 'Mark phone call done' }).click();
    await card.waitFor({ state: 'detached' });
    await agent.getByRole('button', { name: 'Answered', exact: true }).click();
    const done = agent.locator(`article.ticket[data-ticket="${id}"]`);
    await done.getByText(/^Answered by Kari, .*, by phone · General advice$/).waitFor();
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'staff-tickets-answered');
  });
});

describe('console language (issue 19)', () => {
  it('an agent switches the staff console to Bokmål; the choice is theirs, on any browser', async () => {
    const agent = await staffLogin(await newContext(), server.url, 'kari');
    const citizen = await waitingCitizen('Jeg vil klage, fnr 01017012345 er mitt');
    await agent.getByLabel('Language').selectOption('nb');
    await agent.getByRole('button', { name: 'Change' }).click();
    await agent.getByRole('tab', { name: /^Kø \(1\)/ }).waitFor();
    expect(await agent.locator('html').getAttribute('lang')).toBe('nb');
    await agent.getByRole('heading', { name: 'Ventende chatter' }).waitFor();
    const row = queueRow(agent, 'Jeg vil klage');
    await row.locator('td.visitor', { hasText: 'Til stede' }).waitFor();
    // The shared list's preview stays redacted in every language.
    expect(await row.locator('.preview-text').textContent()).not.toContain('01017012345');
    expect(await seriousViolations(agent)).toEqual([]);

    const id = await conversationOf(row);
    await row.getByRole('button', { name: /^Ta chat/ }).click();
    const { panel } = chatTab(agent, id);
    await panel.getByText('Overfør eller avslutt').click();
    const types = await panel.getByLabel('Kontakttype (KOMHEN)').locator('option').allTextContents();
    expect(types).toContain('Generell veiledning');
    expect(types).toContain('Feil instans (ikke vår sak)');
    expect(await seriousViolations(agent)).toEqual([]);
    await screenshot(agent, 'staff-console-nb');
    await citizen.context().close();

    // Another browser: the login page follows the browser (English), the console follows Kari's choice.
    const elsewhere = await (await newContext()).newPage();
    await elsewhere.goto(`${server.url}/staff`);
    await elsewhere.getByLabel('Username').fill('kari');
    await elsewhere.getByLabel('Password').fill(STAFF_PASSWORD);
    await elsewhere.getByRole('button', { name: 'Log in' }).click();
    await elsewhere.getByRole('tab', { name: /^Kø/ }).waitFor();
    // Per has not chosen: English, as his browser is.
    const perPage = await staffLogin(await newContext(), server.url, 'per');
    await perPage.getByRole('heading', { name: 'Waiting chats' }).waitFor();
  });

  it.each([
    ['nn', 'Brukarnamn', 'Logg inn', 'Kø'],
    ['da', 'Brugernavn', 'Log ind', 'Kø'],
  ] as const)('the login page and the console in %s, axe clean', async (lang, user, logIn, queueTab) => {
    const page = await (await newContext()).newPage();
    await page.goto(`${server.url}/staff`);
    await page.getByLabel('Language').selectOption(lang);
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByLabel(user).fill('per');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/^(Passord|Adgangskode)$/).fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: logIn, exact: true }).click();
    await page.getByRole('tab', { name: new RegExp(`^${queueTab}`) }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the editor console in Danish: status, a decision and a draft form, axe clean', async () => {
    const page = await staffLogin(await newContext(), server.url, 'siri').then(async (p) => {
      await p.goto(`${server.url}/editor`);
      return p;
    });
    await page.getByRole('heading', { name: 'Knowledge status' }).waitFor();
    await page.locator('form.language-switch select').selectOption('da');
    await page.locator('form.language-switch button').click();
    await page.getByRole('heading', { name: 'Status for viden' }).waitFor();
    await page.getByText('Søgemåde').first().waitFor();
    await page.getByRole('heading', { name: 'Føj disse formuleringer til en fil' }).waitFor();
    await page.getByLabel('Spørgsmål, som en borger ville skrive det').fill('Må jeg betale hundeskatt?');
    await page.getByRole('button', { name: 'Spørg', exact: true }).click();
    await page.getByRole('heading', { name: /^Beslutning: / }).waitFor();
    await page.getByRole('button', { name: 'Lav et udkast til svar ud fra dette spørgsmål' }).click();
    await page.getByLabel('Titel', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'editor-console-da');
    // The same choice holds in the staff console: one preference per person, for every console.
    await page.goto(`${server.url}/staff`);
    await page.getByRole('heading', { name: 'Ventende chats' }).waitFor();
  });
});
