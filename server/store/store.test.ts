import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.ts';
import { openStore, type Store } from './store.ts';

const file = (): string => join(mkdtempSync(join(tmpdir(), 'svar-store-')), 'svar.db');
const T0 = '2026-03-04T09:00:00.000Z';

async function withConversation(store: Store, id = 'c1'): Promise<void> {
  await store.conversations.create({
    id,
    tokenHash: `hash-${id}`,
    lang: 'nb',
    queue: null,
    page: null,
    at: T0,
  });
}

describe('openStore', () => {
  it('creates the schema in WAL mode and migrates only once', async () => {
    const path = file();
    const store = openStore(path);
    expect(await store.sql.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await store.sql.get('PRAGMA user_version')).toEqual({ user_version: MIGRATIONS.length });
    await withConversation(store);
    await store.close();
    const again = openStore(path);
    expect((await again.conversations.get('c1'))?.state).toBe('bot');
    await again.close();
  });

  it('refuses a database from a newer Svar', async () => {
    const path = file();
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    await raw.close();
    expect(() => openStore(path)).toThrow(/newer than this Svar/);
  });
});

describe('messages', () => {
  it('stores a client id once and returns the first row on resend', async () => {
    const store = openStore(file());
    await withConversation(store);
    const first = await store.messages.append({
      conversationId: 'c1',
      clientId: 'm-1',
      role: 'citizen',
      text: 'hei',
      redacted: 'hei',
      at: T0,
    });
    const again = await store.messages.append({
      conversationId: 'c1',
      clientId: 'm-1',
      role: 'citizen',
      text: 'hei igjen',
      redacted: 'hei igjen',
      at: T0,
    });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ message: first.message, duplicate: true });
    await store.messages.append({
      conversationId: 'c1',
      role: 'bot',
      text: 'a',
      redacted: 'a',
      meta: { kind: 'answer' },
      at: T0,
    });
    await store.messages.append({ conversationId: 'c1', role: 'bot', text: 'b', redacted: 'b', at: T0 });
    expect((await store.messages.list('c1')).map((m) => m.text)).toEqual(['hei', 'a', 'b']);
    expect((await store.messages.recent('c1', 2)).map((m) => m.text)).toEqual(['a', 'b']);
    expect((await store.messages.list('c1'))[1]?.meta).toEqual({ kind: 'answer' });
  });

  it('rejects messages for unknown conversations', async () => {
    const store = openStore(file());
    expect(
      async () =>
        await store.messages.append({
          conversationId: 'nope',
          role: 'citizen',
          text: 'x',
          redacted: 'x',
          at: T0,
        }),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('conversations', () => {
  it('patches only from the expected state', async () => {
    const store = openStore(file());
    await withConversation(store);
    expect(await store.conversations.patch('c1', 'waiting', { state: 'assigned', agentId: null }, T0)).toBe(
      false,
    );
    expect(
      await store.conversations.patch(
        'c1',
        'bot',
        { state: 'waiting', queue: 'helse', waitingSince: T0 },
        T0,
      ),
    ).toBe(true);
    expect(await store.conversations.get('c1')).toMatchObject({
      state: 'waiting',
      queue: 'helse',
      waitingSince: T0,
    });
  });

  it('orders a queue crisis first, then by waiting time', async () => {
    const store = openStore(file());
    const wait = async (id: string, since: string, priority: 'urgent' | 'normal'): Promise<void> => {
      await withConversation(store, id);
      await store.conversations.patch(
        id,
        'bot',
        { state: 'waiting', queue: 'helse', waitingSince: since, priority },
        since,
      );
    };
    wait('a', '2026-03-04T09:00:00.000Z', 'normal');
    wait('b', '2026-03-04T09:01:00.000Z', 'normal');
    wait('c', '2026-03-04T09:02:00.000Z', 'urgent');
    expect((await store.conversations.waitingIn('helse')).map((c) => c.id)).toEqual(['c', 'a', 'b']);
    expect(await store.conversations.waitingCounts()).toEqual({ helse: 3 });
  });
});

describe('tickets, sessions, events', () => {
  it('answers a ticket once', async () => {
    const store = openStore(file());
    const id = await store.tickets.create({
      conversationId: null,
      lang: 'nb',
      queue: 'servicetorget',
      question: 'Når tømmes søpla?',
      questionRedacted: 'Når tømmes søpla?',
      email: 'a@example.org',
      phone: null,
      at: T0,
    });
    expect((await store.tickets.list('open')).map((t) => t.id)).toEqual([id]);
    const staffId = await store.staff.create({
      username: 'kari',
      displayName: 'Kari',
      role: 'agent',
      passwordHash: 'x',
      at: T0,
    });
    expect(await store.tickets.answer(id, { channel: 'email', answer: 'Tirsdag', staffId, at: T0 })).toBe(
      true,
    );
    expect(await store.tickets.answer(id, { channel: 'phone', answer: null, staffId, at: T0 })).toBe(false);
    expect(await store.tickets.get(id)).toMatchObject({
      status: 'answered',
      channel: 'email',
      answer: 'Tirsdag',
    });
  });

  it('finds live sessions of enabled staff only', async () => {
    const store = openStore(file());
    const staffId = await store.staff.create({
      username: 'Kari',
      displayName: 'Kari',
      role: 'agent',
      passwordHash: 'x',
      at: T0,
    });
    await store.sessions.create('h', staffId, T0, '2026-03-04T21:00:00.000Z');
    expect((await store.sessions.find('h', '2026-03-04T10:00:00.000Z'))?.username).toBe('Kari');
    expect(await store.sessions.find('h', '2026-03-04T21:00:00.000Z')).toBeUndefined();
    expect((await store.staff.credentials('kari'))?.id).toBe(staffId);
    await store.staff.setDisabled('kari', true);
    expect(await store.sessions.find('h', '2026-03-04T10:00:00.000Z')).toBeUndefined();
  });

  it('logs events as JSON', async () => {
    const store = openStore(file());
    await withConversation(store);
    await store.events.log(
      'handover_requested',
      'c1',
      { reason: 'crisis', queue: 'helse', priority: 'urgent' },
      T0,
    );
    expect(await store.events.forConversation('c1')).toMatchObject([
      { type: 'handover_requested', payload: { reason: 'crisis', queue: 'helse' } },
    ]);
  });

  it('rolls a failed transaction back completely', async () => {
    const store = openStore(file());
    await withConversation(store);
    expect(
      async () =>
        await store.tx(() => {
          store.conversations.patch('c1', 'bot', { state: 'closed' }, T0);
          throw new Error('boom');
        }),
    ).toThrow('boom');
    expect((await store.conversations.get('c1'))?.state).toBe('bot');
  });
});
