/** What a lexicon phrase can signal. Handover reasons first, in the order decide() checks them. */
export const PHRASE_REASONS = [
  'crisis',
  'pii',
  'human_request',
  'complaint',
  'personal',
  'sensitive',
  'injection',
  'out_of_scope',
  'smalltalk_hello',
  'smalltalk_thanks',
  'smalltalk_bye',
  'smalltalk_ack',
  /** Asking whether this is a bot or a person. */
  'smalltalk_bot',
  /** Openers of general how-to questions; they switch off `!` (weak) phrases. */
  'general_question',
] as const;
export type PhraseReason = (typeof PHRASE_REASONS)[number];

/** Phrase lists in the syntax described in bot/text/phrase.ts. */
export type PhraseLists = Partial<Record<PhraseReason, readonly string[]>>;
