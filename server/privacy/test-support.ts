import type { Db } from '../store/db.ts';

export type Snapshot = Record<string, Record<string, unknown>[]>;

/** Every row of every table, in rowid order: what "nothing else changed" is checked against. */
export function snapshot(db: Db): Snapshot {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name);
  return Object.fromEntries(
    tables.map((t) => [
      t,
      db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${t}" ORDER BY rowid`).all(),
    ]),
  );
}
