import type { Db } from '../store/db.ts';

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
export function unansweredQuestions(db: Db) {
  const query = db.prepare<[number], UnansweredQuestion>(`
    SELECT MAX(json_extract(payload, '$.redacted')) AS text, COUNT(*) AS count, MAX(at) AS lastAt
    FROM events
    WHERE type = 'bot_decision' AND json_extract(payload, '$.unanswered') = 1
    GROUP BY lower(trim(json_extract(payload, '$.redacted'), ' ?!.'))
    ORDER BY count DESC, lastAt DESC
    LIMIT ?`);
  return (limit: number): UnansweredQuestion[] => query.all(limit);
}
