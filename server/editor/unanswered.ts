import type { Store } from '../store/store.ts';

export interface UnansweredQuestion {
  /** The question as logged: redacted by the bot. */
  text: string;
  count: number;
  lastAt: string;
}

/**
 * Questions the bot could not answer, from the interaction log, most frequent first. Questions that differ
 * only in case, surrounding spaces or end punctuation count as one.
 */
export function unansweredQuestions(store: Store) {
  return (limit: number): Promise<UnansweredQuestion[]> => store.knowledgeEditing.unanswered(limit);
}
