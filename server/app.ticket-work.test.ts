import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from './test-support/fake-clock.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

const SATURDAY_NOON = '2026-03-07T11:00:00.000Z';
let t: TestServer;

beforeEach(async () => {
  t = await startTestServer({ clock: new FakeClock(SATURDAY_NOON) });
  await t.addStaff('kari');
  await t.addStaff('per');
});
afterEach(async () => {
  await t.close();
});

const api = (path: string, o: { cookie: string; csrf?: string; body?: unknown }) =>
  fetch(`${t.app.url}${path}`, {
    method: o.body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: o.cookie,
      'content-type': 'application/json',
      ...(o.csrf ? { 'x-csrf-token': o.csrf } : {}),
    },
    ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
  });

interface ListedTicket {
  id: number;
  queue: string;
  assignedName: string | null;
  contactType: string | null;
  answeredByName: string | null;
  history: { role: string; text: string; bot?: { suggestions?: unknown[] } }[];
}
const list = async (cookie: string, query = ''): Promise<ListedTicket[]> =>
  ((await (await api(`/api/staff/tickets${query}`, { cookie })).json()) as { tickets: ListedTicket[] })
    .tickets;

/** A citizen who talked to the bot, asked for a person out of hours and left a message in `queue`. */
async function ticketIn(queue: string, question: string): Promise<number> {
  const c = await t.citizen();
  await c.start({ queue });
  c.send({ type: 'message', clientId: `q-${queue}`, text: question });
  await c.next('bot');
  c.send({ type: 'human' });
  await c.next('offline');
  c.send({ type: 'leave_message', question, phone: '+47 912 34 567', consent: true });
  return (await c.next('ticket_created')).ticketId;
}

describe('offline messages for staff (issue 19)', () => {
  it('each comes with the bot conversation before it, and the list filters by department', async () => {
    const school = await ticketIn('oppvekst', 'Når starter skolen?');
    const health = await ticketIn('helse', 'Hvordan får jeg fastlege?');
    const { cookie } = await t.login('kari');
    const all = await list(cookie);
    expect(all.map((x) => x.id)).toEqual([school, health]);
    const first = all[0]!;
    expect(first.history.map((h) => h.role)).toEqual(expect.arrayContaining(['citizen', 'bot']));
    expect(first.history.find((h) => h.role === 'citizen')?.text).toBe('Når starter skolen?');
    expect((await list(cookie, '?department=helse')).map((x) => x.id)).toEqual([health]);
  });

  it('"take this one": first come first served, shown to colleagues, and the contact type is kept on answering', async () => {
    const id = await ticketIn('oppvekst', 'Når starter skolen?');
    const kari = await t.login('kari');
    const per = await t.login('per');
    const take = (who: { cookie: string; csrfToken: string }) =>
      api(`/api/staff/tickets/${id}/take`, { cookie: who.cookie, csrf: who.csrfToken, body: {} });
    expect((await take(kari)).status).toBe(200);
    expect((await take(kari)).status).toBe(200);
    const refused = await take(per);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'already_claimed' });
    expect((await list(per.cookie))[0]?.assignedName).toBe('Kari');

    const bad = await api(`/api/staff/tickets/${id}/answer`, {
      cookie: kari.cookie,
      csrf: kari.csrfToken,
      body: { channel: 'phone', contactType: 'not_a_type' },
    });
    expect(bad.status).toBe(400);
    const ok = await api(`/api/staff/tickets/${id}/answer`, {
      cookie: kari.cookie,
      csrf: kari.csrfToken,
      body: { channel: 'phone', note: 'Ringte', contactType: 'general_advice' },
    });
    expect(ok.status).toBe(200);
    expect(await list(kari.cookie)).toEqual([]);
    const answered = await list(kari.cookie, '?status=answered');
    expect(answered).toEqual([
      expect.objectContaining({
        id,
        contactType: 'general_advice',
        answeredByName: 'Kari',
        assignedName: 'Kari',
      }),
    ]);
    const event = (
      await t.app.store.events.forConversation((await t.app.store.tickets.get(id))!.conversationId!)
    ).find((e) => e.type === 'ticket_answered');
    expect(event?.payload.contactType).toBe('general_advice');
    // An answered message is not taken again.
    expect((await take(per)).status).toBe(409);
  });
});

describe('console language preference (issue 19)', () => {
  it('is stored per staff member, validated, and null until chosen', async () => {
    const kari = await t.login('kari');
    const per = await t.login('per');
    const get = async (cookie: string) =>
      ((await (await api('/api/me/preferences', { cookie })).json()) as { consoleLang: string | null })
        .consoleLang;
    expect(await get(kari.cookie)).toBeNull();
    const set = (lang: string) =>
      api('/api/me/preferences', { cookie: kari.cookie, csrf: kari.csrfToken, body: { lang } });
    expect((await set('sv')).status).toBe(400);
    expect((await set('nn')).status).toBe(200);
    expect(await get(kari.cookie)).toBe('nn');
    expect(await get(per.cookie)).toBeNull();
    const noCsrf = await api('/api/me/preferences', { cookie: per.cookie, body: { lang: 'da' } });
    expect(noCsrf.status).toBe(403);
  });
});
