import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openStore, type Store } from '../store/store.ts';
import { computeStats } from './compute-stats.ts';
import { statsReportInWorker } from './stats-in-worker.ts';
import {
  SAMPLE_FILES,
  SAMPLE_PERIOD,
  sampleOfficeHours,
  writeSampleWeek,
} from './test-support/sample-week.ts';

let store: Store;
let file: string;
beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'svar-worker-')), 'svar.db');
  store = openStore(file);
  await writeSampleWeek(store);
});
afterAll(async () => await store.close());

const now = new Date('2026-04-01T10:00:00Z');

describe('statsReportInWorker', () => {
  it('gives the same figures as the server process, and stores the days it rolled up', async () => {
    const options = {
      ...SAMPLE_PERIOD,
      officeHours: sampleOfficeHours(loadConfig({ env: {} })),
      files: SAMPLE_FILES,
    };
    const report = await statsReportInWorker({ file }, { ...options, now });
    expect(report.stats).toEqual(await computeStats(store, options));
    expect(report.previous).toEqual(
      await computeStats(store, { ...options, from: '2026-02-23', to: '2026-03-01' }),
    );
    const days = await store.sql.get<{ n: number }>('SELECT count(*) AS n FROM stats_rollup_days');
    expect(days?.n).toBe(14);
  });

  it('reports a failure instead of hanging', async () => {
    const options = { ...SAMPLE_PERIOD, officeHours: sampleOfficeHours(loadConfig({ env: {} })), now };
    await expect(
      statsReportInWorker({ file: join(tmpdir(), 'no-such-dir', 'svar.db') }, options),
    ).rejects.toThrow();
  });
});
