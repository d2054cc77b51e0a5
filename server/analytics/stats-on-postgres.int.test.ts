import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openPostgresStore, type Store } from '../store/store.ts';
import { postgresMissing, startPostgres, type TestPostgres } from '../test-support/postgres.ts';
import { statsReportInWorker, workerDatabase } from './stats-in-worker.ts';
import { SAMPLE_PERIOD, sampleOfficeHours, writeSampleWeek } from './test-support/sample-week.ts';
import { expectWorkerMatchesServer } from './test-support/worker-matches-server.ts';

const missing = postgresMissing();

describe.skipIf(missing)('statistics on PostgreSQL, off the server’s event loop', () => {
  let pg: TestPostgres;
  let store: Store;
  beforeAll(async () => {
    pg = await startPostgres();
    store = await openPostgresStore(pg.url, { poolSize: 2 });
    await writeSampleWeek(store);
  });
  afterAll(async () => {
    await store?.close();
    await pg?.stop();
  });

  it('sends a server on PostgreSQL to the child process with the database’s URL', () => {
    expect(workerDatabase(store, pg.url)).toEqual({ url: pg.url });
  });

  it('the child process gives the same figures as the server would, and stores the days it rolled up', async () => {
    await expectWorkerMatchesServer(store, { url: pg.url });
  });

  it('reports a database it cannot reach instead of hanging', async () => {
    const options = {
      ...SAMPLE_PERIOD,
      officeHours: sampleOfficeHours(loadConfig({ env: {} })),
      now: new Date(),
    };
    const unreachable = pg.url.replace(/:\d+\//, ':1/');
    await expect(statsReportInWorker({ url: unreachable }, options)).rejects.toThrow();
  });
});
