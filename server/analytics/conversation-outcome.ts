import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Outcome } from './stats-types.ts';

export interface Classified {
  outcome: Outcome;
  /** The reason of the first handover, for handed-over conversations. */
  handoverReason?: string;
  /** Files the bot answered with, in order. */
  answeredFiles: string[];
  /** Self-service links of those answers, where the log carries them. */
  answerLinks: string[];
}

/**
 * One outcome per conversation, first match wins:
 * 1. handed_over — any request for a person (by the bot or the citizen), whatever came before or after:
 *    people were needed, so the bot did not contain it;
 * 2. resolved — the bot answered, and at least one answer got no 👎 (neither on that file nor on the whole
 *    chat);
 * 3. answered_not_helpful — every answer got a 👎;
 * 4. clarified — the bot only asked what was meant, and the citizen left it there;
 * 5. fallback — the bot only said it could not help;
 * 6. no_question — greetings, small talk, or the widget opened and closed.
 */
export function classifyConversation(c: ConversationLog): Classified {
  const decisions = eventsOf(c, 'bot_decision');
  const answers = decisions.filter((d) => d.p.kind === 'answer');
  const answeredFiles = answers.flatMap((d) => (d.p.fileId ? [d.p.fileId] : []));
  const answerLinks = answers.flatMap((d) => (d.p.link ? [d.p.link] : []));
  const handover = eventsOf(c, 'handover_requested')[0];
  if (handover)
    return { outcome: 'handed_over', handoverReason: handover.p.reason, answeredFiles, answerLinks };
  if (answers.length > 0) {
    const feedback = eventsOf(c, 'feedback').filter((f) => !f.p.helpful);
    const chatDisliked = feedback.some((f) => f.p.target === 'conversation');
    const dislikedFiles = new Set(feedback.filter((f) => f.p.target === 'bot').map((f) => f.p.fileId));
    const liked = !chatDisliked && answers.some((a) => !dislikedFiles.has(a.p.fileId));
    return { outcome: liked ? 'resolved' : 'answered_not_helpful', answeredFiles, answerLinks };
  }
  const kinds = new Set(decisions.map((d) => d.p.kind));
  const outcome: Outcome = kinds.has('clarify')
    ? 'clarified'
    : kinds.has('fallback')
      ? 'fallback'
      : 'no_question';
  return { outcome, answeredFiles, answerLinks };
}
