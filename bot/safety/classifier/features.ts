/**
 * What the handover classifier sees of a message: the letter n-grams of each word (3 to 5 letters, the word
 * padded with a space on each side) and the words and word pairs. Letter n-grams carry over to wordings and
 * misspellings no one wrote down ("søknaden", "soknadene", "application's" share most of theirs); words and
 * pairs keep short phrases ("my son", "min sak") apart. Input is folded words (text/normalize.ts), with digits
 * reduced to one shape so that amounts and dates do not become features of their own.
 */
export const NGRAM_MIN = 3;
export const NGRAM_MAX = 5;
/** Words beyond this are not featurised: far above a chat message, it bounds the work. */
export const MAX_WORDS = 400;

export interface FeatureCounts {
  /** Letter n-grams, prefixed "c:". */
  chars: Map<string, number>;
  /** Words ("w:") and word pairs ("b:"). */
  words: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

export function featureCounts(foldedWords: readonly string[]): FeatureCounts {
  const chars = new Map<string, number>();
  const words = new Map<string, number>();
  const shaped = foldedWords.slice(0, MAX_WORDS).map(shapeWord);
  shaped.forEach((word, i) => {
    bump(words, wordFeature(word));
    const next = shaped[i + 1];
    if (next !== undefined) bump(words, pairFeature(word, next));
    for (const gram of charGrams(word)) bump(chars, gram);
  });
  return { chars, words };
}

// One word's share of the features, for compiled-model.ts, which counts them per word once and reuses them.
export const shapeWord = (word: string): string => word.replace(/\d/g, '0');
export const wordFeature = (shaped: string): string => `w:${shaped}`;
export const pairFeature = (shaped: string, next: string): string => `b:${shaped} ${next}`;

export function charGrams(shaped: string): string[] {
  const grams: string[] = [];
  const padded = ` ${shaped} `;
  for (let n = NGRAM_MIN; n <= NGRAM_MAX; n += 1) {
    if (padded.length < n) break;
    for (let at = 0; at + n <= padded.length; at += 1) grams.push(`c:${padded.slice(at, at + n)}`);
  }
  return grams;
}
