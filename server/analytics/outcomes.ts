import { FALLBACK_REASONS, HANDOVER_REASONS } from '../../bot/index.ts';
import type { Classified } from './conversation-outcome.ts';
import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Outcome, Stats } from './stats-types.ts';
import { bump, ratio, zeros } from './summary.ts';

const OUTCOMES: readonly Outcome[] = [
  'resolved',
  'answered_not_helpful',
  'clarified',
  'handed_over',
  'fallback',
  'no_question',
];
const DECISION_KINDS = ['answer', 'clarify', 'handover', 'fallback', 'smalltalk'] as const;

/** Outcomes per conversation, the containment rate, and every bot decision by kind. */
export function outcomeStats(
  conversations: readonly ConversationLog[],
  classified: readonly Classified[],
): Stats['outcomes'] {
  const counts = zeros(OUTCOMES);
  const handedOverByReason: Record<string, number> = zeros(HANDOVER_REASONS);
  const decisions: Record<string, number> = zeros(DECISION_KINDS);
  const fallbackByReason: Record<string, number> = zeros(FALLBACK_REASONS);
  classified.forEach((k) => {
    counts[k.outcome]++;
    if (k.outcome === 'handed_over') bump(handedOverByReason, k.handoverReason ?? 'unknown');
  });
  for (const c of conversations) {
    for (const d of eventsOf(c, 'bot_decision')) {
      bump(decisions, d.p.kind);
      if (d.p.kind === 'fallback') bump(fallbackByReason, d.p.fallbackReason ?? 'unknown');
    }
  }
  const withRequest = conversations.length - counts.no_question;
  return {
    counts,
    withRequest,
    handedOverByReason,
    containmentRate: ratio(counts.resolved, withRequest),
    decisions,
    fallbackByReason,
  };
}
