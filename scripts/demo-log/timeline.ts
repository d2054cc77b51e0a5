import { DateTime } from 'luxon';
import type { Config } from '../../server/config/schema.ts';
import { closedDaysFor } from '../../server/handover/closed-days.ts';
import type { Persona, PersonaDeck } from './personas.ts';
import type { Random } from './random.ts';

export type DayEvent =
  | { at: Date; kind: 'shift_start' | 'lunch_start' | 'lunch_end' | 'shift_end' | 'tickets' }
  | { at: Date; kind: 'conversation'; persona: Persona };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Chats per hour of the day: a morning peak, a lunch dip and a tail into the evening. */
const WEEKDAY_HOURS: readonly (readonly [number, number])[] = [
  [6, 0.2],
  [7, 0.7],
  [8, 3],
  [9, 5],
  [10, 5],
  [11, 4.5],
  [12, 4],
  [13, 4.5],
  [14, 4],
  [15, 3],
  [16, 1.5],
  [17, 1.2],
  [18, 1],
  [19, 1],
  [20, 1],
  [21, 0.7],
  [22, 0.4],
  [23, 0.1],
];
const WEEKEND_HOURS: readonly (readonly [number, number])[] = [
  [8, 0.5],
  [9, 1],
  [10, 1.5],
  [11, 1.5],
  [12, 1.5],
  [13, 1.5],
  [14, 1.3],
  [15, 1.2],
  [16, 1],
  [17, 1],
  [18, 1],
  [19, 1.2],
  [20, 1.2],
  [21, 1],
  [22, 0.6],
];
/** Typical chats per weekday, Monday first (most on Mondays, fewest at weekends). */
const TYPICAL = [32, 28, 26, 27, 21, 8, 7] as const;

/** `days` local dates ending with `end`, oldest first. */
export function demoDates(end: string, days: number, timeZone: string): string[] {
  const last = DateTime.fromISO(end, { zone: timeZone });
  if (!last.isValid) throw new Error(`not a date: ${end}`);
  return Array.from({ length: days }, (_, i) => last.minus({ days: days - 1 - i }).toISODate() ?? '');
}

/** The day before `now` in the municipality's zone: the last whole day. */
export function yesterday(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).minus({ days: 1 }).toISODate() ?? '';
}

const at = (day: DateTime, hhmm: string): DateTime => {
  const [h, m] = hhmm.split(':').map(Number);
  return day.plus({ minutes: (h ?? 0) * 60 + (m ?? 0) });
};

/** A staff member's working day is at most this long, however long the queue is open (24/7 included). */
const SHIFT_HOURS = 10;

/**
 * The agent's working hours: those of the default queue (the switchboard) that day, if it opens, from 08:00
 * when the queue is open then, for at most SHIFT_HOURS.
 */
export function shiftOf(config: Config, date: string): { start: Date; end: Date } | undefined {
  if (closedDaysFor(config).has(date)) return undefined;
  const queue = config.queues.list.find((q) => q.id === config.queues.default);
  const schedule = config.schedules[queue?.schedule ?? ''];
  const day = DateTime.fromISO(date, { zone: config.municipality.timeZone }).startOf('day');
  const intervals = schedule?.[WEEKDAYS[day.weekday - 1]!] ?? [];
  if (intervals.length === 0) return undefined;
  const starts = intervals.map(([from]) => from).sort();
  const ends = intervals.map(([, to]) => to).sort();
  const opens = at(day, starts[0]!);
  const closes = at(day, ends.at(-1)!);
  const morning = day.set({ hour: 8 });
  const start = opens <= morning && morning < closes ? morning : opens;
  const end = DateTime.min(closes, start.plus({ hours: SHIFT_HOURS }));
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/**
 * One day: when citizens open the chat and what they want, and, on working days, the agent's shift with a
 * short lunch break and two rounds of answering offline messages. Sorted by time.
 */
export function planDay(
  date: string,
  o: { config: Config; random: Random; deck: PersonaDeck; volume?: number },
): DayEvent[] {
  const { random } = o;
  const day = DateTime.fromISO(date, { zone: o.config.municipality.timeZone }).startOf('day');
  const weekend = day.weekday >= 6;
  const typical = TYPICAL[day.weekday - 1]! * (o.volume ?? 1);
  const count = Math.max(1, Math.round(typical * random.between(0.75, 1.25)));
  const events: DayEvent[] = [];
  for (let i = 0; i < count; i++) {
    const hour = random.weighted(weekend ? WEEKEND_HOURS : WEEKDAY_HOURS);
    const time = day.plus({ hours: hour, seconds: random.int(0, 3599) });
    events.push({ at: time.toJSDate(), kind: 'conversation', persona: o.deck.deal() });
  }
  const shift = shiftOf(o.config, date);
  if (shift) {
    const start = DateTime.fromJSDate(shift.start);
    const end = DateTime.fromJSDate(shift.end);
    const inShift = (t: DateTime) => t > start && t < end;
    const lunch = day.set({ hour: 11, minute: 30 });
    events.push({ at: shift.start, kind: 'shift_start' }, { at: shift.end, kind: 'shift_end' });
    if (inShift(lunch) && inShift(lunch.plus({ minutes: 30 }))) {
      events.push(
        { at: lunch.toJSDate(), kind: 'lunch_start' },
        { at: lunch.plus({ minutes: 30 }).toJSDate(), kind: 'lunch_end' },
      );
    }
    for (const slot of [start.plus({ minutes: 10 }), day.set({ hour: 13, minute: 15 })]) {
      if (inShift(slot)) events.push({ at: slot.toJSDate(), kind: 'tickets' });
    }
  }
  // Shift and ticket events first at equal times, so a chat at 08:00 sharp finds the agent in.
  const order = (e: DayEvent) => (e.kind === 'conversation' ? 1 : 0);
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a) - order(b));
}
