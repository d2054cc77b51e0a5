import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db.ts';

/**
 * Copying the write-ahead log back into the database file ends in an fsync. SQLite does it itself every
 * 1,000 pages, on the connection that commits: on the server's one thread, where it held every chat up by
 * tens of milliseconds (issue 22). A second connection in a worker thread does it instead, a few times a
 * second and without blocking writers (PASSIVE); the server's own connection only checkpoints if the log
 * grows far beyond that anyway. Commits stay as durable as before: the log is written at commit either way.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** Pages the server's own connection lets the log grow to before it checkpoints after all (40 MB). */
export const FALLBACK_CHECKPOINT_PAGES = 10_000;

export interface WalCheckpointer {
  /** Checkpoints once more and closes the worker's connection. */
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  db: Db,
  o: { intervalMs?: number; delayMs?: number; onError?: (message: string) => void } = {},
): WalCheckpointer {
  let worker: Worker | undefined;
  let exited = Promise.resolve();
  let stopped = false;
  const spawn = (): void => {
    if (stopped || !db.open) return;
    const w = new Worker(WORKER, {
      eval: true,
      workerData: {
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: db.name,
        intervalMs: o.intervalMs ?? 250,
      },
    });
    worker = w;
    // A checkpoint still to run never keeps the process alive: the log is replayed at the next open.
    w.unref();
    w.on('message', (m: { error: string }) => o.onError?.(m.error));
    w.on('error', (error) => {
      o.onError?.(error.message);
      // The worker is gone: the server's connection checkpoints as SQLite does by default.
      if (db.open) db.pragma('wal_autocheckpoint = 1000');
    });
    exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  };
  // Started a moment after the store opens, so a new thread does not compete with the server's start.
  const timer = setTimeout(spawn, o.delayMs ?? 1000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (!worker) return;
      worker.postMessage('stop');
      await exited;
    },
  };
}
