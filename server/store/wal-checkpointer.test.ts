import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore } from './store.ts';
import { FALLBACK_CHECKPOINT_PAGES } from './wal-checkpointer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WAL checkpoints off the server thread', () => {
  it('copies committed writes into the database file while the server connection leaves it alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'svar-ckpt-'));
    dirs.push(dir);
    const file = join(dir, 'svar.db');
    const store = openStore(file);
    const db = (store.sql as unknown as { db: Database.Database }).db;
    // SQLite's own threshold until the worker runs, a moment after the store opened.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await vi.waitFor(
      () => expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_CHECKPOINT_PAGES),
      { timeout: 10_000, interval: 50 },
    );
    const before = statSync(file).size;
    const at = new Date().toISOString();
    await store.conversations.create({ id: 'c1', tokenHash: 'h1', lang: 'nb', queue: null, page: null, at });
    // Far fewer pages than the server connection's own threshold: only the worker moves them.
    for (let i = 0; i < 200; i++) {
      await store.tx(() =>
        store.messages.append({
          conversationId: 'c1',
          role: 'citizen',
          text: 'x'.repeat(2000),
          redacted: 'x',
          at,
        }),
      );
    }
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 100 * 2000), {
      timeout: 10_000,
      interval: 50,
    });
    await store.close();
    // Everything acknowledged is there after the close, read by a connection of its own.
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 200 });
    check.close();
  });

  it('leaves an in-memory store to SQLite', () => {
    const memory = openStore(':memory:');
    const db = (memory.sql as unknown as { db: Database.Database }).db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    void memory.close();
  });
});
