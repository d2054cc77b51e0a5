import { DateTime } from 'luxon';
import type { WeeklySchedule } from '../config/schema.ts';
import { closedDays, type ClosedDaysSpec } from '../handover/closed-days.ts';
import { isOpen, type Hours } from '../handover/office-hours.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Period } from './period.ts';
import type { Stats } from './stats-types.ts';
import { ratio } from './summary.ts';

/** The opening hours that define "outside office hours": one weekly schedule plus closed dates. */
export interface OfficeHours {
  schedule: WeeklySchedule;
  /** Plain data: statistics are computed in a child process, and functions do not cross into it. */
  holidays: ClosedDaysSpec;
}

/** When conversations start: per local day, per hour of the week, and how many while the office is closed. */
export function volumeStats(
  conversations: readonly ConversationLog[],
  period: Period,
  officeHours: OfficeHours,
): Stats['conversations'] {
  const perDay = new Map(period.days.map((d) => [d, 0]));
  const perHourOfWeek = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const hours = { ...officeHours, holidays: closedDays(officeHours.holidays), timeZone: period.timeZone };
  let outside = 0;
  for (const c of conversations) {
    const at = new Date(c.startedAt);
    const local = DateTime.fromJSDate(at, { zone: period.timeZone });
    const date = local.toISODate() ?? '';
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
    const row = perHourOfWeek[local.weekday - 1]!;
    row[local.hour] = (row[local.hour] ?? 0) + 1;
    if (!isOpen(hours, at)) outside++;
  }
  return {
    total: conversations.length,
    perDay: [...perDay].map(([date, count]) => ({ date, count })),
    perHourOfWeek,
    outsideOfficeHours: { count: outside, share: ratio(outside, conversations.length) },
    crisesOutsideOfficeHours: conversations.filter((c) => crisisOutsideOfficeHours(c, hours)).length,
  };
}

/**
 * Whether the conversation's first crisis handover was asked for while the office was closed: the nights
 * and weekends when only the bot's crisis card and the emergency numbers stood between a citizen and no one.
 */
export function crisisOutsideOfficeHours(c: ConversationLog, hours: Hours): boolean {
  const crisis = eventsOf(c, 'handover_requested').find((e) => e.p.reason === 'crisis');
  return crisis !== undefined && !isOpen(hours, new Date(crisis.at));
}
