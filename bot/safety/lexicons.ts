import { compilePhrase, phraseMatches } from '../text/phrase.ts';
import type { CompiledPhrase } from '../text/phrase.ts';
import { DA } from './lexicons/da.ts';
import { EN } from './lexicons/en.ts';
import { NB } from './lexicons/nb.ts';
import { NN } from './lexicons/nn.ts';
import { SV } from './lexicons/sv.ts';
import { PHRASE_REASONS } from './lexicons/types.ts';
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

/**
 * First phrase of each reason found in the message's folded words. Weak (`!`) phrases do not count when the
 * message reads as a general how-to question.
 */
export function scanLexicon(
  lexicon: CompiledLexicon,
  tokens: readonly string[],
): Map<PhraseReason, LexiconHit> {
  const hits = new Map<PhraseReason, LexiconHit>();
  const general = lexicon.general_question.find((p) => phraseMatches(p, tokens));
  if (general)
    hits.set('general_question', {
      reason: 'general_question',
      phrase: general.source,
      origin: general.origin,
    });
  for (const reason of PHRASE_REASONS) {
    if (reason === 'general_question') continue;
    const hit = lexicon[reason].find((p) => !(p.weak && general) && phraseMatches(p, tokens));
    if (hit) hits.set(reason, { reason, phrase: hit.source, origin: hit.origin });
  }
  return hits;
}
