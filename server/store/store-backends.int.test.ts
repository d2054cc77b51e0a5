import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from '../test-support/postgres.ts';
import { openPostgresStore, openStore, type Store } from './store.ts';

/**
 * The same store behaviour on both backends, and what only several connections can show: two claims racing
 * for one chat, and the chat limit under concurrent claims. On PostgreSQL the two sides are two pools on one
 * database (two nodes); SQLite serves one process, whose concurrent async callers share one connection.
 */
const T0 = '2026-03-04T09:00:00.000Z';
const missing = postgresMissing();
if (missing) console.warn(`PostgreSQL store tests skipped: ${missing}`);

let pg: TestPostgres | undefined;
let databases = 0;
beforeAll(async () => {
  if (!missing) pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  await pg?.stop();
});

type Backend = { name: string; skip: boolean; open(): Promise<{ a: Store; b: Store }> };
const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async open() {
      // One connection: better-sqlite3 blocks the thread while it waits for a lock, so two connections in one
      // process would wait on each other. Across processes BEGIN IMMEDIATE serialises the writers.
      const store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-backends-')), 'svar.db'));
      return { a: store, b: store };
    },
  },
  {
    name: 'PostgreSQL',
    skip: missing !== undefined,
    async open() {
      const url = await pg!.createDatabase(`t${++databases}`);
      const a = await openPostgresStore(url, { poolSize: 4 });
      return { a, b: await openPostgresStore(url, { poolSize: 4 }) };
    },
  },
];

async function waitingChat(store: Store, id: string): Promise<void> {
  await store.conversations.create({
    id,
    tokenHash: `h-${id}`,
    lang: 'nb',
    queue: 'helse',
    page: null,
    at: T0,
  });
  await store.conversations.patch(id, 'bot', { state: 'waiting', queue: 'helse', waitingSince: T0 }, T0);
}

async function agent(store: Store, username: string): Promise<number> {
  return store.staff.create({ username, displayName: username, role: 'agent', passwordHash: 'x', at: T0 });
}

/** The claim as HandoverService does it: lock the agent, count, update only from `waiting`. */
function claim(store: Store, id: string, agentId: number, limit: number): Promise<boolean> {
  return store.tx(async () => {
    const before = await store.conversations.get(id);
    if (before?.state !== 'waiting') return false;
    await store.conversations.lockAgent(agentId);
    if ((await store.conversations.countAssignedTo(agentId)) >= limit) return false;
    return store.conversations.patch(id, 'waiting', { state: 'assigned', agentId }, T0);
  });
}

describe.each(backends)('store on $name', (backend) => {
  it.skipIf(backend.skip)('stores, finds and updates the same way', async () => {
    const { a, b } = await backend.open();
    try {
      await waitingChat(a, 'c1');
      const first = await a.messages.append({
        conversationId: 'c1',
        clientId: 'm1',
        role: 'citizen',
        text: 'Hei 01017012345',
        redacted: 'Hei [FNR]',
        at: T0,
      });
      const again = await b.messages.append({
        conversationId: 'c1',
        clientId: 'm1',
        role: 'citizen',
        text: 'Hei 01017012345',
        redacted: 'Hei [FNR]',
        at: T0,
      });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ message: first.message, duplicate: true });
      expect((await b.conversations.waitingWithPreview()).map((c) => [c.id, c.preview])).toEqual([
        ['c1', 'Hei [FNR]'],
      ]);
      expect(await b.conversations.waitingCounts()).toEqual({ helse: 1 });
      const kari = await agent(a, 'Kari');
      expect((await b.staff.credentials('kari'))?.id).toBe(kari);
      const ticket = await a.tickets.create({
        conversationId: 'c1',
        lang: 'nb',
        queue: 'helse',
        question: 'Ring meg',
        questionRedacted: 'Ring meg',
        email: null,
        phone: '99887766',
        at: T0,
      });
      expect(await b.tickets.countOpen()).toBe(1);
      expect(await b.tickets.answer(ticket, { channel: 'phone', answer: null, staffId: kari, at: T0 })).toBe(
        true,
      );
      expect(await a.tickets.answer(ticket, { channel: 'phone', answer: null, staffId: kari, at: T0 })).toBe(
        false,
      );
      await a.events.log('bot_decision', 'c1', decision('bad', true), T0);
      await a.events.log('bot_decision', 'c1', decision('bad?', true), T0);
      expect(await b.knowledgeEditing.unanswered(10)).toMatchObject([{ count: 2 }]);
      expect(await a.healthy()).toBe(true);
      // Rolled back as a whole.
      await expect(
        a.tx(async () => {
          await a.audit.log({ actor: 'x', action: 'y', target: null, details: null, at: T0 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await b.audit.recent(10)).toEqual([]);
      expect(await a.privacy.conversationTables()).toEqual([
        'events',
        'feedback',
        'handover_transitions',
        'learning_signals',
        'messages',
        'on_call_alerts',
        'tickets',
      ]);
      expect(await a.privacy.eraseConversation('c1')).toMatchObject({
        messages: 1,
        events: 2,
        conversations: 1,
      });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it.skipIf(backend.skip)('lets exactly one of two racing claims win', async () => {
    const { a, b } = await backend.open();
    try {
      const kari = await agent(a, 'kari');
      const ola = await agent(a, 'ola');
      for (let round = 0; round < 10; round++) {
        const id = `race-${round}`;
        await waitingChat(a, id);
        const wins = await Promise.all([claim(a, id, kari, 100), claim(b, id, ola, 100)]);
        expect(wins.filter(Boolean)).toHaveLength(1);
        const after = await b.conversations.get(id);
        expect(after?.agentId).toBe(wins[0] ? kari : ola);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it.skipIf(backend.skip)('keeps the per-agent chat limit under concurrent claims', async () => {
    const { a, b } = await backend.open();
    try {
      const kari = await agent(a, 'kari');
      const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
      for (const id of ids) await waitingChat(a, id);
      const wins = await Promise.all(ids.map((id, i) => claim(i % 2 ? a : b, id, kari, 3)));
      expect(wins.filter(Boolean)).toHaveLength(3);
      expect(await a.conversations.countAssignedTo(kari)).toBe(3);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

function decision(redacted: string, unanswered: boolean) {
  return {
    kind: 'fallback',
    lang: 'nb',
    detectedLang: 'nb',
    priority: 'normal',
    unanswered,
    candidates: [],
    why: [],
    redacted,
    choice: false,
  };
}
