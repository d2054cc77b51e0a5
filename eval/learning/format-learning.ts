import { formatComparison } from '../report-text.ts';
import type { LearnEvalReport } from './run-learning.ts';

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)} %`);

/** The human-readable learning run: MONTH2 before and after, and what the replayed month produced. */
export function formatLearning(r: LearnEvalReport): string {
  const l = r.learning;
  return [
    `Learning from ${l.month1.label}: ${l.month1.questions} questions, signals ${JSON.stringify(l.month1.signals)}`,
    `Inbox: ${l.inbox.wordings} wordings, ${l.inbox.downvotedFiles} files with 👎, ${l.inbox.unansweredClusters} unanswered clusters; filtered ${JSON.stringify(l.inbox.filtered)}`,
    `Editor: ${l.editor.approved} approved, ${l.editor.dismissed} dismissed, ${l.editor.filesChanged} files changed`,
    '',
    `Month 1 (replayed): direct ${pct(l.month1.before.answer_top1)} before, ${pct(l.month1.afterLearnedFrom.answer_top1)} after (learned from); wrong ${pct(l.month1.before.wrong_answer_rate)} → ${pct(l.month1.afterLearnedFrom.wrong_answer_rate)}`,
    '',
    'Month 2 (measured):',
    formatComparison([
      { label: 'before learning', report: r.before },
      { label: 'after learning', report: r.after },
    ]),
  ].join('\n');
}
