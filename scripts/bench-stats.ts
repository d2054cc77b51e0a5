/**
 * `npx tsx scripts/bench-stats.ts [--days 365] [--per-day 80]`: how much faster /stats is from daily rollups
 * than from the whole log, on a synthetic year in a temporary database. Not a test: the machine is shared, so
 * read the ratios within one run, not the milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { computeStats, officeHoursFromConfig, rollupStats, statsReport } from '../server/analytics/index.ts';
import { statsReportInWorker } from '../server/analytics/stats-in-worker.ts';
import { SAMPLE_FILES } from '../server/analytics/test-support/sample-week.ts';
import { writeSyntheticDays } from '../server/analytics/test-support/synthetic-year.ts';
import { loadConfig } from '../server/config/load.ts';
import { openStore } from '../server/store/store.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const days = arg('--days', 365);
const perDay = arg('--per-day', 80);

const dir = mkdtempSync(join(tmpdir(), 'svar-bench-stats-'));
const store = openStore(join(dir, 'svar.db'));
const config = loadConfig({ env: {} });
const timeZone = config.municipality.timeZone;
const end = '2026-12-01';
let t = performance.now();
const written = await writeSyntheticDays(store, { end, days, perDay });
console.log(
  `wrote ${written.conversations} conversations, ${written.events} events in ${Math.round(performance.now() - t)} ms`,
);

const now = DateTime.fromISO(`${end}T12:00`, { zone: timeZone }).toJSDate();
const last = DateTime.fromJSDate(now, { zone: timeZone });
const year = { from: last.minus({ days }).toISODate()!, to: last.toISODate()! };
const month = { from: last.minus({ days: 29 }).toISODate()!, to: last.toISODate()! };
const base = { timeZone, officeHours: officeHoursFromConfig(config), files: SAMPLE_FILES };

const time = async (label: string, fn: () => Promise<unknown>, runs = 3): Promise<number> => {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  const best = Math.min(...ms);
  console.log(`${label.padEnd(58)} best of ${runs}: ${best.toFixed(0).padStart(6)} ms`);
  return best;
};

const fullYear = await time(
  'year, full computation (before)',
  async () => await computeStats(store, { ...base, ...year }),
);
const fullMonth = await time('30 days + previous 30, full computation (before)', async () => {
  await computeStats(store, { ...base, ...month });
  await computeStats(store, {
    ...base,
    from: last.minus({ days: 59 }).toISODate()!,
    to: last.minus({ days: 30 }).toISODate()!,
  });
});
t = performance.now();
await rollupStats(store, { ...base, ...year, now });
const fill = performance.now() - t;
console.log(
  `${'year, first rollup of every day (once)'.padEnd(58)}           ${fill.toFixed(0).padStart(6)} ms`,
);
const rolledYear = await time(
  'year, from rollups',
  async () => await rollupStats(store, { ...base, ...year, now }),
);
const rolledMonth = await time(
  '30 days + previous 30, from rollups',
  async () => await statsReport(store, { ...base, ...month, now }),
);
// Before, every load of /stats started a child process; now it only does when many days are missing.
const forkStart = performance.now();
await statsReportInWorker({ file: store.file! }, { ...base, ...month, now });
const forked = performance.now() - forkStart;
console.log(
  `${'30 days + previous 30, from rollups in a child process'.padEnd(58)}           ${forked.toFixed(0).padStart(6)} ms`,
);
console.log(`ratio year: full / rollups = ${(fullYear / rolledYear).toFixed(1)}`);
console.log(`ratio default page: full / rollups = ${(fullMonth / rolledMonth).toFixed(1)}`);
console.log(`ratio default page: child process / in the server = ${(forked / rolledMonth).toFixed(1)}`);
console.log(`ratio first fill / full year = ${(fill / fullYear).toFixed(2)}`);
await store.close();
rmSync(dir, { recursive: true, force: true });
