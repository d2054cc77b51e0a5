import { afterEach, beforeEach, expect, it } from 'vitest';
import { startSmtp, textOf } from './test-support/smtp.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import { FakeClock } from './test-support/fake-clock.ts';

const SATURDAY_NOON = '2026-03-07T11:00:00.000Z';
let t: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeEach(async () => {
  smtp = await startSmtp();
  t = await startTestServer({
    clock: new FakeClock(SATURDAY_NOON),
    patch: (c) => {
      c.smtp.enabled = true;
      c.smtp.url = smtp.url;
    },
  });
});
afterEach(async () => {
  await t.close();
  await smtp.close();
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

it('office closed → offline form → ticket → answered by e-mail', async () => {
  const kari = await t.agent('kari');
  const c = await t.citizen();
  const { conversationId } = await c.start({ queue: 'oppvekst' });
  c.send({ type: 'human' });
  expect(await c.next('offline')).toEqual({
    type: 'offline',
    reason: 'office_closed',
    opensAt: '2026-03-09T07:00:00.000Z',
  });
  c.send({
    type: 'leave_message',
    question: 'Når starter skolen? Fnr 01019912345',
    email: 'innbygger@example.org',
    consent: true,
  });
  const { ticketId } = await c.next('ticket_created');
  expect(await kari.next('tickets_changed', (f) => f.open === 1)).toBeTruthy();

  const { cookie, csrfToken } = await t.login('kari');
  const list = (await (await api('/api/staff/tickets', { cookie })).json()) as {
    tickets: Record<string, unknown>[];
  };
  expect(list.tickets).toEqual([
    expect.objectContaining({
      id: ticketId,
      queue: 'oppvekst',
      email: 'innbygger@example.org',
      status: 'open',
    }),
  ]);
  expect(list.tickets[0]?.questionRedacted).toBe('Når starter skolen? Fnr [FNR]');

  const noCsrf = await api(`/api/staff/tickets/${ticketId}/answer`, {
    cookie,
    body: { channel: 'email', text: 'Mandag.' },
  });
  expect(noCsrf.status).toBe(403);
  const mail = smtp.next();
  t.clock.advance(3600_000);
  const res = await api(`/api/staff/tickets/${ticketId}/answer`, {
    cookie,
    csrf: csrfToken,
    body: { channel: 'email', text: 'Skolen starter mandag 17. august.' },
  });
  expect(res.status).toBe(200);
  const received = await mail;
  expect(received.to).toEqual(['innbygger@example.org']);
  expect(received.raw).toMatch(/^Subject: Svar fra Fjordvik kommune/m);
  expect(textOf(received.raw)).toContain('Skolen starter mandag 17. august.');
  expect(await t.app.store.tickets.get(ticketId)).toMatchObject({ status: 'answered', channel: 'email' });
  const again = await api(`/api/staff/tickets/${ticketId}/answer`, {
    cookie,
    csrf: csrfToken,
    body: { channel: 'phone' },
  });
  expect(again.status).toBe(409);
  const events = (await t.app.store.events.forConversation(conversationId)).map((e) => e.type);
  expect(events).toEqual(expect.arrayContaining(['offline_offered', 'ticket_created', 'ticket_answered']));
  expect(
    (await t.app.store.events.forConversation(conversationId)).find((e) => e.type === 'ticket_answered')
      ?.payload,
  ).toMatchObject({
    channel: 'email',
    secondsToAnswer: 3600,
  });
  expect((await t.app.store.audit.recent(10)).map((a) => a.action)).toContain('ticket_answered');
});

it('marks a phone ticket done without e-mail', async () => {
  const c = await t.citizen();
  await c.start();
  c.send({
    type: 'leave_message',
    question: 'Ring meg om eiendomsskatt',
    phone: '+47 31 00 00 00',
    consent: true,
  });
  const { ticketId } = await c.next('ticket_created');
  await t.addStaff('kari');
  const { cookie, csrfToken } = await t.login('kari');
  const emailAnswer = await api(`/api/staff/tickets/${ticketId}/answer`, {
    cookie,
    csrf: csrfToken,
    body: { channel: 'email', text: 'x' },
  });
  expect(emailAnswer.status).toBe(409);
  const res = await api(`/api/staff/tickets/${ticketId}/answer`, {
    cookie,
    csrf: csrfToken,
    body: { channel: 'phone', note: 'Ringt' },
  });
  expect(res.status).toBe(200);
  expect(await t.app.store.tickets.get(ticketId)).toMatchObject({
    status: 'answered',
    channel: 'phone',
    answer: 'Ringt',
  });
  expect(smtp.mails).toHaveLength(0);
});

it('refuses an offline message without consent or contact details', async () => {
  const c = await t.citizen();
  await c.start();
  c.send({ type: 'leave_message', question: 'Hei', email: 'a@example.org', consent: false });
  expect(await c.next('error')).toMatchObject({ code: 'bad_frame' });
  c.send({ type: 'leave_message', question: 'Hei', consent: true });
  expect(await c.next('error')).toMatchObject({ code: 'bad_frame' });
  expect(await t.app.store.tickets.list('open')).toHaveLength(0);
});

it('e-mails the transcript to the citizen, a limited number of times', async () => {
  const c = await t.citizen();
  await c.start();
  c.send({ type: 'message', clientId: 'm1', text: 'barnehage' });
  await c.next('bot');
  for (let i = 0; i < t.config.limits.transcriptEmailsPerConversation; i++) {
    const mail = smtp.next();
    c.send({ type: 'transcript_email', email: 'innbygger@example.org' });
    await c.next('transcript_sent');
    expect(textOf((await mail).raw)).toContain('Hovedopptaket har søknadsfrist 1. mars.');
  }
  c.send({ type: 'transcript_email', email: 'innbygger@example.org' });
  expect(await c.next('error')).toMatchObject({ code: 'limit_reached' });
});

it('says so when e-mail is not set up or the SMTP server fails', async () => {
  await t.close();
  t = await startTestServer({ clock: new FakeClock(SATURDAY_NOON) });
  const c = await t.citizen();
  await c.start();
  c.send({ type: 'transcript_email', email: 'innbygger@example.org' });
  expect(await c.next('error')).toMatchObject({ code: 'mail_unavailable' });
  await t.close();
  t = await startTestServer({
    clock: new FakeClock(SATURDAY_NOON),
    patch: (cfg) => {
      cfg.smtp.enabled = true;
      cfg.smtp.url = 'smtp://127.0.0.1:9';
    },
  });
  const d = await t.citizen();
  await d.start();
  d.send({ type: 'message', clientId: 'm1', text: 'barnehage' });
  await d.next('bot');
  d.send({ type: 'transcript_email', email: 'innbygger@example.org' });
  expect(await d.next('error', () => true, 20_000)).toMatchObject({ code: 'mail_failed' });
});
