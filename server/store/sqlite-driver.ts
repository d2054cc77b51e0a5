import type Database from 'better-sqlite3';
import { TxContext, type Param, type Sql } from './sql.ts';

// Taken at load: a test's fake timers must not hold commits back.
const afterTick = setImmediate;

/** One SQLite transaction that the `tx` calls of one event-loop tick share, committed when the tick ends. */
interface Batch {
  committed: Promise<void>;
  /** Set when the commit is due: later `tx` calls wait for it and open the next batch. */
  closing: boolean;
}

/**
 * better-sqlite3 is synchronous, and one connection serves the whole process: while a transaction awaits
 * between its statements, statements from other async call chains would land inside it. They wait instead,
 * on `busy`, until it ends; the transaction's own statements pass (they carry its context).
 *
 * Group commit (issue 22): the `tx` calls of one tick run one after another inside one `BEGIN IMMEDIATE`,
 * each in a savepoint of its own, and one COMMIT ends them when the tick is over (`setImmediate`). The
 * commit, with its WAL writes, was most of a transaction's cost, and at a high rate several replies share
 * it. Nothing is acknowledged early: each `tx` resolves only after the COMMIT, a `tx` that throws is
 * rolled back to its savepoint without touching the others, and a failed COMMIT rejects every `tx` in it.
 * A write outside `tx` joins a batch the same way, so no write is reported done before it is committed;
 * a read outside `tx` runs between transactions and may see a batch's writes before they are committed.
 */
export function sqliteSql(db: Database.Database): Sql & { readonly db: Database.Database } {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const context = new TxContext<true>();
  let busy: Promise<void> | undefined;
  let batch: Batch | undefined;

  const openBatch = (): Batch => {
    prepare('BEGIN IMMEDIATE').run();
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Every tx in the batch awaits this; one that threw does not, and must not leave it unhandled.
    committed.catch(() => {});
    const b: Batch = { committed, closing: false };
    afterTick(() => {
      b.closing = true;
      void (async () => {
        while (busy) await busy;
        batch = undefined;
        try {
          // A statement error that rolled the whole transaction back (SQLITE_FULL) ends it early.
          if (!db.inTransaction) throw new Error('the transaction was rolled back');
          prepare('COMMIT').run();
          settle();
        } catch (error) {
          if (db.inTransaction) prepare('ROLLBACK').run();
          settle(error ?? new Error('commit failed'));
        }
      })();
    });
    return b;
  };

  const tx = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (context.current()) return fn();
    // The wait and taking the turn run without an await between them, so two callers cannot both pass.
    while (busy || batch?.closing) await (busy ?? batch?.committed.catch(() => {}));
    let release!: () => void;
    busy = new Promise((resolve) => (release = resolve));
    let joined: Batch;
    let result: T;
    try {
      batch ??= openBatch();
      joined = batch;
      // An earlier statement error rolled the batch back: its COMMIT fails, and so must this.
      if (!db.inTransaction) throw new Error('the transaction was rolled back');
      prepare('SAVEPOINT tx').run();
      try {
        result = await context.run(true, fn);
        prepare('RELEASE tx').run();
      } catch (error) {
        if (db.inTransaction) {
          prepare('ROLLBACK TO tx').run();
          prepare('RELEASE tx').run();
        }
        throw error;
      }
    } finally {
      busy = undefined;
      release();
    }
    await joined.committed;
    return result;
  };

  /** A statement outside `tx`: a read waits for the running transaction, a write joins a batch. */
  const outside = async <R>(sql: string, exec: (s: Database.Statement) => R): Promise<R> => {
    const statement = prepare(sql);
    if (!statement.readonly) return tx(async () => exec(statement));
    // The check and the statement run without an await between them, so no transaction can start in between.
    while (busy) await busy;
    return exec(statement);
  };

  return {
    dialect: 'sqlite',
    db,
    async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      if (context.current()) return prepare(sql).all(...params) as T[];
      return outside(sql, (s) => s.all(...params) as T[]);
    },
    async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
      if (context.current()) return prepare(sql).get(...params) as T | undefined;
      return outside(sql, (s) => s.get(...params) as T | undefined);
    },
    async run(sql: string, params: readonly Param[] = []): Promise<number> {
      if (context.current()) return prepare(sql).run(...params).changes;
      return outside(sql, (s) => s.run(...params).changes);
    },
    tx,
    async close(): Promise<void> {
      // Flush on close: whatever a batch holds is committed before the connection goes.
      while (busy || batch) await (busy ?? batch?.committed.catch(() => {}));
      if (db.open) db.close();
    },
  };
}
