import { describe, expect, it } from 'vitest';
import { duration, percent, statsCsv, statsMarkdown } from './report-format.ts';
import type { Stats } from './stats-types.ts';

function tiny(example: string): Stats {
  const summary = { count: 0, p50: null, p90: null, mean: null };
  const zeros = { staff: 0, bot: 0, total: 0 };
  return {
    period: { from: '2026-03-02', to: '2026-03-02', timeZone: 'Europe/Oslo' },
    conversations: {
      total: 1,
      perDay: [{ date: '2026-03-02', count: 1 }],
      perHourOfWeek: Array.from({ length: 7 }, () => Array<number>(24).fill(0)),
      outsideOfficeHours: { count: 0, share: 0 },
      crisesOutsideOfficeHours: 0,
    },
    outcomes: { counts: { resolved: 0, answered_not_helpful: 0, clarified: 0, handed_over: 0, fallback: 1, no_question: 0 }, withRequest: 1, handedOverByReason: {}, containmentRate: 0, decisions: { fallback: 1 }, fallbackByReason: { no_match: 1 } },
    queue: { handoverRequests: 0, byQueue: {}, assigned: 0, abandoned: 0, sentOffline: 0, offlineOffered: {}, waitSeconds: summary, abandonedAfterSeconds: summary, handlingSeconds: summary },
    tickets: { created: 0, withEmail: 0, withPhone: 0, answered: 0, open: 0, answeredBy: { email: 0, phone: 0 }, secondsToAnswer: summary },
    feedback: { bot: { up: 0, down: 0 }, byFile: [], afterHandover: { up: 0, down: 0, satisfaction: null } },
    languages: { conversations: { nb: 1 }, questions: { nb: 1 } },
    files: { top: [], neverUsed: [] },
    knowledgeGaps: { unanswered: 1, groups: [{ size: 1, terms: ['x'], examples: [example] }] },
    contactTypes: {
      byType: { wrong_authority: zeros, existing_case_info: zeros, new_case: zeros, self_service_help: zeros, case_status_change: zeros, general_advice: zeros },
      unclassified: 1,
      byCategory: { information: 0, interaction: 0, transaction: 0 },
    },
    skippedEvents: 0,
  }; // prettier-ignore
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = statsCsv(tiny('=HYPERLINK("http://evil.example","klikk"), ja\nnei'));
    expect(csv).toContain(
      `knowledge_gaps,group_1,example_1,"'=HYPERLINK(""http://evil.example"",""klikk""), ja\nnei"\r\n`,
    );
    expect(csv.startsWith('section,figure,key,value\r\n')).toBe(true);
    expect(csv).toContain('conversations,per_hour_of_week,Mon 00,0\r\n');
    expect(csv).toContain('tickets,with_email,,0\r\n');
    expect(csv).toContain('queue,wait_seconds,p50,\r\n');
  });
});

describe('Markdown', () => {
  it('keeps citizen text inside its table cell', () => {
    const md = statsMarkdown(tiny('a | b\nc'));
    expect(md).toContain('| 1 | x | “a \\| b c” |');
  });

  it('writes durations and shares for people', () => {
    expect([duration(45), duration(95), duration(50_400), duration(null)]).toEqual([
      '45 s',
      '1 min 35 s',
      '14 h 0 min',
      '–',
    ]);
    expect([percent(0.45), percent(0.2778), percent(null)]).toEqual(['45 %', '27.8 %', '–']);
  });
});
