import type { Sql } from './sql.ts';

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
export function statsRollupRepo(db: Sql) {
  // The start of every conversation that got an event after `id`: its day may have changed.
  // Rowid range first (NOT INDEXED keeps SQLite from scanning a whole index), then each conversation's start.
  const touched =
    db.dialect === 'sqlite'
      ? `SELECT DISTINCT s.at FROM events s INDEXED BY events_by_conversation
         WHERE s.conversation_id IN (SELECT conversation_id FROM events NOT INDEXED WHERE id > ?)
           AND s.type = 'conversation_started'`
      : `SELECT DISTINCT s.at FROM events s
         WHERE s.conversation_id IN (SELECT conversation_id FROM events WHERE id > ?)
           AND s.type = 'conversation_started'`;
  const forget = async (day: string): Promise<void> => {
    await db.run('DELETE FROM stats_rollups WHERE day = ?', [day]);
    await db.run('DELETE FROM stats_rollup_days WHERE day = ?', [day]);
  };

  return {
    maxEventId: async (): Promise<number> =>
      (await db.get<{ id: number | null }>('SELECT max(id) AS id FROM events'))?.id ?? 0,
    seenEventId: async (): Promise<number> =>
      (await db.get<{ seen_event_id: number }>('SELECT seen_event_id FROM stats_rollup_state WHERE id = 1'))
        ?.seen_event_id ?? 0,
    startsTouchedAfter: async (eventId: number): Promise<string[]> =>
      (await db.all<{ at: string }>(touched, [eventId])).map((r) => r.at),
    /** Days from..to (local dates, included) computed with this fingerprint. */
    days: async (from: string, to: string, fingerprint: string): Promise<Set<string>> =>
      new Set(
        (
          await db.all<{ day: string }>(
            'SELECT day FROM stats_rollup_days WHERE day >= ? AND day <= ? AND fingerprint = ?',
            [from, to, fingerprint],
          )
        ).map((r) => r.day),
      ),
    rows: (from: string, to: string, fingerprint: string): Promise<RollupRow[]> =>
      db.all<RollupRow>(
        `SELECT r.day, r.department, r.data FROM stats_rollups r
         JOIN stats_rollup_days d ON d.day = r.day
         WHERE r.day >= ? AND r.day <= ? AND d.fingerprint = ?
         ORDER BY r.day, r.department`,
        [from, to, fingerprint],
      ),
    /** Forgets days so they are computed again. */
    invalidate: (dayList: readonly string[]): Promise<void> =>
      db.tx(async () => {
        for (const day of dayList) await forget(day);
      }),
    /**
     * Replaces the given days with freshly computed rows, and records how far the log was read — in one
     * short transaction.
     */
    save: (o: {
      /** Days to forget (their log changed), computed again when next asked for. */
      invalidate: readonly string[];
      days: readonly string[];
      rows: readonly RollupRow[];
      fingerprint: string;
      at: string;
      seenEventId: number;
    }): Promise<void> =>
      db.tx(async () => {
        for (const day of [...o.invalidate, ...o.days]) await forget(day);
        for (const day of o.days) {
          await db.run('INSERT INTO stats_rollup_days (day, fingerprint, computed_at) VALUES (?, ?, ?)', [
            day,
            o.fingerprint,
            o.at,
          ]);
        }
        for (const r of o.rows)
          await db.run('INSERT INTO stats_rollups (day, department, data) VALUES (?, ?, ?)', [
            r.day,
            r.department,
            r.data,
          ]);
        await db.run(
          `INSERT INTO stats_rollup_state (id, seen_event_id) VALUES (1, ?)
           ON CONFLICT (id) DO UPDATE SET seen_event_id = excluded.seen_event_id`,
          [o.seenEventId],
        );
      }),
  };
}
export type StatsRollupRepo = ReturnType<typeof statsRollupRepo>;
