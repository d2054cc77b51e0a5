import { expect } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import type { Store } from '../../store/store.ts';
import { computeStats } from '../compute-stats.ts';
import { statsReportInWorker } from '../stats-in-worker.ts';
import type { StatsDatabase } from '../stats-worker.ts';
import { SAMPLE_FILES, SAMPLE_PERIOD, sampleOfficeHours } from './sample-week.ts';

/**
 * The child process's figures for the sample week equal the server's own, on whichever database `store` and
 * `database` name, and the child stores the 14 days it rolled up. One check for SQLite and PostgreSQL alike.
 */
export async function expectWorkerMatchesServer(store: Store, database: StatsDatabase): Promise<void> {
  const options = {
    ...SAMPLE_PERIOD,
    officeHours: sampleOfficeHours(loadConfig({ env: {} })),
    files: SAMPLE_FILES,
  };
  const report = await statsReportInWorker(database, {
    ...options,
    now: new Date('2026-04-01T10:00:00Z'),
  });
  expect(report.stats).toEqual(await computeStats(store, options));
  expect(report.previous).toEqual(
    await computeStats(store, { ...options, from: '2026-02-23', to: '2026-03-01' }),
  );
  const days = await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM stats_rollup_days');
  expect(days?.n).toBe(14);
}
