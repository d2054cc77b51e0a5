import type pg from 'pg';
import { PG_MIGRATIONS } from './pg-migrations.ts';

/** Any constant both nodes agree on: several nodes starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x5a7a_0001;

/** Brings a PostgreSQL database up to date; returns the schema version. */
export async function migratePostgres(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS svar_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
      );
      const row = await client.query<{ version: number }>('SELECT version FROM svar_schema WHERE id = 1');
      const current = row.rows[0]?.version ?? 0;
      if (current > PG_MIGRATIONS.length) {
        throw new Error(
          `database schema version ${current} is newer than this Svar (${PG_MIGRATIONS.length})`,
        );
      }
      for (let version = current; version < PG_MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(PG_MIGRATIONS[version]!);
          await client.query(
            `INSERT INTO svar_schema (id, version) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version`,
            [version + 1],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return PG_MIGRATIONS.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
