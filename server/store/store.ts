import { randomUUID } from 'node:crypto';
import { alertRepo } from './alerts.ts';
import { conversationRepo } from './conversations.ts';
import { openDatabase, purgeDeleted } from './db.ts';
import { eventRepo } from './events.ts';
import { knowledgeEditingRepo } from './knowledge-editing.ts';
import { knowledgeLock } from './knowledge-lock.ts';
import { learningRepo } from './learning.ts';
import { messageRepo } from './messages.ts';
import { migratePostgres } from './pg-migrate.ts';
import { privacyRepo } from './privacy.ts';
import { sessionRepo } from './sessions.ts';
import { auditRepo, feedbackRepo, transitionRepo } from './small-repos.ts';
import type { Sql } from './sql.ts';
import { sqliteSql } from './sqlite-driver.ts';
import { staffRepo } from './staff.ts';
import { staffPreferencesRepo } from './staff-preferences.ts';
import { statsRollupRepo } from './stats-rollups.ts';
import { ticketHandlingRepo } from './ticket-handling.ts';
import { ticketRepo } from './tickets.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

export interface StoreOptions {
  /** Applied to every string of every interaction-log event before it is stored (the bot's redaction). */
  redact?: (text: string) => string;
}

/**
 * The storage behind every part of the server. Every method returns a Promise, whichever database is
 * behind it: SQLite (embedded, one process) or PostgreSQL (several nodes).
 */
export function createStore(sql: Sql, o: StoreOptions & { file?: string } = {}) {
  return {
    /** The database file when SQLite keeps one (the statistics child process opens it too). */
    file: o.file,
    dialect: sql.dialect,
    /**
     * Raw statements, for tests and checks only: server code goes through the repositories, so that all of
     * its SQL lives in server/store/.
     */
    sql,
    conversations: conversationRepo(sql),
    messages: messageRepo(sql),
    transitions: transitionRepo(sql),
    events: eventRepo(sql, o.redact),
    staff: staffRepo(sql),
    sessions: sessionRepo(sql),
    tickets: ticketRepo(sql),
    audit: auditRepo(sql),
    feedback: feedbackRepo(sql),
    alerts: alertRepo(sql),
    knowledgeEditing: knowledgeEditingRepo(sql),
    statsRollups: statsRollupRepo(sql),
    privacy: privacyRepo(sql),
    learning: learningRepo(sql),
    // Issue 19.
    staffPreferences: staffPreferencesRepo(sql),
    ticketHandling: ticketHandlingRepo(sql),
    /** One knowledge change at a time across nodes (PostgreSQL advisory lock; SQLite: runs as is). */
    knowledgeLock: knowledgeLock(sql),
    /**
     * Runs `fn` in one write transaction: all of it is stored, or none. Store calls inside `fn` join it
     * without being handed anything (async context); a nested `tx` joins the outer one.
     */
    tx<T>(fn: () => Promise<T>): Promise<T> {
      return sql.tx(fn);
    },
    /** Whether the database takes a write and gives it back: a real check, not just an open handle. */
    async healthy(now = new Date().toISOString()): Promise<boolean> {
      try {
        const token = randomUUID();
        await sql.run(
          `INSERT INTO health_probe (id, token, at) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET token = excluded.token, at = excluded.at`,
          [token, now],
        );
        const row = await sql.get<{ token: string }>('SELECT token FROM health_probe WHERE id = 1');
        return row?.token === token;
      } catch {
        return false;
      }
    },
    /**
     * After deleting personal data: makes sure the deleted text is gone from the files too (SQLite's
     * write-ahead log; PostgreSQL reuses the space on its own vacuum).
     */
    async purgeDeleted(): Promise<void> {
      if ('db' in sql) purgeDeleted((sql as ReturnType<typeof sqliteSql>).db);
    },
    close(): Promise<void> {
      return sql.close();
    },
  };
}
export type Store = ReturnType<typeof createStore>;

/** The embedded database: a SQLite file (created and migrated if needed), or ':memory:'. */
export function openStore(file: string, o: StoreOptions & { mustExist?: boolean } = {}): Store {
  const db = openDatabase(file, o.mustExist ? { mustExist: true } : {});
  const store = createStore(sqliteSql(db), { ...o, ...(file === ':memory:' ? {} : { file }) });
  // The server's database (not a reader such as the statistics process): checkpoints off its thread.
  if (file === ':memory:' || o.mustExist) return store;
  const checkpointer = startWalCheckpointer(db);
  const close = store.close;
  store.close = async () => {
    await checkpointer.stop();
    await close();
  };
  return store;
}

/** A PostgreSQL database (migrated if needed): several nodes may share it. */
export async function openPostgresStore(
  url: string,
  o: StoreOptions & { poolSize?: number } = {},
): Promise<Store> {
  // Loaded only for PostgreSQL: a SQLite start need not pay for the driver.
  const { pgSql } = await import('./pg-driver.ts');
  const sql = pgSql({ url, ...(o.poolSize !== undefined ? { max: o.poolSize } : {}) });
  try {
    await migratePostgres(sql.pool);
  } catch (error) {
    await sql.close();
    throw error;
  }
  return createStore(sql, o);
}

/** SQLite in the data folder unless a PostgreSQL URL is configured. */
export function connectStore(
  o: StoreOptions & { databaseUrl?: string | undefined; poolSize?: number; sqliteFile: string },
): Promise<Store> {
  return o.databaseUrl
    ? openPostgresStore(o.databaseUrl, o)
    : Promise.resolve(openStore(o.sqliteFile, o.redact ? { redact: o.redact } : {}));
}

/** Whether an error came from the database (storage failed), not from the code that called it. */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // better-sqlite3's SQLITE_*; PostgreSQL's SQLSTATE (5 characters) or a connection error from the pool.
  return (
    code.startsWith('SQLITE') ||
    /^[0-9A-Z]{5}$/.test(code) ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET'
  );
}
