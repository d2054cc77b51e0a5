import type pg from 'pg';
import type { Sql } from './sql.ts';

/** Throws when the lock was lost (its database session ended) so the caller must not write. */
export type Fence = () => Promise<void>;

export interface KnowledgeLockOptions {
  /** How long a save waits for another node's before giving up with `save_busy` (default 30 s). */
  waitMs?: number;
  /** How long a holder may go unheard before PostgreSQL ends its session and frees the lock (default 30 s). */
  leaseMs?: number;
}

/** The lock could not be had in time, or was lost before the write: nothing was written, try again. */
export class SaveBusy extends Error {
  readonly code = 'save_busy';
}

const KNOWLEDGE_LOCK = 0x5a7a_0002;

/**
 * One knowledge change at a time across every node on the same database.
 *
 * Why a PostgreSQL advisory lock and not a Redis lock: the lock belongs to a database session, so a node that
 * dies (kill -9, a crash) loses it the moment its connection closes, and a live node keeps it however long a
 * git commit takes — no lease can run out under a slow but healthy holder. A Redis lease would need a fencing
 * token that the file system cannot check. For a node that vanishes without closing its connection (power,
 * network), `idle_in_transaction_session_timeout` is the lease: the holder renews it by a heartbeat on the lock
 * session, a frozen one stops renewing and PostgreSQL ends the session. The fence, asked right before the file
 * write, then refuses the write on the node that woke up too late. One lock for the whole folder (not per
 * file) because a git history shares one index, and publish and retire move files between paths.
 *
 * SQLite serves one node: its in-process queue (server/editor/serial.ts) is the lock, and this runs `work` as is.
 */
export function knowledgeLock(sql: Sql) {
  const pool = (sql as Sql & { pool?: pg.Pool }).pool;
  return async <T>(work: (fence: Fence) => Promise<T>, o: KnowledgeLockOptions = {}): Promise<T> => {
    if (sql.dialect !== 'postgres' || !pool) return work(async () => undefined);
    const waitMs = o.waitMs ?? 30_000;
    const leaseMs = o.leaseMs ?? 30_000;
    const client = await pool.connect();
    let lost: unknown;
    // A session PostgreSQL ends while the client is checked out emits 'error': without a listener the process
    // would crash.
    const onError = (error: unknown) => (lost ??= error);
    client.on('error', onError);
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let pinged: Promise<unknown> = Promise.resolve();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('lock_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $2, true)`,
        [`${waitMs}ms`, `${leaseMs}ms`],
      );
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [KNOWLEDGE_LOCK]);
      } catch (error) {
        if ((error as { code?: string }).code === '55P03')
          throw new SaveBusy('knowledge lock: wait timed out');
        throw error;
      }
      // One statement at a time on the lock session: heartbeats and fences queue behind each other.
      const ping = () =>
        (pinged = pinged
          .then(() => (lost === undefined ? client.query('SELECT 1') : undefined))
          .catch((error: unknown) => (lost ??= error)));
      heartbeat = setInterval(() => void ping(), Math.max(50, Math.floor(leaseMs / 3)));
      const fence: Fence = async () => {
        await ping();
        if (lost !== undefined) throw new SaveBusy('knowledge lock: lost before the write');
      };
      const result = await work(fence);
      clearInterval(heartbeat);
      await pinged;
      // The work is done (and fenced): a session that ended since has freed the lock all the same.
      await client.query('COMMIT').catch((error: unknown) => (lost ??= error));
      return result;
    } catch (error) {
      clearInterval(heartbeat);
      await pinged;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      // A broken session is not given back to the pool.
      client.release(lost !== undefined);
    }
  };
}
export type KnowledgeLock = ReturnType<typeof knowledgeLock>;
