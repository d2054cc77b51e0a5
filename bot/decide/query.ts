import { findSensitiveSpans } from '../safety/ids.ts';
import { stripSensitive } from '../safety/redact.ts';

/** Sentence ends: . ! ? followed by space, or a line break. */
const SENTENCE_BREAK = /(?<=[.!?])\s+|\n+/u;

/**
 * What retrieval searches for: the message without ID, phone and e-mail spans, and without the sentences that
 * carry a phone number or e-mail address when something else is left. "Svar gjerne på e-post til …" or
 * "Ring meg på …" says how to reach the citizen, not what they ask, yet its words ("svar", "post", "ring")
 * would pull in files about post journals or phone hours.
 */
export function retrievalQuery(text: string): string {
  const sentences = text.split(SENTENCE_BREAK).filter((s) => s.trim().length > 0);
  if (sentences.length < 2) return stripSensitive(text);
  const contact = (s: string): boolean =>
    findSensitiveSpans(s).some((span) => span.kind === 'phone' || span.kind === 'email');
  const kept = sentences.filter((s) => !contact(s));
  const hasWords = kept.some((s) => /\p{L}{2,}/u.test(stripSensitive(s)));
  return stripSensitive(hasWords ? kept.join(' ') : text);
}
