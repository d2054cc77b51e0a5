import { DateTime } from 'luxon';
import type { WeeklySchedule } from '../config/schema.ts';
import type { ClosedDays } from './closed-days.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface Hours {
  schedule: WeeklySchedule;
  holidays: ClosedDays;
  timeZone: string;
}

/** Open at `at`, in the municipality's own time zone (summer time included), holidays closed all day. */
export function isOpen(hours: Hours, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  if (hours.holidays.has(local.toISODate() ?? '')) return false;
  const time = local.toFormat('HH:mm');
  return hours.schedule[DAYS[local.weekday - 1]!].some(([from, to]) => from <= time && time < to);
}

/** The next moment the queue opens after `at`, looking up to three weeks ahead. */
export function nextOpening(hours: Hours, at: Date): Date | undefined {
  const local = DateTime.fromJSDate(at, { zone: hours.timeZone });
  for (let d = 0; d < 21; d++) {
    const day = local.startOf('day').plus({ days: d });
    if (hours.holidays.has(day.toISODate() ?? '')) continue;
    const intervals = [...hours.schedule[DAYS[day.weekday - 1]!]].sort(([a], [b]) => a.localeCompare(b));
    for (const [from] of intervals) {
      const [h, m] = from.split(':').map(Number);
      const start = day.set({ hour: h ?? 0, minute: m ?? 0 });
      if (start > local) return start.toJSDate();
    }
  }
  return undefined;
}
