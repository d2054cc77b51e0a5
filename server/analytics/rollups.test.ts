import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { openStore, type Store } from '../store/store.ts';
import { computeStats, type StatsOptions } from './compute-stats.ts';
import { rollupBacklog, rollupStats } from './rollups.ts';
import {
  SAMPLE_FILES,
  SAMPLE_PERIOD,
  sampleOfficeHours,
  writeSampleWeek,
} from './test-support/sample-week.ts';
import { SyntheticConversation } from './test-support/synthetic-log.ts';
import { writeSyntheticDays } from './test-support/synthetic-year.ts';

const config = loadConfig({ env: {} });
let store: Store;
beforeEach(() => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-rollups-')), 'svar.db'));
});
afterEach(() => store.close());

const FILES = [...SAMPLE_FILES, { id: 'bibliotek-2', title: 'Bibliotek', link: 'https://example.test/b' }];
const base = (from: string, to: string, extra: Partial<StatsOptions> = {}): StatsOptions => ({
  from,
  to,
  timeZone: 'Europe/Oslo',
  officeHours: sampleOfficeHours(config),
  files: FILES,
  ...extra,
});
/** Noon in Oslo on a local date, as the server's clock. */
const noon = (date: string): Date => new Date(`${date}T12:00:00+01:00`);
const storedDays = (): string[] =>
  store.db
    .prepare<[], { day: string }>('SELECT day FROM stats_rollup_days ORDER BY day')
    .all()
    .map((r) => r.day);

describe('statistics from daily rollups', () => {
  it('equal the full computation on a synthetic log, for every period, department and "today"', () => {
    // 2 February – 2 March 2026: 28 days, about 12 conversations a day.
    const written = writeSyntheticDays(store, { end: '2026-03-02', days: 28, perDay: 12 });
    expect(written.conversations).toBeGreaterThan(200);
    const cases: [string, string, string][] = [
      ['2026-02-02', '2026-03-01', '2026-03-05'], // all days final
      ['2026-02-02', '2026-03-01', '2026-02-20'], // today in the middle: the rest read live
      ['2026-02-10', '2026-02-16', '2026-03-05'],
      ['2026-01-01', '2026-02-05', '2026-03-05'], // beginning before the log
    ];
    for (const [from, to, today] of cases) {
      for (const department of [undefined, 'servicetorget', 'helse', '', 'kultur']) {
        const o = base(from, to, department === undefined ? {} : { department });
        expect(rollupStats(store.db, { ...o, now: noon(today) }), `${from}–${to} ${department}`).toEqual(
          computeStats(store.db, o),
        );
      }
    }
    // Crises at night are in the log, so the new figure is not trivially zero.
    expect(
      computeStats(store.db, base('2026-02-02', '2026-03-01')).conversations.crisesOutsideOfficeHours,
    ).toBeGreaterThan(0);
  });

  it('equal the hand-counted sample week, malformed events included', () => {
    writeSampleWeek(store);
    const o = { ...SAMPLE_PERIOD, officeHours: sampleOfficeHours(config), files: SAMPLE_FILES };
    expect(rollupStats(store.db, { ...o, now: noon('2026-04-01') })).toEqual(computeStats(store.db, o));
  });

  it('store days before today only, and reuse them', () => {
    writeSyntheticDays(store, { end: '2026-03-02', days: 10, perDay: 8 });
    const o = { ...base('2026-02-20', '2026-03-01'), now: noon('2026-02-25') };
    expect(rollupBacklog(store.db, o)).toBe(5);
    rollupStats(store.db, o);
    expect(storedDays()).toEqual(['2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23', '2026-02-24']);
    expect(rollupBacklog(store.db, o)).toBe(0);
    // A day later, only the new final day is computed.
    const next = { ...o, now: noon('2026-02-26') };
    expect(rollupBacklog(store.db, next)).toBe(1);
    expect(rollupStats(store.db, next)).toEqual(computeStats(store.db, o));
  });

  it('compute an old day again when its conversations get new events, or lose them', () => {
    writeSyntheticDays(store, { end: '2026-03-02', days: 10, perDay: 8 });
    const o = { ...base('2026-02-20', '2026-03-01'), now: noon('2026-03-10') };
    rollupStats(store.db, o);
    expect(rollupBacklog(store.db, o)).toBe(0);

    // An offline message left on 22 February is answered weeks later.
    const c = new SyntheticConversation(store, 'late', '2026-02-22T10:00:00.000Z', 'nb');
    const ticket = c.ticket({ question: 'Ring meg', queue: 'byggesak', phone: '+47 400 00 000' });
    rollupStats(store.db, o);
    c.ticketAnswered(ticket, 'phone', 1_500_000, 1, 'Svar');
    expect(rollupBacklog(store.db, o)).toBe(1);
    const after = rollupStats(store.db, o);
    expect(after.tickets).toEqual(computeStats(store.db, o).tickets);
    expect(after).toEqual(computeStats(store.db, o));

    // A day outside the asked period is noted too, and computed when asked for.
    const outside = new SyntheticConversation(store, 'early', '2026-02-20T10:00:00.000Z', 'nb');
    rollupStats(store.db, { ...o, from: '2026-02-25' });
    expect(storedDays()).not.toContain('2026-02-20');
    expect(rollupStats(store.db, o)).toEqual(computeStats(store.db, o));
    void outside;

    // Erasure (a data subject's request) deletes a conversation's events: its day leaves the rollups at
    // once, before statistics are next asked for, and comes back without it.
    const rollupText = () =>
      store.db
        .prepare<[], { data: string }>("SELECT data FROM stats_rollups WHERE day = '2026-02-22'")
        .all()
        .map((r) => r.data)
        .join();
    const gap = new SyntheticConversation(store, 'erase-me', '2026-02-22T11:00:00.000Z', 'nb');
    gap.citizen('Hvor er det nærmeste badestranda for hunder?');
    gap.decide('fallback', { unanswered: true, redacted: 'Hvor er det nærmeste badestranda for hunder?' });
    rollupStats(store.db, o);
    expect(rollupText()).toContain('badestranda');
    store.db.prepare("DELETE FROM events WHERE conversation_id IN ('late', 'erase-me')").run();
    expect(rollupText()).not.toContain('badestranda');
    expect(rollupStats(store.db, o)).toEqual(computeStats(store.db, o));
    expect(rollupText()).not.toContain('badestranda');
    // So does retention deleting the oldest events.
    store.db.prepare("DELETE FROM events WHERE at < '2026-02-23T00:00:00Z'").run();
    expect(rollupStats(store.db, o)).toEqual(computeStats(store.db, o));
  });

  it('notice a later event that got the id of a deleted newest event', () => {
    writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 5 });
    const o = { ...base('2026-02-25', '2026-03-01'), now: noon('2026-03-10') };
    const old = new SyntheticConversation(store, 'old', '2026-02-26T10:00:00.000Z', 'nb');
    const ticket = old.ticket({ question: 'Ring meg', queue: 'byggesak', phone: '+47 400 00 000' });
    const newest = new SyntheticConversation(store, 'newest', '2026-03-09T10:00:00.000Z', 'nb');
    newest.citizen('Hei');
    rollupStats(store.db, o);
    const before = store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM events').get()!.id;
    store.db.prepare("DELETE FROM events WHERE conversation_id = 'newest'").run();
    old.ticketAnswered(ticket, 'phone', 3600, 1, 'Svar');
    const reused = store.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM events').get()!.id;
    expect(reused).toBeLessThanOrEqual(before);
    expect(rollupStats(store.db, o)).toEqual(computeStats(store.db, o));
    expect(rollupStats(store.db, o).tickets.answered).toBeGreaterThan(0);
  });

  it('count today live, without storing it', () => {
    writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 5 });
    const o = { ...base('2026-02-25', '2026-03-02'), now: noon('2026-03-02') };
    const before = rollupStats(store.db, o);
    const c = new SyntheticConversation(store, 'now', '2026-03-02T10:30:00.000Z', 'en');
    c.citizen('Hello');
    c.decide('smalltalk', { redacted: 'Hello' });
    const after = rollupStats(store.db, o);
    expect(after.conversations.total).toBe(before.conversations.total + 1);
    expect(after).toEqual(computeStats(store.db, o));
    expect(storedDays()).not.toContain('2026-03-02');
  });

  it('compute every day again when office hours change', () => {
    writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 8 });
    const o = { ...base('2026-02-25', '2026-03-01'), now: noon('2026-03-10') };
    rollupStats(store.db, o);
    const open = {
      ...o,
      officeHours: { ...o.officeHours, schedule: { ...o.officeHours.schedule, sat: [['00:00', '24:00']] } },
    } as typeof o;
    expect(rollupBacklog(store.db, open)).toBe(5);
    expect(rollupStats(store.db, open)).toEqual(computeStats(store.db, open));
  });
});
