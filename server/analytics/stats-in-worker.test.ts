import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openStore, type Store } from '../store/store.ts';
import { statsReportInWorker } from './stats-in-worker.ts';
import { SAMPLE_PERIOD, sampleOfficeHours, writeSampleWeek } from './test-support/sample-week.ts';
import { expectWorkerMatchesServer } from './test-support/worker-matches-server.ts';

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
    await expectWorkerMatchesServer(store, { file });
  });

  it('reports a failure instead of hanging', async () => {
    const options = { ...SAMPLE_PERIOD, officeHours: sampleOfficeHours(loadConfig({ env: {} })), now };
    await expect(
      statsReportInWorker({ file: join(tmpdir(), 'no-such-dir', 'svar.db') }, options),
    ).rejects.toThrow();
  });
});
