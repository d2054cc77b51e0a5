import { DateTime } from 'luxon';
import { z } from 'zod';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"');
/** About ten years: enough for any report, small enough that per-day tables stay reasonable. */
export const MAX_PERIOD_DAYS = 3700;

export const periodInput = z.strictObject({ from: DATE, to: DATE });
export type PeriodInput = z.infer<typeof periodInput>;

export interface Period {
  from: string;
  to: string;
  timeZone: string;
  /** First instant of `from` in the municipality's zone, as UTC ISO (inclusive). */
  startIso: string;
  /** First instant of the day after `to`, as UTC ISO (exclusive). */
  endIso: string;
  /** Every local date in the period, in order. */
  days: string[];
}

export class PeriodError extends Error {
  override name = 'PeriodError';
}

/**
 * A period of whole local days, `from` and `to` included. Events are stored as UTC ISO strings, which sort
 * as text, so the bounds can go straight into SQL comparisons.
 */
export function resolvePeriod(input: { from: string; to: string }, timeZone: string): Period {
  const parsed = periodInput.safeParse({ from: input.from, to: input.to });
  if (!parsed.success) throw new PeriodError('from and to must be dates written YYYY-MM-DD');
  const start = DateTime.fromISO(parsed.data.from, { zone: timeZone });
  const last = DateTime.fromISO(parsed.data.to, { zone: timeZone });
  if (!start.isValid || !last.isValid) throw new PeriodError('from or to is not a real date');
  if (last < start) throw new PeriodError('to must not be before from');
  const end = last.plus({ days: 1 }).startOf('day');
  const days: string[] = [];
  for (let d = start; d < end; d = d.plus({ days: 1 })) {
    days.push(d.toISODate() ?? '');
    if (days.length > MAX_PERIOD_DAYS)
      throw new PeriodError(`a period may cover at most ${MAX_PERIOD_DAYS} days`);
  }
  return {
    from: parsed.data.from,
    to: parsed.data.to,
    timeZone,
    startIso: start.toUTC().toISO() ?? '',
    endIso: end.toUTC().toISO() ?? '',
    days,
  };
}

/** The last `days` local days up to and including today, for when no period is given. */
export function recentDays(days: number, now: Date, timeZone: string): PeriodInput {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return { from: today.minus({ days: days - 1 }).toISODate() ?? '', to: today.toISODate() ?? '' };
}
