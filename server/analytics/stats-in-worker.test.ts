import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openStore, type Store } from '../store/store.ts';
import { computeStats } from './compute-stats.ts';
import { computeStatsInWorker } from './stats-in-worker.ts';
import {
  SAMPLE_FILES,
  SAMPLE_PERIOD,
  sampleOfficeHours,
  writeSampleWeek,
} from './test-support/sample-week.ts';

let store: Store;
let file: string;
beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'svar-worker-')), 'svar.db');
  store = openStore(file);
  writeSampleWeek(store);
});
afterAll(() => store.close());

describe('computeStatsInWorker', () => {
  it('gives the same figures as the server process, from its own connection', async () => {
    const options = {
      ...SAMPLE_PERIOD,
      officeHours: sampleOfficeHours(loadConfig({ env: {} })),
      files: SAMPLE_FILES,
    };
    expect(await computeStatsInWorker(file, options)).toEqual(computeStats(store.db, options));
  });

  it('reports a failure instead of hanging', async () => {
    const options = { ...SAMPLE_PERIOD, officeHours: sampleOfficeHours(loadConfig({ env: {} })) };
    await expect(computeStatsInWorker(join(tmpdir(), 'no-such-dir', 'svar.db'), options)).rejects.toThrow();
  });
});
