import { afterEach, expect, it } from 'vitest';
import type { Responder } from './chat/responder.ts';
import { computeStats, officeHoursFromConfig } from './analytics/compute-stats.ts';
import { citizenServerFrame } from './protocol.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { startSmtp, textOf } from './test-support/smtp.ts';
import { stubResponder } from './test-support/stub-responder.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';

/** Issue 19, the server's side of what citizens meet: notices kept, the queue left, language, topics. */
let t: TestServer;
afterEach(async () => {
  await t?.close();
});

/** The stub bot, except that "en:" questions are answered in English (the bot followed the citizen). */
function englishAwareResponder(): Responder {
  const stub = stubResponder();
  return {
    ...stub,
    async decide(message, context) {
      const d = await stub.decide(message.replace(/^en:\s*/, ''), context);
      return message.startsWith('en:') ? { ...d, lang: 'en', detectedLang: 'en' } : d;
    },
  };
}

async function waiting() {
  const c = await t.citizen();
  const welcome = await c.start();
  c.send({ type: 'message', clientId: 'h', text: 'handover:human_request' });
  await c.next('queue');
  return { c, id: welcome.conversationId as string };
}

it('keeps "Kari joined" and "left the queue" as system turns a reload shows again', async () => {
  t = await startTestServer();
  const kari = await t.agent('kari');
  const first = await waiting();
  kari.send({ type: 'claim', conversationId: first.id });
  await first.c.next('agent_joined');
  const joined = await first.c.next('notice');
  expect(joined.notice).toEqual({ kind: 'agent_joined', firstName: 'Kari' });
  expect(citizenServerFrame.safeParse(joined).success).toBe(true);

  const second = await waiting();
  second.c.send({ type: 'leave_queue' });
  expect(await second.c.next('queue_left')).toEqual({ type: 'queue_left' });
  expect((await second.c.next('notice')).notice).toEqual({ kind: 'queue_left' });
  expect((await t.app.store.conversations.get(second.id))?.state).toBe('bot');
  const left = (await t.app.store.events.forConversation(second.id)).find((e) => e.type === 'queue_left');
  expect(left?.payload).toMatchObject({ outcome: 'abandoned' });
  // Back with the bot: the bot answers again.
  second.c.send({ type: 'message', clientId: 'b', text: 'barnehage' });
  expect((await second.c.next('bot')).kind).toBe('answer');

  for (const { c, id, notice } of [
    { ...first, notice: { kind: 'agent_joined', firstName: 'Kari' } },
    { ...second, notice: { kind: 'queue_left' } },
  ]) {
    const token = String(c.frames.find((f) => f.type === 'welcome')?.resumeToken);
    c.close();
    const again = await t.citizen();
    const welcome = await again.start({ resumeToken: token });
    expect(welcome.conversationId).toBe(id);
    expect(welcome.history).toContainEqual(expect.objectContaining({ role: 'system', notice }));
  }
});

it('answers in the language the citizen wrote in, and the conversation follows it', async () => {
  t = await startTestServer({ responder: englishAwareResponder() });
  const c = await t.citizen();
  const { conversationId } = await c.start({ lang: 'nb' });
  c.send({ type: 'message', clientId: 'n', text: 'barnehage' });
  expect((await c.next('bot')).lang).toBe('nb');
  c.send({ type: 'message', clientId: 'e', text: 'en: barnehage' });
  const bot = await c.next('bot');
  expect(bot.lang).toBe('en');
  expect((await t.app.store.conversations.get(conversationId))?.lang).toBe('en');
});

it('sends the configured topic buttons in the conversation language, Bokmål where a label is missing', async () => {
  t = await startTestServer({
    responder: { ...stubResponder(), hasFile: (id) => id !== 'fjernet' },
    patch: (c) => {
      c.widget.topics = [
        { fileId: 'barnehage-opptak', labels: { nb: 'Barnehage', en: 'Kindergarten' } },
        { fileId: 'fjernet', labels: { nb: 'Borte' } },
        { fileId: 'tommekalender', labels: { nb: 'Avfall' } },
      ];
    },
  });
  const en = await t.citizen();
  expect((await en.start({ lang: 'en' })).topics).toEqual([
    { fileId: 'barnehage-opptak', title: 'Kindergarten' },
    { fileId: 'tommekalender', title: 'Avfall' },
  ]);
  const none = await startTestServer({ patch: (c) => (c.widget.topics = []) });
  const c = await none.citizen();
  expect((await c.start()).topics).toBeUndefined();
  await none.close();
});

it('routes a left message by its topic, keeps its confirmation in the history and quotes the reference in the answer', async () => {
  const smtp = await startSmtp();
  try {
    t = await startTestServer({
      clock: new FakeClock('2026-03-07T11:00:00.000Z'),
      patch: (c) => {
        c.smtp.enabled = true;
        c.smtp.url = smtp.url;
      },
    });
    const c = await t.citizen();
    // The page says "teknisk", but the question is about kindergarten (owned by oppvekst).
    const { conversationId, resumeToken } = await c.start({ queue: 'teknisk' });
    c.send({ type: 'human' });
    await c.next('offline');
    c.send({
      type: 'leave_message',
      question: 'Når er fristen for barnehage?',
      email: 'innbygger@example.org',
      consent: true,
    });
    const { ticketId } = await c.next('ticket_created');
    expect((await t.app.store.tickets.get(ticketId))?.queue).toBe('oppvekst');
    expect((await c.next('notice')).notice).toEqual({ kind: 'ticket_created', ticketId });
    c.close();
    const again = await t.citizen();
    const welcome = await again.start({ resumeToken });
    expect(welcome.conversationId).toBe(conversationId);
    expect(welcome.history.at(-1)).toMatchObject({
      role: 'system',
      notice: { kind: 'ticket_created', ticketId },
    });

    await t.addStaff('kari');
    const { cookie, csrfToken } = await t.login('kari');
    const mail = smtp.next();
    const res = await fetch(`${t.app.url}/api/staff/tickets/${ticketId}/answer`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
      body: JSON.stringify({ channel: 'email', text: 'Fristen er 1. mars.' }),
    });
    expect(res.status).toBe(200);
    expect(textOf((await mail).raw)).toContain(`Referanse: ${ticketId}`);
  } finally {
    await smtp.close();
  }
});

it('renders the transcript like the widget: Markdown, source, self-service link, suggestions, notices', async () => {
  t = await startTestServer();
  const c = await t.citizen();
  const { resumeToken } = await c.start();
  c.send({ type: 'message', clientId: 'a', text: 'avfall **ikke fet**' });
  await c.next('bot');
  c.send({ type: 'choose', fileId: 'tommekalender', clientId: 'b' });
  await c.next('bot');
  const get = async (format: string) =>
    (
      await fetch(`${t.app.url}/api/transcript?format=${format}`, {
        headers: { authorization: `Bearer ${resumeToken}` },
      })
    ).text();
  const html = await get('html');
  expect(html).toContain('<cite>Tømmekalender</cite>');
  expect(html).toContain('href="https://fjordvik.kommune.example/avfall/tomming"');
  expect(html).toContain('Gå til selvbetjening');
  expect(html).toContain('<span class="chip">Renovasjonsgebyr</span>');
  // What the citizen wrote stays as written; only the bot's Markdown is rendered.
  expect(html).toContain('avfall **ikke fet**');
  const text = await get('text');
  expect(text).toContain('Kilde: Tømmekalender');
  expect(text).toContain('Gå til selvbetjening: https://fjordvik.kommune.example/avfall/tomming');
  expect(text).toContain('Forslag: Tømmekalender · Renovasjonsgebyr');
});

it("counts a citizen's rating after a chat with a person in the statistics' satisfaction after a handover", async () => {
  t = await startTestServer();
  const kari = await t.agent('kari');
  const { c, id } = await waiting();
  kari.send({ type: 'claim', conversationId: id });
  await c.next('agent_joined');
  kari.send({ type: 'close', conversationId: id, contactType: 'general_advice' });
  await c.next('closed');
  c.send({ type: 'feedback', helpful: true, comment: 'Kari var flink, ring meg på 99887766' });
  await c.next('feedback_saved');
  const stats = await computeStats(t.app.store, {
    from: '2026-01-01',
    to: '2026-12-31',
    timeZone: t.config.municipality.timeZone,
    officeHours: officeHoursFromConfig(t.config),
  });
  expect(stats.feedback.afterHandover).toMatchObject({ up: 1, down: 0, satisfaction: 1 });
  const event = (await t.app.store.events.forConversation(id)).find((e) => e.type === 'feedback');
  expect(JSON.stringify(event?.payload)).not.toContain('99887766');
});
