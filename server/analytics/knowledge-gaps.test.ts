import { describe, expect, it } from 'vitest';
import type { ConversationLog, LogEvent } from './event-log.ts';
import { knowledgeGaps } from './knowledge-gaps.ts';

const unanswered = (redacted: string, detectedLang = 'nb'): LogEvent => ({
  type: 'bot_decision',
  at: '2026-03-02T10:00:00.000Z',
  p: { kind: 'fallback', lang: 'nb', detectedLang, unanswered: true, redacted },
});
const log = (...questions: string[]): ConversationLog[] =>
  questions.map((q, i) => ({
    id: `c${i}`,
    startedAt: '2026-03-02T10:00:00.000Z',
    lang: 'nb',
    events: [unanswered(q)],
  }));

describe('knowledgeGaps', () => {
  it('groups questions that share most of their content terms, spelled with or without Nordic letters', () => {
    const gaps = knowledgeGaps(
      log(
        'Søknad om fiskekort',
        'soknad fiskekort?',
        'Hvor kjøper jeg fiskekort i elva?',
        'Åpningstider svømmehallen',
      ),
    );
    expect(gaps.unanswered).toBe(4);
    expect(gaps.groups.map((g) => g.size)).toEqual([2, 1, 1]);
    expect(gaps.groups[0]).toEqual({
      size: 2,
      terms: ['fiskekort', 'soknad'],
      examples: ['soknad fiskekort?', 'Søknad om fiskekort'],
    });
  });

  it('does not group on a single shared word when the rest differs', () => {
    const gaps = knowledgeGaps(log('fiskekort elva pris', 'fiskekort kommunen regler'));
    expect(gaps.groups.map((g) => g.size)).toEqual([1, 1]);
  });

  it('links through a chain of similar questions (single linkage)', () => {
    const gaps = knowledgeGaps(log('lade elbil', 'lade elbil garasje', 'elbil garasje'), { similarity: 0.5 });
    expect(gaps.groups.map((g) => g.size)).toEqual([3]);
  });

  it('groups questions without content words only by the same wording', () => {
    const gaps = knowledgeGaps(log('hva?', 'Hva?', 'hvor?'));
    expect(gaps.groups.map((g) => [g.size, g.terms])).toEqual([
      [2, []],
      [1, []],
    ]);
  });

  it('shows no placeholder as a term and no ID number in examples', () => {
    const gaps = knowledgeGaps(log('[FNR] startlån', 'startlån 01017012345'));
    expect(gaps.groups).toEqual([
      { size: 2, terms: ['startlan'], examples: ['[FNR] startlån', 'startlån [FNR]'] },
    ]);
  });

  it('keeps the largest groups when asked for fewer', () => {
    const gaps = knowledgeGaps(log('a fiskekort', 'fiskekort', 'svømmehall'), {
      maxGroups: 1,
      maxExamples: 1,
    });
    expect(gaps.groups).toEqual([{ size: 2, terms: ['fiskekort'], examples: ['a fiskekort'] }]);
  });
});
