import { compilePhrase, phraseMatches, phraseSpans } from '../text/phrase.ts';
import { foldedWords } from '../text/normalize.ts';
import { STOPWORDS } from '../text/stopwords.ts';
import type { CompiledPhrase } from '../text/phrase.ts';
import { DA } from './lexicons/da.ts';
import { EN } from './lexicons/en.ts';
import { NB } from './lexicons/nb.ts';
import { NN } from './lexicons/nn.ts';
import { SV } from './lexicons/sv.ts';
import { PHRASE_REASONS } from './lexicons/types.ts';
import { scanBuiltInSignals, serviceQuestionStart } from './signals/index.ts';
import type { PhraseLists, PhraseReason } from './lexicons/types.ts';

export { PHRASE_REASONS };
export type { PhraseLists, PhraseReason };

/**
 * Built-in phrase lists per language. All languages are checked for every message, because language detection
 * is least reliable exactly on the short, upset messages that matter most.
 */
export const BUILT_IN_LEXICONS: Readonly<Record<'nb' | 'nn' | 'da' | 'sv' | 'en', PhraseLists>> = {
  nb: NB,
  nn: NN,
  da: DA,
  sv: SV,
  en: EN,
};

export type CompiledLexicon = Readonly<Record<PhraseReason, readonly CompiledPhrase[]>>;

export interface LexiconHit {
  reason: PhraseReason;
  phrase: string;
  origin: string;
}

/** Built-ins plus the extra lists from policy.yaml (origin `policy.yaml`). */
export function compileLexicon(extra: { origin: string; lists: PhraseLists }[] = []): CompiledLexicon {
  const out = Object.fromEntries(PHRASE_REASONS.map((r) => [r, [] as CompiledPhrase[]])) as Record<
    PhraseReason,
    CompiledPhrase[]
  >;
  const sources = [
    ...Object.entries(BUILT_IN_LEXICONS).map(([origin, lists]) => ({ origin, lists })),
    ...extra,
  ];
  for (const { origin, lists } of sources) {
    for (const reason of PHRASE_REASONS) {
      for (const source of lists[reason] ?? []) {
        const phrase = compilePhrase(source, origin);
        if (phrase) out[reason].push(phrase);
      }
    }
  }
  return out;
}

/** Stands in for the phrase when a message counts as general because it is only keywords. */
export const KEYWORDS_ONLY = '(keywords only)';

/** Question words a keyword search may carry ("sosialhjelp søknad hvilke vedlegg"). */
const QUESTION_WORDS: ReadonlySet<string> = new Set(
  'hva kva hvad vad what hvilke hvilken hvilket kva vilka vilken vilket which hvor kor var where når nar hvornår when hur how'
    .split(' ')
    .map((w) => foldedWords(w)[0] ?? w),
);

/**
 * A message without a single function word ("handikap parkering søknad legeerklæring", "sosialhjelp søknad
 * hvilke vedlegg": question words do not count) is typed like a search, not told like a story about oneself,
 * so it is as general as a how-to question.
 */
function keywordsOnly(tokens: readonly string[]): boolean {
  return (
    tokens.some((t) => !QUESTION_WORDS.has(t)) &&
    tokens.every((t) => !STOPWORDS.has(t) || QUESTION_WORDS.has(t))
  );
}

/**
 * First phrase of each reason found in the message's folded words, then the concept rules of
 * `signals/` for reasons no phrase found. Weak (`!`) phrases and weak rules do not count when the message
 * reads as a general how-to question or is only keywords. Finally the signal vetoes drop reasons the message
 * only seems to have (a phone-number question is not a request for a person); each veto is noted in `notes`.
 */
export function scanLexicon(
  lexicon: CompiledLexicon,
  tokens: readonly string[],
  notes?: string[],
): Map<PhraseReason, LexiconHit> {
  const hits = new Map<PhraseReason, LexiconHit>();
  const opener = lexicon.general_question.find((p) => phraseMatches(p, tokens));
  const general: LexiconHit | undefined = opener
    ? { reason: 'general_question', phrase: opener.source, origin: opener.origin }
    : keywordsOnly(tokens)
      ? { reason: 'general_question', phrase: KEYWORDS_ONLY, origin: 'built-in' }
      : undefined;
  if (general) hits.set('general_question', general);
  // A sensitive phrase told only as context before a question about a service counts as weak there. Looked
  // for only once a sensitive phrase has matched: most messages have none.
  let question: { start: number | undefined } | undefined;
  let context: CompiledPhrase | undefined;
  const contextOnly = (p: CompiledPhrase): boolean => {
    question ??= { start: serviceQuestionStart(tokens) };
    const start = question.start;
    if (start === undefined || phraseSpans(p, tokens).some((span) => span.end > start)) return false;
    context ??= p;
    return true;
  };
  for (const reason of PHRASE_REASONS) {
    if (reason === 'general_question') continue;
    const hit = lexicon[reason].find(
      (p) => !(p.weak && general) && phraseMatches(p, tokens) && !(reason === 'sensitive' && contextOnly(p)),
    );
    if (hit) hits.set(reason, { reason, phrase: hit.source, origin: hit.origin });
  }
  if (context && !hits.has('sensitive'))
    notes?.push(`sensitive "${context.source}" is only context before a question about a service: weak`);
  const signals = scanBuiltInSignals(tokens, general !== undefined);
  for (const s of signals.hits) {
    if (!hits.has(s.reason))
      hits.set(s.reason, { reason: s.reason, phrase: s.words, origin: `signal "${s.rule}"` });
  }
  for (const veto of signals.vetoes) {
    const dropped = hits.get(veto.reason);
    if (!dropped) continue;
    hits.delete(veto.reason);
    notes?.push(`veto ${veto.reason}: ${veto.id} (would have matched "${dropped.phrase}")`);
  }
  // "Er du et menneske?" asks what the bot is, not for a person. smalltalk_bot phrases are whole-message ones,
  // so a message that also asks for someone ("…? I want a real person") is too long to match them.
  const person = hits.get('human_request');
  if (person && hits.has('smalltalk_bot')) {
    hits.delete('human_request');
    notes?.push(`veto human_request: asks whether this is a bot (would have matched "${person.phrase}")`);
  }
  return hits;
}
