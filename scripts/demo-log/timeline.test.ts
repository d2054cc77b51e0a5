import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/load.ts';
import { shiftOf } from './timeline.ts';

const local = (d: Date) =>
  d.toLocaleTimeString('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' });

describe('shiftOf', () => {
  it("follows the switchboard's opening hours", () => {
    const config = loadConfig({ env: {} });
    const thursday = shiftOf(config, '2026-03-05');
    expect(thursday && [local(thursday.start), local(thursday.end)]).toEqual(['08:00', '18:00']);
    expect(shiftOf(config, '2026-03-07')).toBeUndefined();
  });

  it('keeps a working day to ten hours from 08:00 when the queues are open around the clock', () => {
    const config = loadConfig({ env: {} });
    const allDay = [['00:00', '24:00']] as [string, string][];
    config.schedules.servicetorget = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
    const shift = shiftOf(config, '2026-03-07');
    expect(shift && [local(shift.start), local(shift.end)]).toEqual(['08:00', '18:00']);
  });
});
