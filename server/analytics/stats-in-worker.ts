import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/store.ts';
import type { RollupOptions } from './rollups.ts';
import type { StatsReport } from './stats-report.ts';
import { WORKER_FLAG, type StatsDatabase, type StatsJob, type StatsReply } from './stats-worker.ts';

const WORKER = fileURLToPath(new URL('./stats-worker.ts', import.meta.url));
/** tsx's loader by absolute URL, so the child finds it whatever directory the server was started in. */
const TSX = import.meta.resolve('tsx');
const TIMEOUT_MS = 120_000;

/** What the child process connects to: the server's PostgreSQL (by its URL) or SQLite file; none in memory. */
export function workerDatabase(
  store: Pick<Store, 'dialect' | 'file'>,
  databaseUrl: string | undefined,
): StatsDatabase | undefined {
  if (store.dialect === 'postgres') return databaseUrl ? { url: databaseUrl } : undefined;
  return store.file !== undefined ? { file: store.file } : undefined;
}

/**
 * Computes statistics in a short-lived child process with its own connection (to the SQLite file, or one
 * PostgreSQL connection), so rolling up a year of log (the first time, or after office hours changed) does
 * not hold up chats on the server's event loop: on PostgreSQL the queries wait off the loop, but folding
 * their rows into figures would not. A process rather than a worker thread: the knowledge module loads native add-ons (ONNX runtime,
 * hnswlib) that do not survive being unloaded with a thread.
 */
export function statsReportInWorker(database: StatsDatabase, options: RollupOptions): Promise<StatsReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [WORKER_FLAG], {
      execArgv: ['--import', TSX],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      child.kill();
      settle(() => reject(new Error('statistics took too long')));
    }, TIMEOUT_MS);
    timer.unref();
    child.once('message', (reply: StatsReply) =>
      settle(() => (reply.ok ? resolve(reply.report) : reject(new Error(reply.message)))),
    );
    child.once('error', (error) => settle(() => reject(error)));
    child.once('exit', (code) =>
      settle(() =>
        reject(new Error(`statistics process exited (${code})${stderr ? `: ${stderr.trim()}` : ''}`)),
      ),
    );
    const job: StatsJob = { database, options };
    child.send(job);
  });
}
