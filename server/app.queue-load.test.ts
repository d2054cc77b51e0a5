import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from './config/schema.ts';
import { startTestServer, type TestServer } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

let t: TestServer;
afterEach(async () => {
  await t.close();
});

const manyOnLoopback = (c: Config) => {
  c.limits.maxConnectionsPerIp = 10_000;
  c.limits.maxWaitingPerIp = 10_000;
  c.limits.maxWaitingTotal = 10_000;
};

/** A citizen the bot has handed over; resolves once they have a queue place. */
async function waiting(i: number, headers?: Record<string, string>) {
  const c = await TestSocket.open(t.citizenUrl, { origin: t.origin, ...(headers ? { headers } : {}) });
  const { conversationId } = await c.start();
  c.send({ type: 'message', clientId: `h${i}`, text: 'handover:personal:helse' });
  await c.next('queue');
  return { c, id: conversationId as string };
}

/** What a console shows as each row's preview after applying every queue frame it got so far. */
function previews(frames: { type: string; [k: string]: unknown }[]): Map<string, string> {
  const shown = new Map<string, string>();
  for (const f of frames) {
    const items = f.items as { conversationId: string; preview: string }[];
    if (f.type === 'queue') shown.clear();
    if (f.type === 'queue' || f.type === 'queue_preview')
      for (const i of items) shown.set(i.conversationId, i.preview);
  }
  return shown;
}

describe('the waiting list under load', () => {
  it('sends staff only the changed rows when waiting citizens write, not the whole list each time', async () => {
    t = await startTestServer({ patch: manyOnLoopback });
    const kari = await t.agent('kari');
    const n = 120;
    const citizens: Awaited<ReturnType<typeof waiting>>[] = [];
    for (let i = 0; i < n; i++) citizens.push(await waiting(i));
    await kari.next('queue', (f) => f.items.length === n);

    let bytes = 0;
    const count = (data: Buffer) => (bytes += data.length);
    kari.ws.on('message', count);
    const before = kari.frames.length;
    citizens.forEach(({ c }, i) =>
      c.send({ type: 'message', clientId: `m${i}`, text: `spørsmål nummer ${i}` }),
    );
    const done = () => {
      const shown = previews(kari.frames);
      return citizens.every(({ id }, i) => shown.get(id) === `spørsmål nummer ${i}`);
    };
    for (let tries = 0; !done() && tries < 200; tries++) await new Promise((r) => setTimeout(r, 50));
    kari.ws.off('message', count);
    expect(done()).toBe(true);
    // One row is about 250 bytes; the whole list of 120 about 30 KB. Each message may cost a row, not a list.
    expect(bytes / n).toBeLessThan(600);
    expect(kari.frames.slice(before).filter((f) => f.type === 'queue')).toHaveLength(0);
    for (const { c } of citizens) c.close();
  }, 60_000);

  it('coalesces changes into one update per interval', async () => {
    t = await startTestServer({
      patch: (c) => {
        manyOnLoopback(c);
        c.limits.staffQueueUpdateMs = 1000;
      },
    });
    const kari = await t.agent('kari');
    t.clock.advance(1000); // past the update the agent's arrival caused
    const first = await waiting(0);
    await kari.next('queue', (f) => f.items.length === 1);
    const more = [await waiting(1), await waiting(2), await waiting(3)];
    // Inside the interval nothing more goes out; when it has passed, one list with all four.
    await new Promise((r) => setTimeout(r, 100));
    expect(kari.all('queue').at(-1)?.items).toHaveLength(1);
    t.clock.advance(1000);
    expect(await kari.next('queue')).toMatchObject({ items: expect.any(Array) });
    expect(kari.all('queue').at(-1)?.items).toHaveLength(4);
    for (const [i, { c }] of [first, ...more].entries())
      c.send({ type: 'message', clientId: `m${i}`, text: `hei ${i}` });
    await Promise.all([first, ...more].map(({ c }) => c.next('ack')));
    await new Promise((r) => setTimeout(r, 100));
    expect(kari.all('queue_preview')).toHaveLength(0);
    t.clock.advance(1000);
    const delta = await kari.next('queue_preview');
    expect(delta.items).toHaveLength(4);
  });

  it('bounds the waiting list per client address and in total, but never refuses a crisis', async () => {
    t = await startTestServer({
      patch: (c) => {
        c.server.trustProxy = 1;
        c.limits.maxWaitingPerIp = 2;
        c.limits.maxWaitingTotal = 3;
      },
    });
    await t.agent('kari');
    const one = { 'x-forwarded-for': '203.0.113.1' };
    await waiting(0, one);
    await waiting(1, one);
    const third = await TestSocket.open(t.citizenUrl, { origin: t.origin, headers: one });
    const welcome = await third.start();
    third.send({ type: 'human' });
    expect(await third.next('error')).toMatchObject({ code: 'queue_full' });
    expect((await t.app.store.conversations.get(welcome.conversationId))?.state).toBe('bot');
    // The bot's own handover is bounded the same way, and says so after its reply.
    third.send({ type: 'message', clientId: 'x', text: 'handover:personal:helse' });
    await third.next('bot');
    expect(await third.next('error')).toMatchObject({ code: 'queue_full' });
    expect(third.all('error').every((e) => e.clientId === undefined)).toBe(true);

    await waiting(2, { 'x-forwarded-for': '203.0.113.2' });
    const fourth = await TestSocket.open(t.citizenUrl, {
      origin: t.origin,
      headers: { 'x-forwarded-for': '203.0.113.3' },
    });
    await fourth.start();
    fourth.send({ type: 'human' });
    expect(await fourth.next('error')).toMatchObject({ code: 'queue_full' });

    third.send({ type: 'message', clientId: 'crisis', text: 'handover:crisis:helse' });
    expect(await third.next('queue')).toMatchObject({ position: 1 });
  });
});
