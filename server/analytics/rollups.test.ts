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
afterEach(async () => await store.close());

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
const storedDays = async (): Promise<string[]> =>
  (await store.sql.all<{ day: string }>('SELECT day FROM stats_rollup_days ORDER BY day')).map((r) => r.day);

describe('statistics from daily rollups', () => {
  it('equal the full computation on a synthetic log, for every period, department and "today"', async () => {
    // 2 February – 2 March 2026: 28 days, about 12 conversations a day.
    const written = await writeSyntheticDays(store, { end: '2026-03-02', days: 28, perDay: 12 });
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
        expect(await rollupStats(store, { ...o, now: noon(today) }), `${from}–${to} ${department}`).toEqual(
          await computeStats(store, o),
        );
      }
    }
    // Crises at night are in the log, so the new figure is not trivially zero.
    expect(
      (await computeStats(store, base('2026-02-02', '2026-03-01'))).conversations.crisesOutsideOfficeHours,
    ).toBeGreaterThan(0);
  });

  it('equal the hand-counted sample week, malformed events included', async () => {
    await writeSampleWeek(store);
    const o = { ...SAMPLE_PERIOD, officeHours: sampleOfficeHours(config), files: SAMPLE_FILES };
    expect(await rollupStats(store, { ...o, now: noon('2026-04-01') })).toEqual(await computeStats(store, o));
  });

  it('store days before today only, and reuse them', async () => {
    await writeSyntheticDays(store, { end: '2026-03-02', days: 10, perDay: 8 });
    const o = { ...base('2026-02-20', '2026-03-01'), now: noon('2026-02-25') };
    expect(await rollupBacklog(store, o)).toBe(5);
    await rollupStats(store, o);
    expect(await storedDays()).toEqual([
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
      '2026-02-24',
    ]);
    expect(await rollupBacklog(store, o)).toBe(0);
    // A day later, only the new final day is computed.
    const next = { ...o, now: noon('2026-02-26') };
    expect(await rollupBacklog(store, next)).toBe(1);
    expect(await rollupStats(store, next)).toEqual(await computeStats(store, o));
  });

  it('compute an old day again when its conversations get new events, or lose them', async () => {
    await writeSyntheticDays(store, { end: '2026-03-02', days: 10, perDay: 8 });
    const o = { ...base('2026-02-20', '2026-03-01'), now: noon('2026-03-10') };
    await rollupStats(store, o);
    expect(await rollupBacklog(store, o)).toBe(0);

    // An offline message left on 22 February is answered weeks later.
    const c = await SyntheticConversation.start(store, 'late', '2026-02-22T10:00:00.000Z', 'nb');
    const ticket = await c.ticket({ question: 'Ring meg', queue: 'byggesak', phone: '+47 400 00 000' });
    await rollupStats(store, o);
    await c.ticketAnswered(ticket, 'phone', 1_500_000, 1, 'Svar');
    expect(await rollupBacklog(store, o)).toBe(1);
    const after = await rollupStats(store, o);
    expect(after.tickets).toEqual((await computeStats(store, o)).tickets);
    expect(after).toEqual(await computeStats(store, o));

    // A day outside the asked period is noted too, and computed when asked for.
    const outside = await SyntheticConversation.start(store, 'early', '2026-02-20T10:00:00.000Z', 'nb');
    await rollupStats(store, { ...o, from: '2026-02-25' });
    expect(await storedDays()).not.toContain('2026-02-20');
    expect(await rollupStats(store, o)).toEqual(await computeStats(store, o));
    void outside;

    // Erasure (a data subject's request) deletes a conversation's events: its day leaves the rollups at
    // once, before statistics are next asked for, and comes back without it.
    const rollupText = async () =>
      (await store.sql.all<{ data: string }>("SELECT data FROM stats_rollups WHERE day = '2026-02-22'"))
        .map((r) => r.data)
        .join();
    const gap = await SyntheticConversation.start(store, 'erase-me', '2026-02-22T11:00:00.000Z', 'nb');
    await gap.citizen('Hvor er det nærmeste badestranda for hunder?');
    await gap.decide('fallback', {
      unanswered: true,
      redacted: 'Hvor er det nærmeste badestranda for hunder?',
    });
    await rollupStats(store, o);
    expect(rollupText()).toContain('badestranda');
    await store.sql.run("DELETE FROM events WHERE conversation_id IN ('late', 'erase-me')");
    expect(rollupText()).not.toContain('badestranda');
    expect(await rollupStats(store, o)).toEqual(await computeStats(store, o));
    expect(rollupText()).not.toContain('badestranda');
    // So does retention deleting the oldest events.
    await store.sql.run("DELETE FROM events WHERE at < '2026-02-23T00:00:00Z'");
    expect(await rollupStats(store, o)).toEqual(await computeStats(store, o));
  });

  it('notice a later event that got the id of a deleted newest event', async () => {
    await writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 5 });
    const o = { ...base('2026-02-25', '2026-03-01'), now: noon('2026-03-10') };
    const old = await SyntheticConversation.start(store, 'old', '2026-02-26T10:00:00.000Z', 'nb');
    const ticket = await old.ticket({ question: 'Ring meg', queue: 'byggesak', phone: '+47 400 00 000' });
    const newest = await SyntheticConversation.start(store, 'newest', '2026-03-09T10:00:00.000Z', 'nb');
    await newest.citizen('Hei');
    await rollupStats(store, o);
    const before = (await store.sql.get<{ id: number }>('SELECT max(id) AS id FROM events'))!.id;
    await store.sql.run("DELETE FROM events WHERE conversation_id = 'newest'");
    await old.ticketAnswered(ticket, 'phone', 3600, 1, 'Svar');
    const reused = (await store.sql.get<{ id: number }>('SELECT max(id) AS id FROM events'))!.id;
    expect(reused).toBeLessThanOrEqual(before);
    expect(await rollupStats(store, o)).toEqual(await computeStats(store, o));
    expect((await rollupStats(store, o)).tickets.answered).toBeGreaterThan(0);
  });

  it('count today live, without storing it', async () => {
    await writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 5 });
    const o = { ...base('2026-02-25', '2026-03-02'), now: noon('2026-03-02') };
    const before = await rollupStats(store, o);
    const c = await SyntheticConversation.start(store, 'now', '2026-03-02T10:30:00.000Z', 'en');
    await c.citizen('Hello');
    await c.decide('smalltalk', { redacted: 'Hello' });
    const after = await rollupStats(store, o);
    expect(after.conversations.total).toBe(before.conversations.total + 1);
    expect(after).toEqual(await computeStats(store, o));
    expect(await storedDays()).not.toContain('2026-03-02');
  });

  it('compute every day again when office hours change', async () => {
    await writeSyntheticDays(store, { end: '2026-03-02', days: 5, perDay: 8 });
    const o = { ...base('2026-02-25', '2026-03-01'), now: noon('2026-03-10') };
    await rollupStats(store, o);
    const open = {
      ...o,
      officeHours: { ...o.officeHours, schedule: { ...o.officeHours.schedule, sat: [['00:00', '24:00']] } },
    } as typeof o;
    expect(await rollupBacklog(store, open)).toBe(5);
    expect(await rollupStats(store, open)).toEqual(await computeStats(store, open));
  });
});
