import { DateTime } from 'luxon';
import type { Db } from '../store/db.ts';
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
export function reportBacklog(db: Db, o: RollupOptions): number {
  return rollupBacklog(db, o) + rollupBacklog(db, withPrevious(o));
}

export function statsReport(db: Db, o: RollupOptions): StatsReport {
  return { stats: rollupStats(db, o), previous: rollupStats(db, withPrevious(o)) };
}
