import type { EvalReport } from './run-eval.ts';
import { isSuccess, type Metrics, type Outcome } from './metrics.ts';

const KEYS: (keyof Metrics)[] = [
  'answer_accuracy',
  'answer_top1',
  'wrong_answer_rate',
  'handover_recall',
  'handover_precision',
  'crisis_recall',
  'pii_recall',
  'false_handover_rate',
  'fallback_recall',
  'fallback_precision',
  'smalltalk_accuracy',
];

const pct = (value: number | null): string =>
  value === null ? '   -  ' : `${(value * 100).toFixed(1).padStart(5)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function describeOutcome(o: Outcome): string {
  const got =
    o.kind === 'answer'
      ? `answer ${o.fileId}`
      : o.kind === 'clarify'
        ? `clarify [${o.suggestions.join(', ')}]`
        : o.kind === 'handover'
          ? `handover ${o.handoverReason}`
          : o.kind === 'fallback'
            ? `fallback ${o.fallbackReason ?? ''}`.trim()
            : o.kind;
  return got;
}

function expected(o: Outcome): string {
  const q = o.question;
  if (q.expect === 'answer') return `answer ${q.faq.join('|')}`;
  if (q.expect === 'handover') return `handover ${q.reason}`;
  return q.expect;
}

/** The figures; with `verbose`, every failure and clarification too (over a thousand lines on all sets). */
export function formatReport(report: EvalReport, options: { verbose?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`Svar evaluation — ${report.questions} questions, mode ${report.mode}\n`);
  out.push(
    table(
      ['figure', 'svar', 'baseline'],
      KEYS.map((k) => [k, pct(report[k] as number | null), pct(report.baseline[k] as number | null)]),
    ),
  );
  out.push(
    `\nlatency per question: p50 ${report.latency_ms.p50.toFixed(2)} ms, p95 ${report.latency_ms.p95.toFixed(2)} ms, p99 ${report.latency_ms.p99.toFixed(2)} ms`,
  );
  out.push('\nPer language\n');
  out.push(
    table(
      ['lang', 'n', 'answer acc', 'wrong', 'handover rec', 'false handover', 'fallback rec', 'baseline acc'],
      Object.entries(report.per_lang).map(([lang, m]) => [
        lang,
        String(m.questions),
        pct(m.answer_accuracy),
        pct(m.wrong_answer_rate),
        pct(m.handover_recall),
        pct(m.false_handover_rate),
        pct(m.fallback_recall),
        pct(report.baseline.per_lang[lang]?.answer_accuracy ?? null),
      ]),
    ),
  );
  const f = report.follow_up;
  out.push(
    `\nFollow-ups (need the earlier messages): ${f.questions} questions, answer right ${pct(f.answer_accuracy)}, direct ${pct(f.answer_top1)}, wrong answers ${pct(f.wrong_answer_rate)}`,
  );
  out.push('\nPer handover reason\n');
  out.push(
    table(
      ['reason', 'n', 'handed over', 'right reason'],
      Object.entries(report.per_reason).map(([reason, r]) => [
        reason,
        String(r.questions),
        pct(r.recall),
        pct(r.reason_exact),
      ]),
    ),
  );
  const failures = report.outcomes.filter(
    (o) => !isSuccess(o) || (o.question.expect === 'answer' && o.kind !== 'answer'),
  );
  out.push(
    `\nFailures and clarifications: ${failures.length}${options.verbose ? '\n' : ' (npm run eval -- --verbose lists them)'}`,
  );
  for (const f of options.verbose ? failures : []) {
    const top = f.top.map((t) => `${t.fileId} ${t.confidence.toFixed(2)}`).join(', ');
    const mark = isSuccess(f) ? '~' : '✗';
    out.push(
      `${mark} ${f.question.id} [${f.question.lang}] "${f.question.text}"\n    expected ${expected(f)}, got ${describeOutcome(f)}; top: ${top || 'none'}`,
    );
  }
  for (const p of report.problems) out.push(`${p.file}:${p.line} ${p.severity}: ${p.message}`);
  return out.join('\n');
}

export function jsonReport(report: EvalReport): Record<string, unknown> {
  const { outcomes, baselineOutcomes: _b, baseline, ...figures } = report;
  const { per_reason: _r, ...baselineFigures } = baseline;
  return {
    ...figures,
    baseline: baselineFigures,
    failures: outcomes
      .filter((o) => !isSuccess(o))
      .map((o) => ({ id: o.question.id, expected: expected(o), got: describeOutcome(o), top: o.top })),
  };
}

/** Key figures of several runs side by side: today's sets beside the cross-knowledge ones. */
export function formatComparison(runs: readonly { label: string; report: EvalReport }[]): string {
  return table(
    ['figure', ...runs.map((r) => r.label)],
    [
      ...['questions' as const, ...KEYS].map((k) => [
        k,
        ...runs.map((r) =>
          k === 'questions' ? String(r.report.questions) : pct(r.report[k] as number | null),
        ),
      ]),
      ...(['answer_top1', 'wrong_answer_rate'] as const).map((k) => [
        `follow-up ${k}`,
        ...runs.map((r) => pct(r.report.follow_up[k])),
      ]),
    ],
  );
}
