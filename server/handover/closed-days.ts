import Holidays from 'date-holidays';

/** Days on which every queue is closed, asked one local date ("YYYY-MM-DD") at a time. */
export interface ClosedDays {
  has(isoDate: string): boolean;
}

export interface ClosedDaysConfig {
  municipality: { country: 'no' | 'dk' };
  /** The country's public holidays (date-holidays' `public` type), computed for any year. */
  publicHolidays: boolean;
  /** Extra closed days: a date "YYYY-MM-DD", or "MM-DD" for every year (e.g. Christmas Eve). */
  holidays: readonly string[];
}

const COUNTRY = { no: 'NO', dk: 'DK' } as const;

function calendar(config: ClosedDaysConfig): ClosedDays {
  const dates = new Set(config.holidays.filter((d) => d.length === 10));
  const yearly = new Set(config.holidays.filter((d) => d.length === 5));
  const library = config.publicHolidays ? new Holidays(COUNTRY[config.municipality.country]) : undefined;
  const byYear = new Map<number, Set<string>>();
  const publicIn = (year: number): Set<string> => {
    let days = byYear.get(year);
    if (!days) {
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

const cache = new WeakMap<ClosedDaysConfig, ClosedDays>();

/** One calendar per (read-once) config object, so hot paths like isOpen do not rebuild it. */
export function closedDaysFor(config: ClosedDaysConfig): ClosedDays {
  let days = cache.get(config);
  if (!days) {
    days = calendar(config);
    cache.set(config, days);
  }
  return days;
}
