import type Database from 'better-sqlite3';
import { TxContext, type Param, type Sql } from './sql.ts';

/**
 * better-sqlite3 is synchronous, and one connection serves the whole process: while a transaction awaits
 * between its statements, statements from other async call chains would land inside it. They wait instead,
 * on `busy`, until it commits; the transaction's own statements pass (they carry its context).
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

  return {
    dialect: 'sqlite',
    db,
    async all<T>(sql: string, params: readonly Param[] = []): Promise<T[]> {
      // The check and the statement run without an await between them, so no transaction can start in between.
      if (!context.current()) while (busy) await busy;
      return prepare(sql).all(...params) as T[];
    },
    async get<T>(sql: string, params: readonly Param[] = []): Promise<T | undefined> {
      // The check and the statement run without an await between them, so no transaction can start in between.
      if (!context.current()) while (busy) await busy;
      return prepare(sql).get(...params) as T | undefined;
    },
    async run(sql: string, params: readonly Param[] = []): Promise<number> {
      // The check and the statement run without an await between them, so no transaction can start in between.
      if (!context.current()) while (busy) await busy;
      return prepare(sql).run(...params).changes;
    },
    async tx<T>(fn: () => Promise<T>): Promise<T> {
      if (context.current()) return fn();
      while (busy) await busy;
      let release!: () => void;
      busy = new Promise((resolve) => (release = resolve));
      try {
        prepare('BEGIN IMMEDIATE').run();
        try {
          const result = await context.run(true, fn);
          prepare('COMMIT').run();
          return result;
        } catch (error) {
          if (db.inTransaction) prepare('ROLLBACK').run();
          throw error;
        }
      } finally {
        busy = undefined;
        release();
      }
    },
    async close(): Promise<void> {
      while (busy) await busy;
      if (db.open) db.close();
    },
  };
}
