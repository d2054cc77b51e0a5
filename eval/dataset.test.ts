import { describe, expect, it } from 'vitest';
import { parseQuestions } from './dataset.ts';

describe('parseQuestions', () => {
  it('reports bad lines with their number, skips them, and errors on unknown files', () => {
    const text = [
      '{"id":"q1","lang":"nb","text":"Når er fristen?","expect":"answer","faq":"a"}',
      'not json',
      '{"id":"q2","lang":"de","text":"x","expect":"answer","faq":"a"}',
      '',
      '{"id":"q3","lang":"en","text":"x","expect":"answer","faq":["a","missing"]}',
      '{"id":"q4","lang":"da","text":"mit cpr","expect":"handover","reason":"pii"}',
      '{"id":"q5","lang":"sv","text":"väder","expect":"fallback"}',
      '{"id":"q1","lang":"nb","text":"dup","expect":"fallback"}',
      '{"id":"q6","lang":"nb","text":"x","expect":"handover"}',
    ].join('\n');
    const { questions, problems } = parseQuestions(text, new Set(['a']));
    expect(questions.map((q) => q.id)).toEqual(['q1', 'q4', 'q5']);
    expect(questions[0]?.faq).toEqual(['a']);
    expect(problems.map((p) => [p.line, p.severity])).toEqual([
      [2, 'skipped'],
      [3, 'skipped'],
      [5, 'error'],
      [8, 'skipped'],
      [9, 'skipped'],
    ]);
    expect(problems[2]?.message).toContain('missing');
  });
});
