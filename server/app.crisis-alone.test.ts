import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { texts } from '../bot/index.ts';
import { signBody } from './alerts/on-call.ts';
import type { Config } from './config/schema.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { startSmtp, textOf } from './test-support/smtp.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import type { TestSocket } from './test-support/ws-client.ts';

/** Saturday 7 March 2026, 18:00 in Oslo: every queue is closed until Monday 08:00 (07:00 UTC). */
const SATURDAY_EVENING = '2026-03-07T17:00:00.000Z';
const MONDAY_MORNING = '2026-03-09T08:30:00.000Z';
const SECRET = 'a-shared-secret-for-the-webhook';
const CONSOLE = 'https://svar.fjordvik.kommune.example/staff';
const nb = texts('nb');

interface Hook {
  url: string;
  calls: { headers: IncomingHttpHeaders; body: string }[];
  /** HTTP status for each call in turn; the last one repeats. 0 means never answer. */
  statuses: number[];
  server: Server;
}

async function startHook(statuses: number[] = [204]): Promise<Hook> {
  const hook = { calls: [], statuses } as unknown as Hook;
  hook.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hook.calls.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = hook.statuses[hook.calls.length - 1] ?? hook.statuses[hook.statuses.length - 1] ?? 204;
      if (status !== 0) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/svar-alert`;
  return hook;
}

let t: TestServer;
let hook: Hook;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

async function start(o: { statuses?: number[]; patch?: (c: Config) => void; at?: string } = {}) {
  hook = await startHook(o.statuses);
  smtp = await startSmtp();
  t = await startTestServer({
    clock: new FakeClock(o.at ?? SATURDAY_EVENING),
    patch: (c) => {
      c.smtp.enabled = true;
      c.smtp.url = smtp.url;
      c.crisis.onCall = {
        email: ['vakt@fjordvik.kommune.example'],
        webhook: { url: hook.url, secret: SECRET, timeoutSeconds: 5 },
        consoleUrl: CONSOLE,
        maxAttempts: 3,
        retrySeconds: 60,
      };
      o.patch?.(c);
    },
  });
}

afterEach(async () => {
  await t.close();
  hook.server.closeAllConnections();
  await new Promise<void>((resolve) => hook.server.close(() => resolve()));
  await smtp.close();
});

/** A citizen in crisis; resolves with the bot's reply and the offline frame. */
async function crisis(c?: TestSocket, text = 'handover:crisis jeg vil ikke leve, fnr 01019912345') {
  const citizen = c ?? (await t.citizen());
  const welcome = c ? undefined : await citizen.start({ queue: 'helse' });
  citizen.send({ type: 'message', clientId: `m-${Math.random()}`, text });
  const bot = await citizen.next('bot');
  const offline = await citizen.next('offline');
  return { citizen, id: (welcome?.conversationId as string | undefined) ?? '', bot, offline };
}

describe('a crisis out of office hours', () => {
  beforeEach(() => start());

  it('says plainly that nobody is on duty, lists every number once, and offers the form only as an option', async () => {
    const { bot, offline } = await crisis();
    expect(bot.text).toContain(nb.crisisNobodyOnDuty);
    expect(bot.text).not.toContain('Jeg setter deg over');
    expect(bot.text).toContain(nb.crisisServicesIntro);
    const numbers = (bot.emergency as { number: string }[]).map((n) => n.number);
    expect(numbers).toEqual(['113', '116 117', '116 111']);
    for (const n of numbers) expect(bot.text.split(n)).toHaveLength(2);
    expect(bot.emergency).toContainEqual({ label: 'Legevakt', number: '116 117' });
    expect(bot.emergency).toContainEqual(
      expect.objectContaining({ number: '116 111', note: 'vold, overgrep, omsorgssvikt' }),
    );
    // The form comes after, marked urgent so the widget offers it rather than asking for it.
    expect(offline).toMatchObject({ type: 'offline', reason: 'office_closed', urgent: true });
  });

  it('alerts on-call by signed webhook and by e-mail, with the redacted message and a link', async () => {
    const mail = smtp.next();
    const { id } = await crisis();
    const received = await mail;
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(1);
    const call = hook.calls[0]!;
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-svar-signature']).toBe(signBody(call.body, SECRET));
    const payload = JSON.parse(call.body) as Record<string, unknown>;
    expect(payload).toMatchObject({
      type: 'svar.crisis_unattended',
      conversationId: id,
      reason: 'office_closed',
      municipality: 'Fjordvik kommune',
      link: `${CONSOLE}#conversation=${id}`,
    });
    expect(payload.message).toContain('[FNR]');
    expect(call.body).not.toContain('01019912345');

    expect(received.to).toEqual(['vakt@fjordvik.kommune.example']);
    expect(received.raw).toMatch(/Subject: .*krise/i);
    const text = textOf(received.raw);
    expect(text).toContain('[FNR]');
    expect(text).not.toContain('01019912345');
    expect(text).toContain(`${CONSOLE}#conversation=${id}`);
    expect(
      (await t.app.store.alerts.forConversation(id)).map((a) => [a.channel, a.status, a.attempts]),
    ).toEqual([
      ['email', 'sent', 1],
      ['webhook', 'sent', 1],
    ]);
  });

  it('alerts once per conversation, however many crisis messages follow, and not again after a restart', async () => {
    const { citizen, id } = await crisis();
    await t.app.alerts.settled();
    await crisis(citizen, 'handover:crisis jeg mener det');
    await t.app.alerts.settled();
    t = await t.restart();
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(await t.app.store.alerts.forConversation(id)).toHaveLength(2);
    // A second conversation is its own alert.
    await crisis();
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(2);
  });

  it('puts the crisis at the top of the queue, urgent, when staff come on duty', async () => {
    const { citizen, id } = await crisis();
    // Someone else asked for a person on Sunday and left a message: an ordinary offline ticket.
    t.clock.set('2026-03-08T12:00:00.000Z');
    const other = await t.citizen();
    const otherId = (await other.start()).conversationId as string;
    other.send({ type: 'human' });
    await other.next('offline');
    // The citizen in crisis asks for a person again: still a crisis, still urgent.
    citizen.send({ type: 'human' });
    await citizen.next('offline', (f) => f.urgent === true);

    t.clock.set(MONDAY_MORNING);
    const kari = await t.agent('kari');
    const queue = await kari.next('queue', (f) => f.items.length > 0);
    expect(queue.items).toEqual([
      expect.objectContaining({
        conversationId: id,
        priority: 'urgent',
        reason: 'crisis',
        waitingSince: SATURDAY_EVENING,
      }),
    ]);
    expect((await t.app.store.conversations.get(otherId))?.state).toBe('offline');
    expect(await citizen.next('queue')).toMatchObject({ position: 1 });

    // A chat that comes in now waits behind the crisis.
    const now = await t.citizen();
    const nowId = (await now.start()).conversationId as string;
    now.send({ type: 'human' });
    await now.next('queue');
    const both = await kari.next('queue', (f) => f.items.length === 2);
    expect(both.items.map((i: { conversationId: string }) => i.conversationId)).toEqual([id, nowId]);
    kari.send({ type: 'claim', conversationId: id });
    expect(await citizen.next('agent_joined')).toMatchObject({ firstName: 'Kari' });
  });

  it('brings the crisis back when the queue opens, for staff already logged in', async () => {
    const { id } = await crisis();
    expect((await t.app.store.conversations.get(id))?.state).toBe('offline');
    // Kari logs in on Monday before the queue opens (a session from Saturday would have expired by then).
    t.clock.advance(Date.parse('2026-03-09T06:50:00.000Z') - Date.parse(SATURDAY_EVENING));
    const kari = await t.agent('kari');
    t.clock.advance(10 * 60_000);
    const queue = await kari.next('queue', (f) => f.items.length > 0);
    expect(queue.items[0]).toMatchObject({ conversationId: id, priority: 'urgent' });
  });
});

describe('on-call delivery', () => {
  it('retries a failing webhook a bounded number of times, then gives up and says so', async () => {
    await start({ statuses: [500] });
    const { id } = await crisis();
    await t.app.alerts.settled();
    for (let i = 0; i < 4; i++) {
      t.clock.advance(60_000);
      await t.app.alerts.settled();
    }
    expect(hook.calls).toHaveLength(3);
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'webhook answered HTTP 500',
    });
    const outcomes = (await t.app.store.events.forConversation(id))
      .filter((e) => e.type === 'on_call_alert')
      .map((e) => (e.payload as { channel: string; outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(3);
  });

  it('gets through on a retry', async () => {
    await start({ statuses: [503, 200] });
    const { id } = await crisis();
    await t.app.alerts.settled();
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(60_000);
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(2);
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends an alert a restart interrupted, with its reason', async () => {
    await start({ statuses: [503, 204] });
    const { id } = await crisis();
    await t.app.alerts.settled();
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'pending', attempts: 1 });
    t = await t.restart();
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(2);
    expect(JSON.parse(hook.calls[1]!.body)).toMatchObject({ conversationId: id, reason: 'office_closed' });
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up on a webhook that does not answer within its timeout, without holding up the citizen', async () => {
    await start({
      statuses: [0],
      patch: (c) => {
        c.crisis.onCall.webhook = { url: hook.url, secret: SECRET, timeoutSeconds: 0.3 };
        c.crisis.onCall.maxAttempts = 1;
      },
    });
    const { id, bot } = await crisis();
    expect(bot.text).toContain(nb.crisisNobodyOnDuty);
    await t.app.alerts.settled();
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('a webhook that hangs holds up neither the citizen nor the shutdown', async () => {
    await start({
      statuses: [0],
      patch: (c) => {
        c.crisis.onCall.webhook = { url: hook.url, secret: SECRET, timeoutSeconds: 60 };
      },
    });
    const { citizen, id } = await crisis();
    await expect.poll(() => hook.calls.length).toBe(1);
    citizen.send({ type: 'message', clientId: 'after', text: 'Når er opptaket i barnehage?' });
    expect(await citizen.next('bot')).toMatchObject({ kind: 'answer' });
    expect(await t.app.store.alerts.get(id, 'webhook')).toMatchObject({ status: 'pending', attempts: 1 });
    // The e-mail went its own way meanwhile.
    await expect.poll(() => smtp.mails.length).toBe(1);
    await t.close();
  });

  it('with staff on duty, a crisis goes to them as before and nobody is alerted', async () => {
    await start({ at: MONDAY_MORNING });
    const kari = await t.agent('kari');
    const c = await t.citizen();
    const { conversationId } = await c.start();
    c.send({ type: 'message', clientId: 'm1', text: 'handover:crisis' });
    const bot = await c.next('bot');
    expect(bot.text).not.toContain(nb.crisisNobodyOnDuty);
    await c.next('queue');
    await kari.next('queue', (f) => f.items.length === 1);
    await t.app.alerts.settled();
    expect(hook.calls).toHaveLength(0);
    expect(await t.app.store.alerts.forConversation(conversationId as string)).toEqual([]);
  });

  it('when nobody takes a crisis in time, it stays on top of the queue and on-call is alerted', async () => {
    await start({ at: MONDAY_MORNING });
    const kari = await t.agent('kari');
    const c = await t.citizen();
    const { conversationId } = await c.start();
    c.send({ type: 'message', clientId: 'm1', text: 'handover:crisis' });
    await c.next('queue');
    t.clock.advance(t.config.limits.maxQueueWaitSeconds * 1000 + 1);
    await t.app.alerts.settled();
    expect((await t.app.store.conversations.get(conversationId as string))?.state).toBe('waiting');
    expect(c.all('offline')).toHaveLength(0);
    expect(hook.calls).toHaveLength(1);
    expect(JSON.parse(hook.calls[0]!.body)).toMatchObject({ reason: 'wait_limit' });
    await kari.next('queue', (f) => f.items[0]?.priority === 'urgent');
  });
});
