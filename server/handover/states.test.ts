import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { closedDaysFor } from './closed-days.ts';
import { isOpen, nextOpening } from './office-hours.ts';
import { estimateWaitSeconds, routeQueue } from './routing.ts';
import { planTransition } from './states.ts';

describe('planTransition', () => {
  it('follows the handover state machine', () => {
    expect(planTransition({ state: 'bot', agentId: null }, 'waiting')).toBe('apply');
    expect(planTransition({ state: 'waiting', agentId: null }, 'assigned', 1)).toBe('apply');
    expect(planTransition({ state: 'waiting', agentId: null }, 'offline')).toBe('apply');
    expect(planTransition({ state: 'assigned', agentId: 1 }, 'waiting')).toBe('apply');
    expect(planTransition({ state: 'assigned', agentId: 1 }, 'closed')).toBe('apply');
    expect(planTransition({ state: 'offline', agentId: null }, 'waiting')).toBe('apply');
    expect(planTransition({ state: 'bot', agentId: null }, 'assigned', 1)).toBe('invalid');
    expect(planTransition({ state: 'bot', agentId: null }, 'offline')).toBe('invalid');
    expect(planTransition({ state: 'closed', agentId: null }, 'waiting')).toBe('invalid');
  });

  it('treats the same transition twice as a no-op, except a change of agent', () => {
    expect(planTransition({ state: 'waiting', agentId: null }, 'waiting')).toBe('noop');
    expect(planTransition({ state: 'closed', agentId: null }, 'closed')).toBe('noop');
    expect(planTransition({ state: 'assigned', agentId: 1 }, 'assigned', 1)).toBe('noop');
    expect(planTransition({ state: 'assigned', agentId: 1 }, 'assigned', 2)).toBe('apply');
  });
});

describe('office hours', () => {
  const config = loadConfig({ env: {} });
  const hours = {
    schedule: config.schedules.servicetorget!,
    holidays: closedDaysFor(config),
    timeZone: 'Europe/Oslo',
  };

  it('uses local time in the municipality, summer time included', () => {
    // Wednesday 4 March 2026, winter time (UTC+1): 08:00 local is 07:00Z.
    expect(isOpen(hours, new Date('2026-03-04T06:59:00Z'))).toBe(false);
    expect(isOpen(hours, new Date('2026-03-04T07:00:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-03-04T14:29:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-03-04T14:30:00Z'))).toBe(false);
    // Wednesday 10 June 2026, summer time (UTC+2): 08:00 local is 06:00Z.
    expect(isOpen(hours, new Date('2026-06-10T06:00:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-06-10T05:59:00Z'))).toBe(false);
  });

  it('is closed at weekends and on holidays, and knows when it opens next', () => {
    expect(isOpen(hours, new Date('2026-03-07T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(hours, new Date('2026-05-14T10:00:00Z'))).toBe(false); // Ascension Day, a Thursday
    expect(nextOpening(hours, new Date('2026-03-07T10:00:00Z'))?.toISOString()).toBe(
      '2026-03-09T07:00:00.000Z',
    );
    // Maundy Thursday → Easter Tuesday
    expect(nextOpening(hours, new Date('2026-04-02T09:00:00Z'))?.toISOString()).toBe(
      '2026-04-07T06:00:00.000Z',
    );
  });
});

describe('routing', () => {
  const config = loadConfig({ env: {} });
  it('takes the first configured queue, else the default', () => {
    expect(routeQueue(config, 'oppvekst', 'helse')).toBe('oppvekst');
    expect(routeQueue(config, 'Oppvekst-avdeling', 'helse')).toBe('helse');
    expect(routeQueue(config, undefined, null)).toBe('servicetorget');
  });

  it('estimates waits from agents online', () => {
    expect(estimateWaitSeconds(1, 1, 300)).toBe(300);
    expect(estimateWaitSeconds(3, 2, 300)).toBe(600);
    expect(estimateWaitSeconds(2, 0, 300)).toBe(600);
  });
});
