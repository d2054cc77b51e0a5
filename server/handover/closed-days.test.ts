import { describe, expect, it } from 'vitest';
import { closedDaysFor } from './closed-days.ts';

const norway = {
  municipality: { country: 'no' as const },
  publicHolidays: true,
  holidays: ['12-24', '2027-08-16'],
};

describe('closedDaysFor', () => {
  it("closes on the country's public holidays in any year, movable feasts included", () => {
    const days = closedDaysFor(norway);
    // Maundy Thursday, Ascension Day and Whit Monday move with Easter.
    for (const date of ['2026-04-02', '2026-05-14', '2026-05-25', '2031-04-10', '2031-05-17']) {
      expect(days.has(date), date).toBe(true);
    }
    expect(days.has('2026-04-07')).toBe(false);
    // Observances in the library (Mother's Day, Midsummer Eve) are working days.
    expect(days.has('2026-02-08')).toBe(false);
    expect(days.has('2026-06-23')).toBe(false);
  });

  it('adds the configured days, once or every year', () => {
    const days = closedDaysFor(norway);
    expect(days.has('2026-12-24')).toBe(true);
    expect(days.has('2040-12-24')).toBe(true);
    expect(days.has('2027-08-16')).toBe(true);
    expect(days.has('2028-08-16')).toBe(false);
  });

  it('uses the Danish calendar for Danish municipalities, and can leave public holidays out', () => {
    const denmark = closedDaysFor({ municipality: { country: 'dk' }, publicHolidays: true, holidays: [] });
    expect(denmark.has('2026-05-17')).toBe(false);
    expect(denmark.has('2026-04-02')).toBe(true);
    const none = closedDaysFor({ municipality: { country: 'no' }, publicHolidays: false, holidays: [] });
    expect(none.has('2026-12-25')).toBe(false);
  });
});
