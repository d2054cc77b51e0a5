import { DateTime } from 'luxon';
import type { Store } from '../store/store.ts';
import { resolvePeriod } from './period.ts';
import { rollupBacklog, rollupStats, type RollupOptions } from './rollups.ts';
import type { Stats } from './stats-types.ts';

/** A period's figures with those of the period just before it, for comparison. */
export interface StatsReport {
  stats: Stats;
  /** The same number of days, ending the day before the period starts. */
  previous: Stats;
}

export function previousPeriod(
  p: { from: string; to: string },
  timeZone: string,
): { from: string; to: string } {
  const days = resolvePeriod(p, timeZone).days.length;
  const start = DateTime.fromISO(p.from, { zone: timeZone });
  return {
    from: start.minus({ days }).toISODate() ?? '',
    to: start.minus({ days: 1 }).toISODate() ?? '',
  };
}

const withPrevious = (o: RollupOptions): RollupOptions => ({ ...o, ...previousPeriod(o, o.timeZone) });

/** Days of log both periods still have to roll up (many: compute in a child process). */
export async function reportBacklog(store: Store, o: RollupOptions): Promise<number> {
  return (await rollupBacklog(store, o)) + (await rollupBacklog(store, withPrevious(o)));
}

export async function statsReport(store: Store, o: RollupOptions): Promise<StatsReport> {
  return { stats: await rollupStats(store, o), previous: await rollupStats(store, withPrevious(o)) };
}
