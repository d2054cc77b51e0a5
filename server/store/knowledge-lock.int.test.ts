import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMissing, startPostgres, type TestPostgres } from '../test-support/postgres.ts';
import { SaveBusy } from './knowledge-lock.ts';
import { openPostgresStore, openStore, type Store } from './store.ts';

/** Two pools on one database stand for two nodes. */
const missing = postgresMissing();
if (missing) console.warn(`PostgreSQL knowledge-lock tests skipped: ${missing}`);

let pg: TestPostgres | undefined;
const stores: Store[] = [];
let databases = 0;
beforeAll(async () => {
  if (!missing) pg = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const s of stores) await s.close();
  await pg?.stop();
});

async function twoNodes(): Promise<{ a: Store; b: Store }> {
  const url = await pg!.createDatabase(`lock${++databases}`);
  const a = await openPostgresStore(url, { poolSize: 3 });
  const b = await openPostgresStore(url, { poolSize: 3 });
  stores.push(a, b);
  return { a, b };
}

function gate(): { open(): void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** The database session holding the knowledge lock, seen from another node. */
async function holder(store: Store): Promise<number | undefined> {
  for (let i = 0; i < 200; i++) {
    const row = await store.sql.get<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = ?`,
      [0x5a7a_0002],
    );
    if (row) return row.pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  return undefined;
}

describe('the knowledge lock on one SQLite node', () => {
  it('runs the work as is, with a fence that lets the write through', async () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-lock-')), 'svar.db'));
    stores.push(store);
    expect(await store.knowledgeLock(async (fence) => (await fence(), 'done'))).toBe('done');
  });
});

describe.skipIf(missing !== undefined)('the knowledge lock across two nodes on PostgreSQL', () => {
  it('lets one node in at a time: the second waits until the first is done', async () => {
    const { a, b } = await twoNodes();
    const order: string[] = [];
    const release = gate();
    const first = a.knowledgeLock(async () => {
      order.push('a in');
      await release.opened;
      order.push('a out');
    });
    expect(await holder(b)).toBeDefined();
    const second = b.knowledgeLock(async () => void order.push('b in'));
    // b is queued on the database, not running, while a holds the lock.
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(['a in']);
    release.open();
    await Promise.all([first, second]);
    expect(order).toEqual(['a in', 'a out', 'b in']);
  });

  it('gives up waiting with save_busy instead of hanging a request', async () => {
    const { a, b } = await twoNodes();
    const release = gate();
    const first = a.knowledgeLock(() => release.opened);
    expect(await holder(b)).toBeDefined();
    await expect(b.knowledgeLock(async () => 'never', { waitMs: 150 })).rejects.toBeInstanceOf(SaveBusy);
    release.open();
    await first;
    expect(await b.knowledgeLock(async () => 'after')).toBe('after');
  });

  it('is freed when the connection of the holding node dies, and the fence then stops that node writing', async () => {
    const { a, b } = await twoNodes();
    const release = gate();
    let fenced: unknown;
    const first = a.knowledgeLock(async (fence) => {
      await release.opened;
      await fence().catch((error: unknown) => (fenced = error));
    });
    const pid = await holder(b);
    expect(pid).toBeDefined();
    await b.sql.get('SELECT pg_terminate_backend(?)', [pid!]);
    expect(await b.knowledgeLock(async () => 'b saved', { waitMs: 10_000 })).toBe('b saved');
    release.open();
    await first;
    expect(fenced).toBeInstanceOf(SaveBusy);
  });

  it('is freed after the lease when the holder freezes, and the woken holder is fenced off', async () => {
    const { a, b } = await twoNodes();
    let fenced: unknown;
    await a.knowledgeLock(
      async (fence) => {
        // A frozen node: no heartbeat, no event loop, for well over the lease.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_500);
        await fence().catch((error: unknown) => (fenced = error));
      },
      { leaseMs: 500 },
    );
    expect(fenced).toBeInstanceOf(SaveBusy);
    expect(await b.knowledgeLock(async () => 'b saved', { waitMs: 5_000 })).toBe('b saved');
  });
});
