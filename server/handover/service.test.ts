import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openStore, type Store } from '../store/store.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { RecordingNotifier } from '../test-support/recording-notifier.ts';
import { PresenceRegistry } from './presence.ts';
import { HandoverService } from './service.ts';

const WEDNESDAY_10 = '2026-03-04T09:00:00.000Z'; // 10:00 in Oslo, Servicetorget open
const SATURDAY = '2026-03-07T10:00:00.000Z';
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

interface World {
  config: Config;
  store: Store;
  clock: FakeClock;
  notifier: RecordingNotifier;
  service: HandoverService;
  kari: number;
  ola: number;
}

async function world(
  path = join(mkdtempSync(join(tmpdir(), 'svar-handover-')), 'svar.db'),
  start = WEDNESDAY_10,
): Promise<World> {
  const config = loadConfig({ env: {} });
  config.limits.agentMaxConcurrentChats = 2;
  config.limits.staffQueueUpdateMs = 0;
  const store = openStore(path);
  const clock = new FakeClock(start);
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
      at: start,
    }));
  return { config, store, clock, notifier, service, kari: await staff('kari'), ola: await staff('ola') };
}

async function conversation(w: World, id: string): Promise<string> {
  await w.store.conversations.create({
    id,
    tokenHash: `h-${id}`,
    lang: 'nb',
    queue: null,
    page: null,
    at: w.clock.now().toISOString(),
  });
  return id;
}

describe('HandoverService', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });

  it('sends a citizen to the offline form when nobody is on duty', async () => {
    const id = await conversation(w, 'c1');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    expect((await w.store.conversations.get(id))?.state).toBe('offline');
    expect(w.notifier.toCitizen(id)).toEqual([{ type: 'offline', reason: 'no_agent' }]);
    expect((await w.store.transitions.list(id)).map((t) => `${t.from}>${t.to}:${t.reason}`)).toEqual([
      'bot>waiting:human_request',
      'waiting>offline:no_agent',
    ]);
  });

  it('sends a citizen to the offline form when the office is closed, with the next opening', async () => {
    w.clock.set(SATURDAY);
    await w.service.agentConnected(w.kari, 'Kari');
    const id = await conversation(w, 'c1');
    await w.service.requestHandover(id, {
      reason: 'personal',
      queue: 'oppvekst',
      priority: 'normal',
      actor: 'bot',
    });
    expect(w.notifier.toCitizen(id)).toEqual([
      { type: 'offline', reason: 'office_closed', opensAt: '2026-03-09T07:00:00.000Z' },
    ]);
  });

  it('updates staff at most once an interval, and not later than that when the clock is set back', async () => {
    w.config.limits.staffQueueUpdateMs = 1000;
    await w.service.agentConnected(w.kari, 'Kari');
    await flush();
    const lists = () => w.notifier.broadcasts.filter((f) => f.type === 'queue').length;
    const before = lists();
    const handover = async (id: string) =>
      await w.service.requestHandover(await conversation(w, id), {
        reason: 'human_request',
        queue: 'helse',
        priority: 'normal',
        actor: 'citizen',
      });
    await handover('a');
    await handover('b');
    await flush();
    expect(lists()).toBe(before);
    w.clock.advance(1000);
    expect(lists()).toBe(before + 1);
    w.clock.set('2026-03-03T09:00:00.000Z'); // the day before, in office hours
    await handover('c');
    await flush();
    expect((await w.store.conversations.get('c'))?.state).toBe('waiting');
    expect(lists()).toBe(before + 2);
  });

  it('queues crisis first, pushes positions, and is idempotent', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    const a = await conversation(w, 'a');
    const b = await conversation(w, 'b');
    await w.service.requestHandover(a, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    await flush();
    await w.service.requestHandover(b, {
      reason: 'crisis',
      queue: 'helse',
      priority: 'urgent',
      actor: 'bot',
    });
    const again = await w.service.requestHandover(b, {
      reason: 'crisis',
      queue: 'helse',
      priority: 'urgent',
      actor: 'bot',
    });
    await flush();
    expect(again.status).toBe('noop');
    expect(await w.store.transitions.list(b)).toHaveLength(1);
    expect(w.notifier.toCitizen(a)).toEqual([
      { type: 'queue', queue: 'helse', position: 1, estimatedWaitSeconds: 300 },
      { type: 'queue', queue: 'helse', position: 2, estimatedWaitSeconds: 600 },
    ]);
    expect(w.notifier.toCitizen(b)).toEqual([
      { type: 'queue', queue: 'helse', position: 1, estimatedWaitSeconds: 300 },
    ]);
    const snapshot = w.notifier.broadcasts.filter((f) => f.type === 'queue').pop();
    expect(snapshot?.type === 'queue' && snapshot.items.map((i) => [i.conversationId, i.priority])).toEqual([
      ['b', 'urgent'],
      ['a', 'normal'],
    ]);
  });

  it('lets exactly one of two agents claim a chat, and enforces the chat limit', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    await w.service.agentConnected(w.ola, 'Ola');
    const ids: string[] = [];
    for (const id of ['a', 'b', 'c']) ids.push(await conversation(w, id));
    for (const id of ids) {
      await w.service.requestHandover(id, {
        reason: 'human_request',
        queue: 'helse',
        priority: 'normal',
        actor: 'citizen',
      });
    }
    expect(await w.service.claim(w.kari, 'a')).toEqual({ ok: true });
    expect(await w.service.claim(w.ola, 'a')).toEqual({ ok: false, code: 'already_claimed' });
    expect(await w.service.claim(w.kari, 'a')).toEqual({ ok: true });
    expect(await w.store.conversations.get('a')).toMatchObject({ state: 'assigned', agentId: w.kari });
    expect(w.notifier.toCitizen('a')).toContainEqual({ type: 'agent_joined', firstName: 'Kari' });
    expect(await w.service.claim(w.kari, 'b')).toEqual({ ok: true });
    expect(await w.service.claim(w.kari, 'c')).toEqual({ ok: false, code: 'chat_limit' });
    expect((await w.store.audit.recent(10)).filter((e) => e.action === 'claim')).toHaveLength(2);
  });

  it('requeues the chats of an agent who stays away past the grace period', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    await w.service.agentConnected(w.ola, 'Ola');
    const id = await conversation(w, 'a');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    await w.service.claim(w.kari, id);
    await w.service.agentDisconnected(w.kari);
    w.clock.advance(59_000);
    expect((await w.store.conversations.get(id))?.state).toBe('assigned');
    await w.service.agentConnected(w.kari, 'Kari'); // back in time
    await w.service.agentDisconnected(w.kari);
    w.clock.advance(60_000);
    expect(await w.store.conversations.get(id)).toMatchObject({
      state: 'waiting',
      agentId: null,
      queue: 'helse',
    });
    expect(w.notifier.toCitizen(id)).toContainEqual({ type: 'agent_left' });
    expect(w.notifier.toAgent(w.kari)).toContainEqual({
      type: 'unassigned',
      conversationId: id,
      reason: 'agent_gone',
    });
  });

  it('offers the offline form after the wait limit', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    const id = await conversation(w, 'a');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    w.clock.advance(w.config.limits.maxQueueWaitSeconds * 1000);
    expect((await w.store.conversations.get(id))?.state).toBe('offline');
    expect(w.notifier.toCitizen(id)).toContainEqual({ type: 'offline', reason: 'wait_limit' });
    expect((await w.store.events.forConversation(id)).map((e) => e.type)).toEqual([
      'handover_requested',
      'offline_offered',
      'queue_left',
    ]);
  });

  it('transfers to a queue and to another agent, and closes with a contact type', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    await w.service.agentConnected(w.ola, 'Ola');
    const id = await conversation(w, 'a');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'servicetorget',
      priority: 'normal',
      actor: 'citizen',
    });
    await w.service.claim(w.kari, id);
    expect(await w.service.transferToQueue(w.ola, id, 'helse')).toEqual({ ok: false, code: 'forbidden' });
    expect(await w.service.transferToQueue(w.kari, id, 'nope')).toEqual({ ok: false, code: 'unknown_queue' });
    expect(await w.service.transferToQueue(w.kari, id, 'byggesak')).toEqual({ ok: true });
    expect(await w.store.conversations.get(id)).toMatchObject({
      state: 'waiting',
      queue: 'byggesak',
      agentId: null,
    });
    await w.service.claim(w.ola, id);
    expect(await w.service.transferToAgent(w.ola, id, w.kari)).toEqual({ ok: true });
    expect(await w.store.conversations.get(id)).toMatchObject({ state: 'assigned', agentId: w.kari });
    expect(w.notifier.toAgent(w.ola)).toContainEqual({
      type: 'unassigned',
      conversationId: id,
      reason: 'transferred',
    });
    expect(await w.service.close(w.ola, id, 'general_advice')).toEqual({ ok: false, code: 'forbidden' });
    expect(await w.service.close(w.kari, id, 'new_case', 'Søknad 12345678901')).toEqual({ ok: true });
    expect(await w.store.conversations.get(id)).toMatchObject({ state: 'closed', contactType: 'new_case' });
    const closed = (await w.store.events.forConversation(id)).find((e) => e.type === 'closed');
    expect(closed?.payload).toMatchObject({
      by: 'agent',
      contactType: 'new_case',
      noteRedacted: 'Søknad [FNR]',
    });
    expect(w.notifier.toCitizen(id)).toContainEqual({ type: 'closed', reason: 'agent_closed' });
    expect((await w.store.transitions.list(id)).map((t) => `${t.from}>${t.to}:${t.reason}`)).toEqual([
      'bot>waiting:human_request',
      'waiting>assigned:claimed',
      'assigned>waiting:transfer_queue',
      'waiting>assigned:claimed',
      'assigned>assigned:transfer_agent',
      'assigned>closed:agent_closed',
    ]);
  });

  it('refuses a transfer to an agent who is not online', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    const id = await conversation(w, 'a');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    await w.service.claim(w.kari, id);
    expect(await w.service.transferToAgent(w.kari, id, w.ola)).toEqual({
      ok: false,
      code: 'agent_unavailable',
    });
  });

  it('records an abandoned wait when the citizen ends the chat', async () => {
    await w.service.agentConnected(w.kari, 'Kari');
    const id = await conversation(w, 'a');
    await w.service.requestHandover(id, {
      reason: 'human_request',
      queue: 'helse',
      priority: 'normal',
      actor: 'citizen',
    });
    w.clock.advance(30_000);
    await w.service.citizenEnded(id);
    expect((await w.store.events.forConversation(id)).find((e) => e.type === 'queue_left')?.payload).toEqual({
      queue: 'helse',
      outcome: 'abandoned',
      waitedSeconds: 30,
    });
    expect((await w.service.citizenEnded(id)).status).toBe('noop');
  });

  it('rebuilds timers after a restart from what SQLite holds', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'svar-handover-')), 'svar.db');
    const first = await world(path);
    await first.service.agentConnected(first.kari, 'Kari');
    await conversation(first, 'held');
    await conversation(first, 'waits');
    for (const id of ['held', 'waits']) {
      await first.service.requestHandover(id, {
        reason: 'human_request',
        queue: 'helse',
        priority: 'normal',
        actor: 'citizen',
      });
    }
    await first.service.claim(first.kari, 'held');
    first.clock.advance(100_000);
    first.service.dispose();
    await first.store.close();

    const second = await world(path, first.clock.now().toISOString());
    await second.service.restore();
    await second.service.agentConnected(second.ola, 'Ola'); // someone is on duty, but not Kari
    expect(await second.store.conversations.get('held')).toMatchObject({
      state: 'assigned',
      agentId: second.kari,
    });
    second.clock.advance(second.config.limits.agentGraceSeconds * 1000);
    expect((await second.store.conversations.get('held'))?.state).toBe('waiting');
    second.clock.advance(
      (second.config.limits.maxQueueWaitSeconds - 100 - second.config.limits.agentGraceSeconds) * 1000 - 1,
    );
    expect((await second.store.conversations.get('waits'))?.state).toBe('waiting');
    second.clock.advance(1);
    expect((await second.store.conversations.get('waits'))?.state).toBe('offline');
  });
});
