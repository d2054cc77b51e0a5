import type { Db } from './db.ts';

export interface RollupRow {
  day: string;
  department: string;
  /** JSON written by server/analytics/rollups.ts; the store does not read it. */
  data: string;
}

/**
 * Daily statistics rollups (migration 2). Which days are final, and what goes into a row, is decided in
 * server/analytics/; this file only stores and finds them.
 */
export function statsRollupRepo(db: Db) {
  const maxEvent = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events');
  const seen = db.prepare<[], { seen_event_id: number }>(
    'SELECT seen_event_id FROM stats_rollup_state WHERE id = 1',
  );
  const setSeen = db.prepare(
    `INSERT INTO stats_rollup_state (id, seen_event_id) VALUES (1, ?)
     ON CONFLICT (id) DO UPDATE SET seen_event_id = excluded.seen_event_id`,
  );
  // The start of every conversation that got an event after `id`: its day may have changed.
  // Rowid range first (NOT INDEXED keeps SQLite from scanning a whole index), then each conversation's start.
  const touched = db.prepare<[number], { at: string }>(
    `SELECT DISTINCT s.at FROM events s INDEXED BY events_by_conversation
     WHERE s.conversation_id IN (SELECT conversation_id FROM events NOT INDEXED WHERE id > ?)
       AND s.type = 'conversation_started'`,
  );
  const days = db.prepare<[string, string, string], { day: string }>(
    'SELECT day FROM stats_rollup_days WHERE day >= ? AND day <= ? AND fingerprint = ?',
  );
  const rows = db.prepare<[string, string, string], RollupRow>(
    `SELECT r.day, r.department, r.data FROM stats_rollups r
     JOIN stats_rollup_days d ON d.day = r.day
     WHERE r.day >= ? AND r.day <= ? AND d.fingerprint = ?
     ORDER BY r.day, r.department`,
  );
  const dropRows = db.prepare('DELETE FROM stats_rollups WHERE day = ?');
  const dropDay = db.prepare('DELETE FROM stats_rollup_days WHERE day = ?');
  const addDay = db.prepare('INSERT INTO stats_rollup_days (day, fingerprint, computed_at) VALUES (?, ?, ?)');
  const addRow = db.prepare('INSERT INTO stats_rollups (day, department, data) VALUES (?, ?, ?)');

  return {
    maxEventId: (): number => maxEvent.get()?.id ?? 0,
    seenEventId: (): number => seen.get()?.seen_event_id ?? 0,
    startsTouchedAfter: (eventId: number): string[] => touched.all(eventId).map((r) => r.at),
    /** Days from..to (local dates, included) computed with this fingerprint. */
    days: (from: string, to: string, fingerprint: string): Set<string> =>
      new Set(days.all(from, to, fingerprint).map((r) => r.day)),
    rows: (from: string, to: string, fingerprint: string): RollupRow[] => rows.all(from, to, fingerprint),
    /** Forgets days so they are computed again. */
    invalidate(dayList: readonly string[]): void {
      db.transaction(() => {
        for (const day of dayList) {
          dropRows.run(day);
          dropDay.run(day);
        }
      }).immediate();
    },
    /**
     * Replaces the given days with freshly computed rows, and records how far the log was read — in one
     * short transaction.
     */
    save(o: {
      /** Days to forget (their log changed), computed again when next asked for. */
      invalidate: readonly string[];
      days: readonly string[];
      rows: readonly RollupRow[];
      fingerprint: string;
      at: string;
      seenEventId: number;
    }): void {
      db.transaction(() => {
        for (const day of [...o.invalidate, ...o.days]) {
          dropRows.run(day);
          dropDay.run(day);
        }
        for (const day of o.days) {
          addDay.run(day, o.fingerprint, o.at);
        }
        for (const r of o.rows) addRow.run(r.day, r.department, r.data);
        setSeen.run(o.seenEventId);
      }).immediate();
    },
  };
}
export type StatsRollupRepo = ReturnType<typeof statsRollupRepo>;
