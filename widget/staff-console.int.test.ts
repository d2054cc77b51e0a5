import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, textOf } from '../server/test-support/smtp.ts';
import { recordAlerts, recordedAlerts } from './test-support/alert-recorder.ts';
import { launchBrowser, screenshot } from './test-support/browser.ts';
import { ask, openWidget } from './test-support/citizen-page.ts';
import { chatTab, conversationOf, queueRow, reply, staffLogin } from './test-support/staff-page.ts';
import { startBrowserTestServer, type BrowserTestServer } from './test-support/svar-server.ts';

let server: BrowserTestServer;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
/** Every context a test opens, closed after it whatever happened. */
const contexts: BrowserContext[] = [];
/** For server-side state that follows a frame on another socket; generous because CI machines are busy. */
const POLL = { timeout: 10_000 };

beforeAll(async () => {
  smtp = await startSmtp();
  [server, browser] = await Promise.all([startBrowserTestServer({ smtpUrl: smtp.url }), launchBrowser()]);
  await Promise.all([server.addStaff('kari'), server.addStaff('per')]);
});
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  server.endOpenChats();
  server.clock.set(server.openHours);
  // The next test may count on nobody being on duty: wait for the closed consoles' sockets to go.
  await expect.poll(() => server.staffConnected(), POLL).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function newContext(o: { alerts?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  if (o.alerts) {
    await context.grantPermissions(['notifications'], { origin: server.url });
    await recordAlerts(context);
  }
  return context;
}

async function staff(username: string, o: { alerts?: boolean } = {}): Promise<Page> {
  return staffLogin(await newContext(o), server.url, username);
}

/** A citizen who has asked the bot `question` (and got its reply). */
async function citizen(question: string): Promise<Page> {
  const page = await (await newContext()).newPage();
  await openWidget(page, server.url);
  await ask(page, question);
  return page;
}

/** A citizen who asked something and then pressed "talk to a person" and is now in the queue. */
async function waitingCitizen(question: string): Promise<Page> {
  const page = await citizen(question);
  await page.getByRole('button', { name: 'Snakk med en person' }).click();
  await page.locator('svar-chat .status', { hasText: /Du er nummer \d+ i køen/ }).waitFor();
  return page;
}

const agentLines = (page: Page) => page.locator('svar-chat .msg-agent');

async function claim(agent: Page, question: string): Promise<string> {
  const row = queueRow(agent, question);
  const id = await conversationOf(row);
  await row.getByRole('button', { name: /^Claim/ }).click();
  await chatTab(agent, id).panel.waitFor();
  return id;
}

describe('staff console, in real browsers', () => {
  it('presence: an agent who is away gets no chats, and the citizen is offered the offline form until they are back', async () => {
    const agent = await staff('kari');
    const presence = agent.getByRole('button', { name: 'Available for chats' });
    expect(await presence.getAttribute('aria-pressed')).toBe('true');
    await presence.click();
    expect(await presence.getAttribute('aria-pressed')).toBe('false');
    // The citizen's request travels on another socket: wait until the server has the agent away.
    const queue = server.config.queues.default;
    await expect.poll(() => server.svar.app.handover.availability(queue).ok, POLL).toBe(false);

    const page = await citizen('Jeg lurer på noe om eiendomsskatt');
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    const form = page.locator('svar-chat form.offline-form');
    await form.getByText('Ingen saksbehandlere er ledige akkurat nå.').waitFor();
    expect(await page.locator('svar-chat .status').textContent()).not.toMatch(/i køen/);
    expect(await agent.getByRole('tab', { name: /Queue/ }).textContent()).toBe('Queue (0)');
    expect(await agent.getByText('Nobody is waiting.').isVisible()).toBe(true);

    await presence.click();
    expect(await presence.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => server.svar.app.handover.availability(queue).ok, POLL).toBe(true);
    await page.getByRole('button', { name: 'Snakk med en person' }).click();
    await page.locator('svar-chat .status', { hasText: 'Du er nummer 1 i køen' }).waitFor();
    await queueRow(agent, 'Jeg lurer på noe om eiendomsskatt').waitFor();
    expect(await agent.getByRole('tab', { name: /Queue/ }).textContent()).toBe('Queue (1)');
  });

  it('a crisis chat is listed first and marked urgent, even when it came second', async () => {
    const agent = await staff('kari', { alerts: true });
    const ordinary = await waitingCitizen('Jeg har et spørsmål om avfallsgebyret');
    await ordinary.locator('svar-chat .status', { hasText: 'Du er nummer 1 i køen' }).waitFor();
    const ordinaryId = await conversationOf(queueRow(agent, 'avfallsgebyret'));

    const crisis = await citizen('Jeg vil ta livet mitt');
    // No button press: the bot hands a crisis over by itself, with the emergency numbers.
    await crisis.locator('svar-chat .status', { hasText: 'Du er nummer 1 i køen' }).waitFor();
    expect(await crisis.locator('svar-chat .msg-bot').last().textContent()).toContain('116 123');
    await ordinary.locator('svar-chat .status', { hasText: 'Du er nummer 2 i køen' }).waitFor();
    const crisisId = await conversationOf(queueRow(agent, 'Jeg vil ta livet mitt'));

    const rows = agent.locator('.queue tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-conversation')))).toEqual([
      crisisId,
      ordinaryId,
    ]);
    const first = rows.first();
    expect(await first.getAttribute('class')).toBe('urgent');
    expect(await first.locator('.badge.crisis').textContent()).toBe('Urgent');
    expect(await first.locator('td').nth(2).textContent()).toBe('Crisis');
    expect(await rows.nth(1).getAttribute('class')).toBeNull();
    expect(await rows.nth(1).locator('td').first().textContent()).toBe('Normal');
    expect(await agent.getByRole('tab', { name: /Queue/ }).textContent()).toBe('Queue (2) · urgent');
    // The browser tab shows it as well, for an agent working in another window.
    expect(await agent.title()).toMatch(/^\(2 · urgent\) /);
    expect(await recordedAlerts(agent)).toContainEqual({
      kind: 'notification',
      title: 'Urgent chat waiting',
      body: 'Jeg vil ta livet mitt',
    });
    await screenshot(agent, 'staff-queue-crisis');

    await claim(agent, 'Jeg vil ta livet mitt');
    const { panel } = chatTab(agent, crisisId);
    expect(await panel.getAttribute('class')).toBe('chat urgent');
    // The heading names the queue as the list does, not by its id.
    expect(await panel.locator('h2').textContent()).toMatch(/^URGENT · Crisis · Bokmål · [A-ZÆØÅ][^·]+$/);
    // Guidance for a staff member who rarely meets a crisis.
    expect(await panel.getByRole('note').textContent()).toMatch(
      /^Crisis\. Ask first whether the person is safe/,
    );
  });

  it('one agent holds two chats in tabs, and each reply goes to the citizen whose tab it was typed in', async () => {
    const agent = await staff('kari');
    const anna = await waitingCitizen('Hvor kan jeg parkere ved rådhuset?');
    const bjorn = await waitingCitizen('Når åpner biblioteket?');
    const annaId = await claim(agent, 'parkere ved rådhuset');
    await agent.getByRole('tab', { name: /Queue/ }).click();
    const bjornId = await claim(agent, 'biblioteket');
    const a = chatTab(agent, annaId);
    const b = chatTab(agent, bjornId);
    expect(await b.tab.getAttribute('aria-selected')).toBe('true');
    expect(await a.panel.isHidden()).toBe(true);
    expect(await b.panel.locator('.turn-citizen').first().textContent()).toContain('biblioteket');
    // Two chats with the same reason and language still have tab names an agent can tell apart.
    const [nameA, nameB] = [await a.tab.textContent(), await b.tab.textContent()];
    expect(nameA).toBe(`Asked for a person · nb · ${annaId.slice(0, 4)}`);
    expect(nameB).not.toBe(nameA);

    await reply(b.panel, 'Biblioteket åpner klokka ti.');
    await agentLines(bjorn).filter({ hasText: 'Biblioteket åpner klokka ti.' }).waitFor();

    // Anna writes while Bjørn's tab is open: her tab asks for attention, her panel gets the message.
    await anna.getByRole('textbox', { name: 'Skriv spørsmålet ditt' }).fill('Er det gratis?');
    await anna.getByRole('button', { name: 'Send', exact: true }).click();
    await a.panel.locator('.turn-citizen', { hasText: 'Er det gratis?' }).waitFor({ state: 'attached' });
    expect(await a.tab.getAttribute('class')).toContain('attention');
    expect(await b.panel.getByText('Er det gratis?').count()).toBe(0);

    await a.tab.click();
    expect(await a.tab.getAttribute('aria-selected')).toBe('true');
    expect(await a.tab.getAttribute('class')).not.toContain('attention');
    expect(await b.panel.isHidden()).toBe(true);
    await reply(a.panel, 'Ja, de første to timene er gratis.');
    await agentLines(anna).filter({ hasText: 'Ja, de første to timene er gratis.' }).waitFor();
    await screenshot(agent, 'staff-two-tabs');

    expect(await agentLines(anna).allInnerTexts()).toEqual([
      expect.stringContaining('Ja, de første to timene er gratis.'),
    ]);
    expect(await agentLines(bjorn).allInnerTexts()).toEqual([
      expect.stringContaining('Biblioteket åpner klokka ti.'),
    ]);
  });

  it('a reply typed while the console is disconnected waits in an outbox and reaches the citizen on reconnect', async () => {
    const context = await newContext();
    const sockets: WebSocketRoute[] = [];
    let blocked = false;
    await context.routeWebSocket(/\/ws\/staff$/, (ws) => {
      sockets.push(ws);
      if (blocked) void ws.close({ code: 1006 });
      else ws.connectToServer();
    });
    const agent = await staffLogin(context, server.url, 'kari');
    const waiting = await waitingCitizen('Kan jeg få hjelp med søknaden?');
    const id = await claim(agent, 'hjelp med søknaden');
    const { panel } = chatTab(agent, id);

    blocked = true;
    await sockets[0]!.close({ code: 1006 });
    await agent.locator('.connection', { hasText: 'Connection lost' }).waitFor();
    await panel.getByLabel('Reply to the citizen').fill('Ja, jeg hjelper deg med søknaden.');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await panel.locator('.outbox .pending', { hasText: 'Ja, jeg hjelper deg med søknaden.' }).waitFor();

    blocked = false;
    // The browser says it is online again: the console reconnects at once instead of after its backoff.
    await agent.evaluate(() => window.dispatchEvent(new Event('online')));
    await agentLines(waiting).filter({ hasText: 'Ja, jeg hjelper deg med søknaden.' }).waitFor();
    await panel.locator('.turn-agent', { hasText: 'Ja, jeg hjelper deg med søknaden.' }).waitFor();
    expect(await panel.locator('.outbox .pending').count()).toBe(0);
    expect(await agentLines(waiting).count()).toBe(1);
  });

  it('transfer: a chat goes from one agent to another and then to a queue; the citizen keeps the conversation', async () => {
    const kari = await staff('kari');
    const per = await staff('per');
    const page = await waitingCitizen('Jeg vil klage på brøytingen i gata mi');
    const id = await claim(kari, 'brøytingen');
    const k = chatTab(kari, id);
    await reply(k.panel, 'Hei, dette er Kari.');
    await agentLines(page).filter({ hasText: 'Hei, dette er Kari.' }).waitFor();

    await k.panel.getByText('Transfer or close').click();
    await k.panel.getByLabel('Transfer to').selectOption({ label: 'Per' });
    await k.panel.getByRole('button', { name: 'Transfer' }).click();

    const p = chatTab(per, id);
    await p.panel.waitFor();
    expect(await p.tab.getAttribute('aria-selected')).toBe('true');
    // Per gets the whole conversation: the citizen's question, the bot's turn and Kari's reply.
    await p.panel.locator('.turn-agent', { hasText: 'Hei, dette er Kari.' }).waitFor();
    expect(await p.panel.locator('.turn-citizen').first().textContent()).toContain('brøytingen');
    expect(await p.panel.locator('.turn-bot').count()).toBeGreaterThan(0);
    await page
      .locator('svar-chat .msg-system', { hasText: 'Per fra kommunen er med i samtalen nå.' })
      .waitFor();
    await k.panel.getByText('Transferred to Per.').waitFor();
    expect(await k.panel.getByLabel('Reply to the citizen').count()).toBe(0);
    const perId = (await server.svar.app.store.staff.credentials('per'))?.id;
    expect(await server.svar.app.store.conversations.get(id)).toMatchObject({
      state: 'assigned',
      agentId: perId,
    });

    await reply(p.panel, 'Hei, Per her. Jeg tar over saken.');
    const last = agentLines(page).filter({ hasText: 'Per her' });
    await last.waitFor();
    expect(await last.locator('.who').textContent()).toBe('Per (kommunen):');
    const log = (await page.locator('svar-chat .log > .msg').allInnerTexts()).join('\n');
    for (const text of ['brøytingen', 'Hei, dette er Kari.', 'Per her']) expect(log).toContain(text);

    // Per sends it on to a department's queue: it waits there for anyone, and the citizen is told.
    await p.panel.getByText('Transfer or close').click();
    await p.panel.getByLabel('Transfer to').selectOption({ label: 'Teknisk drift' });
    await p.panel.getByRole('button', { name: 'Transfer' }).click();
    await page.locator('svar-chat .msg-system', { hasText: 'Du er tilbake i køen.' }).waitFor();
    await p.panel.getByText('Transferred to Teknisk drift.').waitFor();
    await kari.getByRole('tab', { name: /Queue/ }).click();
    const row = queueRow(kari, 'brøytingen');
    await row.waitFor();
    expect(await row.locator('td').nth(4).textContent()).toBe('Teknisk drift');
    expect(await conversationOf(row)).toBe(id);
  });

  it('closing needs a contact type; the type and the note are stored with the conversation', async () => {
    const agent = await staff('kari');
    const page = await waitingCitizen('Jeg trenger hjelp til å søke om bostøtte');
    const id = await claim(agent, 'bostøtte');
    const { panel } = chatTab(agent, id);
    await panel.getByText('Transfer or close').click();
    const note = 'Ny sak opprettet, ringer tilbake på 912 34 567';
    await panel.getByLabel(/^Note/).fill(note);
    await panel.getByRole('button', { name: 'Close chat' }).click();
    await panel.getByRole('alert').getByText('Choose a contact type before closing.').waitFor();
    expect(await panel.getByLabel('Contact type (KOMHEN)').getAttribute('aria-invalid')).toBe('true');
    expect((await server.svar.app.store.conversations.get(id))?.state).toBe('assigned');

    await panel.getByLabel('Contact type (KOMHEN)').selectOption({ label: 'New case' });
    await panel.getByRole('button', { name: 'Close chat' }).click();
    await page.locator('svar-chat .closed', { hasText: 'Saksbehandleren har avsluttet samtalen.' }).waitFor();
    await agent.getByText('Chat closed.').waitFor();
    expect(await chatTab(agent, id).tab.count()).toBe(0);

    expect(await server.svar.app.store.conversations.get(id)).toMatchObject({
      state: 'closed',
      contactType: 'new_case',
      closeNote: note,
    });
    // The interaction log, kept long after the text is deleted, gets the note without the phone number.
    const closed = (await server.svar.app.store.events.forConversation(id)).find((e) => e.type === 'closed');
    expect(closed?.payload).toMatchObject({ by: 'agent', contactType: 'new_case' });
    expect(closed?.payload.noteRedacted).toContain('Ny sak opprettet');
    expect(closed?.payload.noteRedacted).not.toContain('912 34 567');
  });

  it('offline messages: an answer by e-mail reaches the citizen over SMTP, a phone call is marked done', async () => {
    server.clock.set(server.closedHours);
    const leave = async (question: string, field: 'E-post' | 'Telefon', value: string): Promise<number> => {
      const page = await citizen(question);
      await page.getByRole('button', { name: 'Snakk med en person' }).click();
      const form = page.locator('svar-chat form.offline-form');
      await form.getByLabel(field).fill(value);
      await form.getByLabel(/Jeg samtykker/).check();
      await form.getByRole('button', { name: 'Send meldingen' }).click();
      const sent = await page.locator('svar-chat .offline-sent').textContent();
      return Number(/referanse (\d+)/.exec(sent ?? '')?.[1]);
    };
    const mailTicket = await leave('Kan dere sende meg skjemaet for startlån?', 'E-post', 'ola@example.org');
    const phoneTicket = await leave('Hvem kan jeg snakke med om byggesøknaden?', 'Telefon', '912 34 567');

    const agent = await staff('kari');
    await agent.getByRole('tab', { name: /Offline messages/ }).click();
    const mailCard = agent.locator(`article.ticket[data-ticket="${mailTicket}"]`);
    const phoneCard = agent.locator(`article.ticket[data-ticket="${phoneTicket}"]`);
    expect(await mailCard.textContent()).toContain('E-mail: ola@example.org');
    expect(await phoneCard.textContent()).toContain('Phone: 912 34 567');
    expect(await phoneCard.getByLabel('Answer by e-mail').count()).toBe(0);

    const mail = smtp.next();
    await mailCard.getByLabel('Answer by e-mail').fill('Hei! Skjemaet ligger på Min side under «Lån».');
    await mailCard.getByRole('button', { name: 'Send answer' }).click();
    const received = await mail;
    expect(received.to).toEqual(['ola@example.org']);
    expect(received.raw).toMatch(/^Subject: Svar fra Fjordvik kommune$/m);
    const text = textOf(received.raw);
    expect(text).toContain('Du spurte oss: «Kan dere sende meg skjemaet for startlån?»');
    expect(text).toContain('Hei! Skjemaet ligger på Min side under «Lån».');
    await agent.getByText(`Message ${mailTicket} is answered.`).waitFor();
    await mailCard.waitFor({ state: 'detached' });

    await phoneCard.getByLabel('Note about the call (optional)').fill('Ringte, avtalte møte');
    await phoneCard.getByRole('button', { name: 'Mark phone call done' }).click();
    await phoneCard.waitFor({ state: 'detached' });
    await agent.getByText(`Message ${phoneTicket} is answered.`).waitFor();

    // The staff API agrees: both are answered, each by its own channel.
    const res = await agent.request.get(`${server.url}/api/staff/tickets?status=answered`);
    const { tickets } = (await res.json()) as {
      tickets: { id: number; channel: string; answer: string; status: string }[];
    };
    expect(tickets.find((t) => t.id === mailTicket)).toMatchObject({
      status: 'answered',
      channel: 'email',
      answer: 'Hei! Skjemaet ligger på Min side under «Lån».',
    });
    expect(tickets.find((t) => t.id === phoneTicket)).toMatchObject({
      status: 'answered',
      channel: 'phone',
      answer: 'Ringte, avtalte møte',
    });
  });

  it('the alerts setting is kept across a reload; when on, a new waiting chat beeps and notifies', async () => {
    const agent = await staff('kari', { alerts: true });
    const box = agent.getByLabel('Sound and notification for new chats');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await agent.reload();
    await agent.getByRole('tab', { name: /Queue/ }).waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await agent.evaluate(() => localStorage.getItem('svar-staff-alerts'))).toBe('off');

    // Off: the row appears (it is drawn in the same step as the alert would be), but nothing else happens.
    await waitingCitizen('Hvordan melder jeg flytting?');
    await queueRow(agent, 'melder jeg flytting').waitFor();
    expect(await recordedAlerts(agent)).toEqual([]);

    await box.check();
    await agent.reload();
    await agent.getByRole('tab', { name: /Queue/ }).waitFor();
    expect(await box.isChecked()).toBe(true);
    // Reloading marks the chat already waiting as new again; only what comes after counts here.
    await expect.poll(() => recordedAlerts(agent), POLL).toHaveLength(2);
    await agent.evaluate(() => (window as unknown as { __svarAlerts: unknown[] }).__svarAlerts.splice(0));

    await waitingCitizen('Hvor søker jeg om parkeringstillatelse?');
    await queueRow(agent, 'parkeringstillatelse').waitFor();
    expect(await recordedAlerts(agent)).toEqual([
      { kind: 'beep', frequency: 660 },
      { kind: 'notification', title: 'New chat waiting', body: 'Hvor søker jeg om parkeringstillatelse?' },
    ]);
  });
});
