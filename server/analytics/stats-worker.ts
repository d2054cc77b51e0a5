/**
 * The statistics child process (see stats-in-worker.ts): takes one job over IPC, computes it with its own
 * connection (it writes the daily rollups it computes), replies, and exits. Importing this file anywhere
 * else does nothing.
 */
import { openPostgresStore, openStore } from '../store/store.ts';
import type { RollupOptions } from './rollups.ts';
import { statsReport, type StatsReport } from './stats-report.ts';

export const WORKER_FLAG = '--svar-stats-worker';

/** The server's database: its SQLite file, or the PostgreSQL every node shares. */
export type StatsDatabase = { file: string } | { url: string };

export interface StatsJob {
  database: StatsDatabase;
  options: RollupOptions;
}

export type StatsReply = { ok: true; report: StatsReport } | { ok: false; message: string };

async function run(job: StatsJob): Promise<StatsReply> {
  try {
    // The server writes the log meanwhile: the store waits for its short transactions rather than fail.
    // PostgreSQL: one connection of its own, so the rows are read and folded here, not in the server.
    const store =
      'url' in job.database
        ? await openPostgresStore(job.database.url, { poolSize: 1 })
        : openStore(job.database.file, { mustExist: true });
    try {
      return { ok: true, report: await statsReport(store, job.options) };
    } finally {
      await store.close();
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

if (process.send && process.argv.includes(WORKER_FLAG)) {
  process.once('message', (job: StatsJob) => {
    void run(job).then((reply) => process.send!(reply, () => process.exit(0)));
  });
}
