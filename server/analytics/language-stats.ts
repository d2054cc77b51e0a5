import { eventsOf, type ConversationLog } from './event-log.ts';
import type { Stats } from './stats-types.ts';
import { bump } from './summary.ts';

/** Widget language per conversation, and the detected language of each typed question. */
export function languageStats(conversations: readonly ConversationLog[]): Stats['languages'] {
  const byConversation: Record<string, number> = {};
  const byQuestion: Record<string, number> = {};
  for (const c of conversations) {
    bump(byConversation, c.lang);
    // A picked suggestion was not typed, so it says nothing about the citizen's language.
    for (const d of eventsOf(c, 'bot_decision')) if (!d.p.choice) bump(byQuestion, d.p.detectedLang);
  }
  return { conversations: sortByCount(byConversation), questions: sortByCount(byQuestion) };
}

export function sortByCount(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
