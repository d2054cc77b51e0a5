import type { Store } from '../store/store.ts';

export type Snapshot = Record<string, Record<string, unknown>[]>;

/** Every row of every table, in rowid order: what "nothing else changed" is checked against. */
export async function snapshot(store: Store): Promise<Snapshot> {
  const tables = (
    await store.sql.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
  ).map((t) => t.name);
  const out: Snapshot = {};
  for (const t of tables) out[t] = await store.sql.all(`SELECT * FROM "${t}" ORDER BY rowid`);
  return out;
}
