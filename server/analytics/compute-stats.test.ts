import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.ts';
import { closedDays } from '../handover/closed-days.ts';
import { openStore, type Store } from '../store/store.ts';
import { computeStats, officeHoursFromConfig } from './compute-stats.ts';
import { formatStats } from './report-format.ts';
import type { Stats } from './stats-types.ts';
import {
  RAW_IDS,
  SAMPLE_FILES,
  SAMPLE_PERIOD,
  sampleOfficeHours,
  writeSampleWeek,
} from './test-support/sample-week.ts';
import { SyntheticConversation } from './test-support/synthetic-log.ts';

let store: Store;
const config = loadConfig({ env: {} });
beforeEach(async () => {
  store = openStore(join(mkdtempSync(join(tmpdir(), 'svar-stats-')), 'svar.db'));
  await writeSampleWeek(store);
});
afterEach(async () => await store.close());

const stats = async (): Promise<Stats> =>
  await computeStats(store, {
    ...SAMPLE_PERIOD,
    officeHours: sampleOfficeHours(config),
    files: SAMPLE_FILES,
  });

const hours = (cells: Record<string, number>): number[][] => {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const [key, n] of Object.entries(cells)) {
    const [day, hour] = key.split(' ').map(Number);
    grid[day!]![hour!] = n;
  }
  return grid;
};

/** Counted by hand from test-support/sample-week.ts. */
const EXPECTED: Stats = {
  period: { from: '2026-03-02', to: '2026-03-08', timeZone: 'Europe/Oslo' },
  conversations: {
    total: 20,
    perDay: [
      { date: '2026-03-02', count: 5 },
      { date: '2026-03-03', count: 4 },
      { date: '2026-03-04', count: 4 },
      { date: '2026-03-05', count: 2 },
      { date: '2026-03-06', count: 2 },
      { date: '2026-03-07', count: 2 },
      { date: '2026-03-08', count: 1 },
    ],
    perHourOfWeek: hours({
      '0 0': 1, '0 9': 1, '0 10': 1, '0 14': 1, '0 16': 1,
      '1 8': 1, '1 11': 1, '1 12': 1, '1 22': 1,
      '2 9': 1, '2 10': 1, '2 13': 1, '2 15': 1,
      '3 10': 1, '3 11': 1,
      '4 9': 1, '4 14': 1,
      '5 12': 1, '5 13': 1,
      '6 23': 1,
    }), // prettier-ignore
    // c20 00:30, c04 16:00, c08 22:00, c12 15:45, c13 + c14 (holiday), c17, c18, c19 (weekend).
    outsideOfficeHours: { count: 9, share: 0.45 },
    // c15's crisis was on Friday morning, while the office was open.
    crisesOutsideOfficeHours: 0,
  },
  outcomes: {
    counts: {
      resolved: 5,
      answered_not_helpful: 1,
      clarified: 1,
      handed_over: 6,
      fallback: 5,
      no_question: 2,
    },
    withRequest: 18,
    handedOverByReason: { crisis: 1, pii: 0, personal: 2, complaint: 1, sensitive: 0, human_request: 2 },
    containmentRate: 0.2778,
    decisions: { answer: 6, clarify: 1, handover: 4, fallback: 5, smalltalk: 1 },
    fallbackByReason: { no_match: 4, out_of_scope: 1, injection: 0, gibberish: 0 },
  },
  queue: {
    handoverRequests: 6,
    byQueue: { servicetorget: 3, byggesak: 2, helse: 1 },
    assigned: 3,
    abandoned: 1,
    sentOffline: 2,
    offlineOffered: { office_closed: 2, no_agent: 0, wait_limit: 0 },
    waitSeconds: { count: 3, p50: 60, p90: 120, mean: 63.3 },
    abandonedAfterSeconds: { count: 1, p50: 240, p90: 240, mean: 240 },
    handlingSeconds: { count: 3, p50: 600, p90: 900, mean: 600 },
  },
  tickets: {
    created: 2,
    withEmail: 1,
    withPhone: 1,
    answered: 1,
    open: 1,
    answeredBy: { email: 1, phone: 0 },
    secondsToAnswer: { count: 1, p50: 50_400, p90: 50_400, mean: 50_400 },
  },
  feedback: {
    bot: { up: 2, down: 1 },
    byFile: [
      { fileId: 'skolerute', up: 1, down: 1 },
      { fileId: 'bibliotek', up: 1, down: 0 },
    ],
    afterHandover: { up: 1, down: 2, satisfaction: 0.3333 },
  },
  languages: {
    conversations: { nb: 16, en: 2, da: 1, nn: 1 },
    questions: { nb: 13, en: 2, nn: 1 },
  },
  files: {
    top: [
      { fileId: 'skolerute', title: 'Skolerute', answers: 3 },
      { fileId: 'parkering', title: 'Parkeringstillatelse', answers: 2 },
      { fileId: 'bibliotek', title: 'Biblioteket', answers: 1 },
    ],
    neverUsed: [
      { fileId: 'renovasjon', title: 'Renovasjon' },
      { fileId: 'startlan', title: 'Startlån' },
    ],
  },
  knowledgeGaps: {
    unanswered: 5,
    groups: [
      {
        size: 3,
        terms: ['elbil', 'lad'],
        examples: ['Hvor kan jeg lade elbilen min?', 'Kan jeg lade elbilen i garasjen?'],
      },
      { size: 1, terms: ['numm', 'rikt'], examples: ['Er [FNR] riktig nummer?'] },
      {
        size: 1,
        terms: ['fodselsnumm', 'sok', 'startlan'],
        examples: ['Mitt fødselsnummer er [FNR], hvordan søker jeg om startlån?'],
      },
    ],
  },
  contactTypes: {
    byType: {
      wrong_authority: { staff: 1, bot: 0, total: 1 },
      existing_case_info: { staff: 0, bot: 2, total: 2 },
      new_case: { staff: 1, bot: 0, total: 1 },
      self_service_help: { staff: 0, bot: 2, total: 2 },
      case_status_change: { staff: 1, bot: 0, total: 1 },
      general_advice: { staff: 0, bot: 4, total: 4 },
    },
    unclassified: 9,
    byCategory: { information: 7, interaction: 3, transaction: 1 },
  },
  skippedEvents: 1,
};

describe('computeStats on a known week', () => {
  it('gives exactly the figures counted by hand', async () => {
    expect(await stats()).toEqual(EXPECTED);
  });

  it('keeps key order stable for tables and charts', async () => {
    const s = await stats();
    expect(Object.keys(s.languages.conversations)).toEqual(['nb', 'en', 'da', 'nn']);
    expect(s.files.top.map((f) => f.fileId)).toEqual(['skolerute', 'parkering', 'bibliotek']);
  });

  it('counts days and hours in the municipality time zone, not UTC', async () => {
    const utc = await computeStats(store, {
      ...SAMPLE_PERIOD,
      timeZone: 'UTC',
      officeHours: sampleOfficeHours(config),
      files: SAMPLE_FILES,
    });
    // In UTC, c20 (Monday 00:30 Oslo) falls on Sunday 1 March and c21 (Monday 9 March 00:30) on Sunday 8.
    expect(utc.conversations.perDay[0]).toEqual({ date: '2026-03-02', count: 4 });
    expect(utc.conversations.perDay[6]).toEqual({ date: '2026-03-08', count: 2 });
  });

  it('uses the configured holidays for "outside office hours"', async () => {
    const noHoliday = await computeStats(store, {
      ...SAMPLE_PERIOD,
      officeHours: {
        ...sampleOfficeHours(config),
        holidays: { country: 'no', publicHolidays: false, holidays: [] },
      },
    });
    // Thursday 10:00 and 11:00 are then open.
    expect(noHoliday.conversations.outsideOfficeHours).toEqual({ count: 7, share: 0.35 });
  });

  it('counts crisis handovers asked for while the office was closed', async () => {
    // Tuesday 3 March: a crisis at 23:10 local time (closed), and one at 10:00 (open) that does not count.
    for (const [id, at] of [
      ['night', '2026-03-03T22:10:00.000Z'],
      ['day', '2026-03-03T09:00:00.000Z'],
    ] as const) {
      const c = await SyntheticConversation.start(store, id, at, 'nb');
      await c.citizen('Jeg orker ikke mer');
      await c.decide('handover', { handoverReason: 'crisis', redacted: 'Jeg orker ikke mer' });
      await c.handover('crisis', 'helse', 'urgent');
    }
    expect((await stats()).conversations.crisesOutsideOfficeHours).toBe(1);
  });

  it('takes office hours from the default queue in the config', async () => {
    const hoursOf = officeHoursFromConfig(config);
    expect(hoursOf.schedule.thu).toEqual([['08:00', '18:00']]);
    expect(closedDays(hoursOf.holidays).has('2026-05-17')).toBe(true);
  });

  it('reports an empty period with zeros and nulls, not errors', async () => {
    const empty = await computeStats(store, {
      from: '2025-01-06',
      to: '2025-01-07',
      timeZone: 'Europe/Oslo',
      officeHours: sampleOfficeHours(config),
    });
    expect(empty.conversations.total).toBe(0);
    expect(empty.conversations.perDay).toHaveLength(2);
    expect(empty.outcomes.containmentRate).toBeNull();
    expect(empty.queue.waitSeconds).toEqual({ count: 0, p50: null, p90: null, mean: null });
  });

  it('refuses a period that ends before it starts', async () => {
    expect(
      async () =>
        await computeStats(store, {
          from: '2026-03-08',
          to: '2026-03-02',
          timeZone: 'Europe/Oslo',
          officeHours: sampleOfficeHours(config),
        }),
    ).toThrow(/before/);
  });
});

describe('statistics and personal data', () => {
  it('never contain an ID number that was in a message, in any format', async () => {
    // The raw messages do hold them, so the check below is not vacuous.
    const raw = await store.sql.all<{ text: string }>('SELECT text FROM messages WHERE text IS NOT NULL');
    for (const id of RAW_IDS) expect(raw.some((m) => m.text.includes(id))).toBe(true);
    const s = await stats();
    for (const format of ['json', 'md', 'csv'] as const) {
      const out = formatStats(s, format);
      for (const id of RAW_IDS) expect(out).not.toContain(id);
      expect(out).not.toContain('412 34 567');
      expect(out).not.toContain('ola.nordmann@example.no');
    }
  });
});
