import { createRequire } from 'node:module';
import type HolidaysLibrary from 'date-holidays';

/**
 * date-holidays brings moment-timezone and astronomical tables, a fifth of a second to load: it is required
 * the first time a year's public holidays are asked for, not at every start.
 */
const loadHolidays = (): typeof HolidaysLibrary =>
  createRequire(import.meta.url)('date-holidays') as typeof HolidaysLibrary;

/** Days on which every queue is closed, asked one local date ("YYYY-MM-DD") at a time. */
export interface ClosedDays {
  has(isoDate: string): boolean;
}

/**
 * What decides the closed days, as plain data: it crosses into the statistics process, where functions
 * cannot go.
 */
export interface ClosedDaysSpec {
  country: 'no' | 'dk';
  /** The country's public holidays (date-holidays' `public` type), computed for any year. */
  publicHolidays: boolean;
  /** Extra closed days: a date "YYYY-MM-DD", or "MM-DD" for every year (e.g. Christmas Eve). */
  holidays: readonly string[];
}

export interface ClosedDaysConfig {
  municipality: { country: 'no' | 'dk' };
  publicHolidays: boolean;
  holidays: readonly string[];
}

const COUNTRY = { no: 'NO', dk: 'DK' } as const;

function calendar(spec: ClosedDaysSpec): ClosedDays {
  const dates = new Set(spec.holidays.filter((d) => d.length === 10));
  const yearly = new Set(spec.holidays.filter((d) => d.length === 5));
  let library: HolidaysLibrary | undefined;
  const byYear = new Map<number, Set<string>>();
  const publicIn = (year: number): Set<string> => {
    let days = byYear.get(year);
    if (!days) {
      if (spec.publicHolidays) library ??= new (loadHolidays())(COUNTRY[spec.country]);
      days = new Set(
        (library?.getHolidays(year) ?? []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
      );
      byYear.set(year, days);
    }
    return days;
  };
  return {
    has: (isoDate) =>
      dates.has(isoDate) ||
      yearly.has(isoDate.slice(5)) ||
      publicIn(Number(isoDate.slice(0, 4))).has(isoDate),
  };
}

const cache = new Map<string, ClosedDays>();

/** One calendar per distinct spec, so hot paths like isOpen do not rebuild it. */
export function closedDays(spec: ClosedDaysSpec): ClosedDays {
  const key = JSON.stringify([spec.country, spec.publicHolidays, spec.holidays]);
  let days = cache.get(key);
  if (!days) {
    days = calendar(spec);
    cache.set(key, days);
  }
  return days;
}

export const closedDaysSpec = (config: ClosedDaysConfig): ClosedDaysSpec => ({
  country: config.municipality.country,
  publicHolidays: config.publicHolidays,
  holidays: config.holidays,
});

export const closedDaysFor = (config: ClosedDaysConfig): ClosedDays => closedDays(closedDaysSpec(config));
