/**
 * The statistics child process (see stats-in-worker.ts): takes one job over IPC, computes it with its own
 * read-only connection, replies, and exits. Importing this file anywhere else does nothing.
 */
import Database from 'better-sqlite3';
import { computeStats, type StatsOptions } from './compute-stats.ts';

export const WORKER_FLAG = '--svar-stats-worker';

export interface StatsJob {
  file: string;
  options: StatsOptions;
}

export type StatsReply =
  { ok: true; stats: ReturnType<typeof computeStats> } | { ok: false; message: string };

function run(job: StatsJob): StatsReply {
  try {
    const db = new Database(job.file, { readonly: true, fileMustExist: true });
    try {
      return { ok: true, stats: computeStats(db, job.options) };
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
