import { describe, expect, it } from 'vitest';
import type { EvalQuestion } from './dataset.ts';
import { computeFullMetrics, percentile, type Outcome } from './metrics.ts';

const q = (
  id: string,
  lang: EvalQuestion['lang'],
  expect: EvalQuestion['expect'],
  extra: Partial<EvalQuestion> = {},
): EvalQuestion => ({
  id,
  lang,
  text: id,
  expect,
  faq: [],
  context: [],
  line: 1,
  ...extra,
});
const o = (
  question: EvalQuestion,
  got: Partial<Outcome> & Pick<Outcome, 'kind'>,
  latencyMs = 1,
): Outcome => ({
  question,
  suggestions: [],
  latencyMs,
  top: [],
  ...got,
});

// Ten questions worked out by hand; each figure below is counted in the comment next to it.
const outcomes: Outcome[] = [
  o(q('a1', 'nb', 'answer', { faq: ['x'] }), { kind: 'answer', fileId: 'x' }, 1), // right
  o(q('a2', 'nb', 'answer', { faq: ['x', 'y'] }), { kind: 'answer', fileId: 'y' }, 2), // right (2nd acceptable)
  o(q('a3', 'da', 'answer', { faq: ['x'] }), { kind: 'clarify', suggestions: ['z', 'x'] }, 3), // acceptable, not top1
  o(q('a4', 'da', 'answer', { faq: ['x'] }), { kind: 'answer', fileId: 'z' }, 4), // wrong answer
  o(q('a5', 'en', 'answer', { faq: ['x'] }), { kind: 'handover', handoverReason: 'human_request' }, 5), // false handover
  o(q('h1', 'nb', 'handover', { reason: 'crisis' }), { kind: 'handover', handoverReason: 'crisis' }, 6),
  o(q('h2', 'nb', 'handover', { reason: 'pii' }), { kind: 'handover', handoverReason: 'personal' }, 7), // handed over, wrong reason
  o(q('h3', 'en', 'handover', { reason: 'complaint' }), { kind: 'answer', fileId: 'x' }, 8), // missed + wrong answer
  o(q('f1', 'en', 'fallback'), { kind: 'fallback', fallbackReason: 'out_of_scope' }, 9),
  o(q('f2', 'nb', 'fallback'), { kind: 'handover', handoverReason: 'sensitive' }, 10), // false handover
];

describe('computeFullMetrics', () => {
  const m = computeFullMetrics(outcomes);

  it('computes every headline figure as counted by hand', () => {
    expect(m.questions).toBe(10);
    expect(m.answer_accuracy).toBeCloseTo(3 / 5); // a1, a2, a3
    expect(m.answer_top1).toBeCloseTo(2 / 5); // a1, a2
    expect(m.wrong_answer_rate).toBeCloseTo(2 / 10); // a4, h3
    expect(m.handover_recall).toBeCloseTo(2 / 3); // h1, h2
    expect(m.handover_precision).toBeCloseTo(2 / 4); // got handover: a5, h1, h2, f2
    expect(m.crisis_recall).toBe(1);
    expect(m.pii_recall).toBe(0); // h2 went over as "personal"
    expect(m.false_handover_rate).toBeCloseTo(2 / 7); // a5, f2 of 5 answer + 2 fallback
    expect(m.fallback_recall).toBeCloseTo(1 / 2);
    expect(m.fallback_precision).toBe(1);
    expect(m.smalltalk_accuracy).toBeNull();
  });

  it('breaks figures down per language and reason', () => {
    expect(Object.keys(m.per_lang)).toEqual(['da', 'en', 'nb']);
    expect(m.per_lang.da?.answer_accuracy).toBeCloseTo(1 / 2);
    expect(m.per_lang.en?.wrong_answer_rate).toBeCloseTo(1 / 3);
    expect(m.per_lang.nb?.handover_recall).toBe(1);
    expect(m.per_reason.pii).toEqual({ questions: 1, recall: 1, reason_exact: 0 });
    expect(m.per_reason.complaint).toEqual({ questions: 1, recall: 0, reason_exact: 0 });
  });

  it('holds follow-ups, the questions that need earlier messages, to the same figures on their own', () => {
    expect(m.follow_up.questions).toBe(0);
    const later = (id: string, fileId: string) =>
      o(q(id, 'nb', 'answer', { faq: ['x'], context: ['hva koster sfo?'] }), { kind: 'answer', fileId });
    const f = computeFullMetrics([...outcomes, later('c1', 'x'), later('c2', 'z')]).follow_up;
    expect(f).toMatchObject({ questions: 2, answer_top1: 0.5, wrong_answer_rate: 0.5 });
  });

  it('reports latency percentiles', () => {
    expect(m.latency_ms).toEqual({ p50: 5, p95: 10, p99: 10 });
    expect(percentile([], 50)).toBe(0);
  });
});
