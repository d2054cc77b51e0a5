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

/**
 * Tracks which transaction the current async call chain is in; each driver keeps its own. A timer or promise
 * started inside a transaction inherits the async context but must not join it once it has ended: the
 * context is marked closed at commit or rollback.
 */
export class TxContext<C> {
  private readonly als = new AsyncLocalStorage<{ value: C; open: boolean }>();
  current(): C | undefined {
    const c = this.als.getStore();
    return c?.open ? c.value : undefined;
  }
  async run<T>(value: C, fn: () => Promise<T>): Promise<T> {
    const c = { value, open: true };
    try {
      return await this.als.run(c, fn);
    } finally {
      c.open = false;
    }
  }
}
