import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The one seam between the repositories and a database. SQL is written once, in the subset both SQLite
 * and PostgreSQL speak (`?` placeholders, RETURNING, ON CONFLICT, CTEs); where the dialects differ a
 * repository picks its text by `dialect`. We chose this over a query builder (kysely) because the existing
 * SQL is short and already portable almost everywhere: a thin layer keeps every statement readable and
 * greppable, and the few differences (JSON access, scalar max, triggers) sit next to each other.
 */
export type Dialect = 'sqlite' | 'postgres';
export type Param = string | number | bigint | null;

export interface Sql {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly Param[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
  /**
   * Runs `fn` in one write transaction: all of it is stored, or none. Every store call made inside `fn` (found
   * through async context, so repositories need no handle passed in) joins it; a nested call joins the outer one.
   */
  tx<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Tracks which transaction the current async call chain is in; each driver keeps its own. */
export class TxContext<C> {
  private readonly als = new AsyncLocalStorage<C>();
  current(): C | undefined {
    return this.als.getStore();
  }
  run<T>(c: C, fn: () => Promise<T>): Promise<T> {
    return this.als.run(c, fn);
  }
}
