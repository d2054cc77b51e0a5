import { looksLikeGibberish } from '../decide/gibberish.ts';
import { redact } from '../safety/redact.ts';
import { contentWords } from '../text/stopwords.ts';
import { foldedWords } from '../text/normalize.ts';
import type { LearningOptions, LearningSignal } from './types.ts';

export type FilterReason =
  'personal_data' | 'personal_case' | 'gibberish' | 'injection' | 'length' | 'no_words';

/** The redaction's placeholders: a stored question that held an ID number, phone, e-mail or case number. */
const PLACEHOLDER = /\[(?:FNR|CPR|CASE_NO|CARD|PHONE|EMAIL)\]/;

/**
 * How the bot itself classified the question. A question it handed over as personal, sensitive or a crisis,
 * or refused as an injection or gibberish, is never a wording for a general answer, whatever a citizen or a
 * client later picked: the bot's own safety rules are the filter, so there is one list to keep.
 */
const REASON_FILTER: Record<string, FilterReason> = {
  injection: 'injection',
  gibberish: 'gibberish',
  pii: 'personal_data',
  personal: 'personal_case',
  sensitive: 'personal_case',
  crisis: 'personal_case',
  complaint: 'personal_case',
};

/** The normal form two wordings are compared in: folded words, single spaces. */
export function wordingKey(text: string): string {
  return foldedWords(text).join(' ');
}

/** Why a signal's question must not be learned from, or null when it may. */
export function questionProblem(
  s: Pick<LearningSignal, 'question' | 'questionReason'>,
  o: Pick<LearningOptions, 'minChars' | 'maxChars'>,
): FilterReason | null {
  const byBot = s.questionReason ? REASON_FILTER[s.questionReason] : undefined;
  if (byBot) return byBot;
  const text = s.question.trim();
  // Stored text is redacted already; redacting again catches a caller that forgot.
  if (PLACEHOLDER.test(text) || redact(text) !== text) return 'personal_data';
  if (text.length < o.minChars || text.length > o.maxChars) return 'length';
  const folded = foldedWords(text);
  if (looksLikeGibberish(text, folded)) return 'gibberish';
  if (contentWords(folded).filter((w) => /\p{L}{2,}/u.test(w)).length === 0) return 'no_words';
  return null;
}
