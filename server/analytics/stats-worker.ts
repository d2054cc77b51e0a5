/**
 * The statistics child process (see stats-in-worker.ts): takes one job over IPC, computes it with its own
 * connection (it writes the daily rollups it computes), replies, and exits. Importing this file anywhere
 * else does nothing.
 */
import Database from 'better-sqlite3';
import type { RollupOptions } from './rollups.ts';
import { statsReport, type StatsReport } from './stats-report.ts';

export const WORKER_FLAG = '--svar-stats-worker';

export interface StatsJob {
  file: string;
  options: RollupOptions;
}

export type StatsReply = { ok: true; report: StatsReport } | { ok: false; message: string };

function run(job: StatsJob): StatsReply {
  try {
    const db = new Database(job.file, { fileMustExist: true });
    try {
      // The server writes the log meanwhile: wait for its short transactions rather than fail.
      db.pragma('busy_timeout = 5000');
      return { ok: true, report: statsReport(db, job.options) };
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

if (process.send && process.argv.includes(WORKER_FLAG)) {
  process.once('message', (job: StatsJob) => {
    process.send!(run(job), () => process.exit(0));
  });
}
