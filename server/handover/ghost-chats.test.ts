import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { configSchema } from '../config/schema.ts';
import { openStore, type Store } from '../store/store.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { RecordingNotifier } from '../test-support/recording-notifier.ts';
import { PresenceRegistry } from './presence.ts';
import { HandoverService } from './service.ts';

/** Lets the work a fired timer started (store calls) finish. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

const WEDNESDAY_10 = '2026-03-04T09:00:00.000Z'; // 10:00 in Oslo, every queue open
const GONE_SECONDS = 120;

interface World {
  store: Store;
  clock: FakeClock;
  notifier: RecordingNotifier;
  service: HandoverService;
  kari: number;
  ola: number;
  path: string;
}

async function world(path = join(mkdtempSync(join(tmpdir(), 'svar-ghost-')), 'svar.db')): Promise<World> {
  const config = loadConfig({ env: {} });
  config.limits.staffQueueUpdateMs = 0;
  config.limits.visitorGoneCloseSeconds = GONE_SECONDS;
  const store = openStore(path);
  const clock = new FakeClock(WEDNESDAY_10);
  const notifier = new RecordingNotifier();
  const service = new HandoverService({
    store,
    config,
    clock,
    notifier,
    presence: new PresenceRegistry(),
    redact: (t) => t.replace(/\d{11}/g, '[FNR]'),
  });
  const staff = async (username: string): Promise<number> =>
    (await store.staff.credentials(username))?.id ??
    (await store.staff.create({
      username,
      displayName: username[0]!.toUpperCase() + username.slice(1),
      role: 'agent',
      passwordHash: 'x',
      at: WEDNESDAY_10,
    }));
  return { store, clock, notifier, service, kari: await staff('kari'), ola: await staff('ola'), path };
}

/** A citizen with the page open who asked for a person and is now waiting. */
async function waiting(w: World, id: string): Promise<string> {
  await w.store.conversations.create({
    id,
    tokenHash: `h-${id}`,
    lang: 'nb',
    queue: null,
    page: null,
    at: w.clock.now().toISOString(),
  });
  await w.service.citizenConnected(id);
  await w.service.requestHandover(id, {
    reason: 'human_request',
    queue: 'helse',
    priority: 'normal',
    actor: 'citizen',
  });
  return id;
}

const visitorFrames = (w: World, id: string) =>
  w.notifier.broadcasts.flatMap((f) => (f.type === 'visitor' && f.conversationId === id ? [f.visitor] : []));
const transitions = async (w: World, id: string) =>
  (await w.store.transitions.list(id)).map((t) => `${t.from}>${t.to}:${t.reason}`);

describe('ghost chats', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await w.service.agentConnected(w.kari, 'Kari');
  });

  it('tells staff when a waiting citizen’s page goes and comes back, and says so in the queue list', async () => {
    const id = await waiting(w, 'c1');
    expect(await w.service.queueFrame()).toMatchObject({
      items: [{ conversationId: id, visitor: { online: true } }],
    });
    w.clock.advance(5_000);
    await flush();
    await w.service.citizenDisconnected(id);
    expect(visitorFrames(w, id)).toEqual([{ online: false, since: '2026-03-04T09:00:05.000Z' }]);
    expect(await w.service.queueFrame()).toMatchObject({ items: [{ visitor: { online: false } }] });
    await w.service.citizenConnected(id);
    expect(visitorFrames(w, id).at(-1)).toMatchObject({ online: true });
    // Back in time: no ghost, however long it then waits.
    w.clock.advance(GONE_SECONDS * 3 * 1000);
    await flush();
    expect((await w.store.conversations.get(id))?.state).toBe('waiting');
  });

  it('closes a waiting chat as abandoned once the page has been gone past the configured time', async () => {
    const id = await waiting(w, 'c1');
    await w.service.citizenDisconnected(id);
    w.clock.advance((GONE_SECONDS - 1) * 1000);
    await flush();
    expect((await w.store.conversations.get(id))?.state).toBe('waiting');
    w.clock.advance(1000);
    await flush();
    expect((await w.store.conversations.get(id))?.state).toBe('closed');
    expect(await transitions(w, id)).toEqual(['bot>waiting:human_request', 'waiting>closed:abandoned']);
    const left = (await w.store.events.forConversation(id)).filter((e) => e.type === 'queue_left');
    expect(left.map((e) => e.payload.outcome)).toEqual(['abandoned']);
    expect(await w.service.queueFrame()).toEqual({ type: 'queue', items: [] });
  });

  it('a second tab keeps the citizen online until the last one closes', async () => {
    const id = await waiting(w, 'c1');
    await w.service.citizenConnected(id);
    await w.service.citizenDisconnected(id);
    expect(visitorFrames(w, id)).toEqual([]);
    w.clock.advance(GONE_SECONDS * 2 * 1000);
    await flush();
    expect((await w.store.conversations.get(id))?.state).toBe('waiting');
  });

  it('closes an assigned chat whose page is gone and tells its agent; abandoning twice is a no-op', async () => {
    const id = await waiting(w, 'c1');
    expect(await w.service.claim(w.kari, id)).toEqual({ ok: true });
    await w.service.citizenDisconnected(id);
    w.clock.advance(GONE_SECONDS * 1000);
    await flush();
    expect((await w.store.conversations.get(id))?.state).toBe('closed');
    expect(w.notifier.toAgent(w.kari)).toContainEqual({
      type: 'conversation_closed',
      conversationId: id,
      reason: 'abandoned',
    });
    expect((await w.service.abandon(id)).status).toBe('noop');
    expect(await transitions(w, id)).toEqual([
      'bot>waiting:human_request',
      'waiting>assigned:claimed',
      'assigned>closed:abandoned',
    ]);
    const closed = (await w.store.events.forConversation(id)).filter((e) => e.type === 'closed');
    expect(closed.map((e) => [e.payload.by, e.payload.reason])).toEqual([['system', 'abandoned']]);
  });

  it('does not abandon a chat the citizen ended, nor one in the bot', async () => {
    const id = await waiting(w, 'c1');
    await w.service.citizenEnded(id);
    await w.service.citizenDisconnected(id);
    await w.store.conversations.create({
      id: 'b',
      tokenHash: 'h-b',
      lang: 'nb',
      queue: null,
      page: null,
      at: WEDNESDAY_10,
    });
    await w.service.citizenConnected('b');
    await w.service.citizenDisconnected('b');
    w.clock.advance(GONE_SECONDS * 2 * 1000);
    await flush();
    expect(await transitions(w, id)).toEqual(['bot>waiting:human_request', 'waiting>closed:citizen_ended']);
    expect((await w.store.conversations.get('b'))?.state).toBe('bot');
    expect(w.clock.timerCount).toBe(0);
  });

  it('a crisis requeued when someone comes on duty, its page long gone, is shown as gone and then closed', async () => {
    const w2 = await world();
    await w2.service.agentDisconnected(w2.kari);
    await w2.store.conversations.create({
      id: 'k',
      tokenHash: 'h-k',
      lang: 'nb',
      queue: null,
      page: null,
      at: WEDNESDAY_10,
    });
    await w2.service.citizenConnected('k');
    await w2.service.requestHandover('k', {
      reason: 'crisis',
      queue: 'helse',
      priority: 'urgent',
      actor: 'bot',
    });
    expect((await w2.store.conversations.get('k'))?.state).toBe('offline');
    await w2.service.citizenDisconnected('k');
    await w2.service.agentConnected(w2.ola, 'Ola');
    expect((await w2.store.conversations.get('k'))?.state).toBe('waiting');
    expect(await w2.service.queueFrame()).toMatchObject({
      items: [{ conversationId: 'k', visitor: { online: false } }],
    });
    w2.clock.advance(GONE_SECONDS * 1000);
    await flush();
    expect((await transitions(w2, 'k')).at(-1)).toBe('waiting>closed:abandoned');
  });

  it('after a restart, a waiting chat whose page never comes back is abandoned, one that does is kept', async () => {
    const gone = await waiting(w, 'gone');
    const back = await waiting(w, 'back');
    w.service.dispose();
    await w.store.close();
    const again = await world(w.path);
    await again.service.restore();
    await again.service.citizenConnected(back);
    again.clock.advance(GONE_SECONDS * 1000);
    await flush();
    expect((await again.store.conversations.get(gone))?.state).toBe('closed');
    expect((await again.store.conversations.get(back))?.state).toBe('waiting');
    expect((await transitions(again, gone)).at(-1)).toBe('waiting>closed:abandoned');
  });
});

describe('transfer note', () => {
  it('reaches the agent who gets the chat, redacted, and whoever claims it from a queue', async () => {
    const w = await world();
    await w.service.agentConnected(w.kari, 'Kari');
    await w.service.agentConnected(w.ola, 'Ola');
    const id = await waiting(w, 'c1');
    await w.service.claim(w.kari, id);
    expect(
      await w.service.transferToAgent(w.kari, id, w.ola, 'Asks about 01017012345, needs housing'),
    ).toEqual({
      ok: true,
    });
    const assigned = w.notifier.toAgent(w.ola).find((f) => f.type === 'assigned');
    expect(assigned?.type === 'assigned' && assigned.conversation.transferNote).toMatchObject({
      text: 'Asks about [FNR], needs housing',
      from: 'Kari',
    });
    expect(await w.service.transferToQueue(w.ola, id, 'helse', 'Housing office knows the case')).toEqual({
      ok: true,
    });
    const info = await w.service.info((await w.store.conversations.get(id))!);
    expect(info.transferNote).toMatchObject({ text: 'Housing office knows the case', from: 'Ola' });
  });

  it('a transfer without a note shows none, even after an earlier one had a note', async () => {
    const w = await world();
    await w.service.agentConnected(w.kari, 'Kari');
    await w.service.agentConnected(w.ola, 'Ola');
    const id = await waiting(w, 'c1');
    await w.service.claim(w.kari, id);
    await w.service.transferToAgent(w.kari, id, w.ola, 'first');
    await w.service.transferToAgent(w.ola, id, w.kari);
    expect((await w.service.info((await w.store.conversations.get(id))!)).transferNote).toBeUndefined();
  });
});

describe('visitorGoneCloseSeconds', () => {
  it('is validated: too short or not a whole number is refused with its path', async () => {
    const config = loadConfig({ env: {} });
    for (const bad of [0, 2, 1.5, 200_000]) {
      const r = configSchema.safeParse({
        ...config,
        limits: { ...config.limits, visitorGoneCloseSeconds: bad },
      });
      expect(r.success, String(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['limits', 'visitorGoneCloseSeconds']);
    }
    expect(config.limits.visitorGoneCloseSeconds).toBe(600);
  });
});
