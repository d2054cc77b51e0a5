import { formatComparison } from '../report-text.ts';
import type { LearnEvalReport } from './run-learning.ts';

/** The human-readable learning run: MONTH2 before and after, and what the replayed month produced. */
export function formatLearning(r: LearnEvalReport): string {
  const l = r.learning;
  return [
    `Learning from ${l.month1.label}: ${l.month1.questions} questions, signals ${JSON.stringify(l.month1.signals)}`,
    `Inbox: ${l.inbox.wordings} wordings, ${l.inbox.downvotedFiles} files with 👎, ${l.inbox.unansweredClusters} unanswered clusters; filtered ${JSON.stringify(l.inbox.filtered)}`,
    `Editor: ${l.editor.approved} approved, ${l.editor.dismissed} dismissed, ${l.editor.filesChanged} files changed`,
    '',
    formatComparison([
      { label: 'before learning', report: r.before },
      { label: 'after learning', report: r.after },
    ]),
  ].join('\n');
}
