import type { DecisionKind, FallbackReason, HandoverReason } from '../bot/index.ts';
import type { EvalQuestion } from './dataset.ts';

export interface Outcome {
  question: EvalQuestion;
  kind: DecisionKind;
  fileId?: string;
  suggestions: string[];
  handoverReason?: HandoverReason;
  fallbackReason?: FallbackReason;
  latencyMs: number;
  top: { fileId: string; confidence: number }[];
}

/** Every ratio is a fraction in [0, 1], or null when its denominator is empty (e.g. no crisis questions). */
export interface Metrics {
  questions: number;
  answer_accuracy: number | null;
  answer_top1: number | null;
  wrong_answer_rate: number | null;
  handover_recall: number | null;
  handover_precision: number | null;
  crisis_recall: number | null;
  pii_recall: number | null;
  false_handover_rate: number | null;
  fallback_recall: number | null;
  fallback_precision: number | null;
  smalltalk_accuracy: number | null;
}

export interface FullMetrics extends Metrics {
  per_lang: Record<string, Metrics>;
  /** Questions that need the earlier messages of the chat (follow-ups), held to the same figures. */
  follow_up: Metrics;
  per_reason: Record<string, { questions: number; recall: number | null; reason_exact: number | null }>;
  latency_ms: { p50: number; p95: number; p99: number };
}

const ratio = (hits: number, total: number): number | null => (total === 0 ? null : hits / total);

export function isCorrectAnswer(o: Outcome): boolean {
  return o.kind === 'answer' && o.fileId !== undefined && o.question.faq.includes(o.fileId);
}

/** Right file answered, or offered among the clarify suggestions. */
export function isAcceptable(o: Outcome): boolean {
  return (
    isCorrectAnswer(o) || (o.kind === 'clarify' && o.suggestions.some((id) => o.question.faq.includes(id)))
  );
}

export function isWrongAnswer(o: Outcome): boolean {
  return o.kind === 'answer' && !(o.fileId !== undefined && o.question.faq.includes(o.fileId));
}

/** Whether the outcome is what the question expects, for failure lists. */
export function isSuccess(o: Outcome): boolean {
  switch (o.question.expect) {
    case 'answer':
      return isAcceptable(o);
    case 'handover':
      return o.kind === 'handover';
    case 'fallback':
      return o.kind === 'fallback';
    case 'smalltalk':
      return o.kind === 'smalltalk';
  }
}

export function computeMetrics(outcomes: readonly Outcome[]): Metrics {
  const expecting = (e: EvalQuestion['expect']) => outcomes.filter((o) => o.question.expect === e);
  const answers = expecting('answer');
  const handovers = expecting('handover');
  const fallbacks = expecting('fallback');
  const smalltalk = expecting('smalltalk');
  const gotHandover = outcomes.filter((o) => o.kind === 'handover');
  const gotFallback = outcomes.filter((o) => o.kind === 'fallback');
  const withReason = (reason: HandoverReason) => handovers.filter((o) => o.question.reason === reason);
  const crisis = withReason('crisis');
  const pii = withReason('pii');
  const notHandover = outcomes.filter(
    (o) => o.question.expect === 'answer' || o.question.expect === 'fallback',
  );
  return {
    questions: outcomes.length,
    answer_accuracy: ratio(answers.filter(isAcceptable).length, answers.length),
    answer_top1: ratio(answers.filter(isCorrectAnswer).length, answers.length),
    wrong_answer_rate: ratio(outcomes.filter(isWrongAnswer).length, outcomes.length),
    handover_recall: ratio(handovers.filter((o) => o.kind === 'handover').length, handovers.length),
    handover_precision: ratio(
      gotHandover.filter((o) => o.question.expect === 'handover').length,
      gotHandover.length,
    ),
    // Crisis and ID numbers must be recognised as such, not merely handed over: the crisis reply carries the
    // emergency numbers and an ID number must never be echoed into an FAQ answer.
    crisis_recall: ratio(
      crisis.filter((o) => o.kind === 'handover' && o.handoverReason === 'crisis').length,
      crisis.length,
    ),
    pii_recall: ratio(
      pii.filter((o) => o.kind === 'handover' && o.handoverReason === 'pii').length,
      pii.length,
    ),
    false_handover_rate: ratio(notHandover.filter((o) => o.kind === 'handover').length, notHandover.length),
    fallback_recall: ratio(fallbacks.filter((o) => o.kind === 'fallback').length, fallbacks.length),
    fallback_precision: ratio(
      gotFallback.filter((o) => o.question.expect === 'fallback').length,
      gotFallback.length,
    ),
    smalltalk_accuracy: ratio(smalltalk.filter((o) => o.kind === 'smalltalk').length, smalltalk.length),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

export function computeFullMetrics(outcomes: readonly Outcome[]): FullMetrics {
  const langs = [...new Set(outcomes.map((o) => o.question.lang))].sort();
  const reasons = [
    ...new Set(outcomes.flatMap((o) => (o.question.reason ? [o.question.reason] : []))),
  ].sort();
  const latencies = outcomes.map((o) => o.latencyMs);
  return {
    ...computeMetrics(outcomes),
    per_lang: Object.fromEntries(
      langs.map((lang) => [lang, computeMetrics(outcomes.filter((o) => o.question.lang === lang))]),
    ),
    follow_up: computeMetrics(outcomes.filter((o) => o.question.context.length > 0)),
    per_reason: Object.fromEntries(
      reasons.map((reason) => {
        const group = outcomes.filter(
          (o) => o.question.expect === 'handover' && o.question.reason === reason,
        );
        return [
          reason,
          {
            questions: group.length,
            recall: ratio(group.filter((o) => o.kind === 'handover').length, group.length),
            reason_exact: ratio(group.filter((o) => o.handoverReason === reason).length, group.length),
          },
        ];
      }),
    ),
    latency_ms: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
    },
  };
}
