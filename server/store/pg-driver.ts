import pg from 'pg';
import { TxContext, type Param, type Sql } from './sql.ts';

/** `?` placeholders (outside quoted text) become PostgreSQL's `$1, $2, …`. */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

// Counts, sums and identity ids arrive as int8/numeric text; every such value here fits a JS number.
const NUMERIC_OIDS = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMERIC_OIDS.has(oid)
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  url: string;
  /** Connections in the pool (default 10). */
  max?: number;
}

/** A pool for plain statements; a transaction holds one client until it commits. */
export function pgSql(o: PgOptions): Sql & { readonly pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: o.url, max: o.max ?? 10, types });
  // An idle client losing its connection (a database restart) must not crash the server: the pool replaces it.
  pool.on('error', () => undefined);
  const texts = new Map<string, string>();
  const text = (sql: string): string => {
    let t = texts.get(sql);
    if (t === undefined) texts.set(sql, (t = toPgPlaceholders(sql)));
    return t;
  };
  const context = new TxContext<pg.PoolClient>();
  const query = async (sql: string, params: readonly Param[]) =>
    (context.current() ?? pool).query(text(sql), params as unknown[]);

  return {
    dialect: 'postgres',
    pool,
    async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      return (await query(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
      return (await query(sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly Param[] = []): Promise<number> {
      return (await query(sql, params)).rowCount ?? 0;
    },
    async tx<T>(fn: () => Promise<T>): Promise<T> {
      if (context.current()) return fn();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await context.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
