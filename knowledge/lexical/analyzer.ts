import { createRequire } from 'node:module';
import type * as Snowball from 'snowball-stemmers';
import { readBuiltIn } from '../built-in-file.ts';
import type { Lang } from '../types.ts';
import { STOPWORDS } from './stopwords.ts';

const STEMMER_FOR: Record<Lang, string> = {
  nb: 'norwegian',
  nn: 'norwegian',
  da: 'danish',
  sv: 'swedish',
  en: 'english',
};
/**
 * Required, not imported: the package is one CommonJS file of 850 KB, and an ESM import first scans all of it
 * for export names and module syntax, three times the cost of loading it (about 50 ms of every start).
 */
const snowball = createRequire(import.meta.url)('snowball-stemmers') as typeof Snowball;
const stemmers = new Map<string, Snowball.Stemmer>();
const stemmerFor = (lang: Lang): Snowball.Stemmer => {
  const name = STEMMER_FOR[lang];
  let stemmer = stemmers.get(name);
  if (!stemmer) {
    stemmer = snowball.newStemmer(name);
    stemmers.set(name, stemmer);
  }
  return stemmer;
};

/**
 * Question words carry no topic, so they must neither match nor count as "unknown" when the bot judges how
 * much of a question the knowledge covers. They are kept out of the stop-word lists on purpose (the bot's
 * own patterns use them), so they are listed here.
 */
const QUESTION_WORDS = new Set([
  'hva',
  'kva',
  'hvad',
  'vad',
  'what',
  'hvem',
  'kven',
  'vem',
  'who',
  'hvor',
  'kor',
  'var',
  'where',
  'når',
  'naar',
  'nar',
  'når',
  'hvornår',
  'hvornaar',
  'hvornar',
  'när',
  'when',
  'hvordan',
  'korleis',
  'hur',
  'how',
  'hvorfor',
  'kvifor',
  'varför',
  'why',
  'hvilken',
  'hvilke',
  'kva for',
  'vilken',
  'vilka',
  'vilket',
  'hvilket',
  'which',
  'mye',
  'mykje',
  'meget',
  'mycket',
  'much',
  'many',
  'kan',
  'can',
  'could',
  'må',
  'skal',
  'skall',
  'should',
  'do',
  'does',
  'did',
  'is',
  'are',
  'er',
  'please',
  'takk',
  'tak',
  'hei',
  'hej',
  'hallo',
  'hello',
  'hi',
]);

/** Lower-cases and splits on anything that is not a letter or digit; keeps words like "sfo" and "112". */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

/**
 * Folds Nordic letters and their keyboard spellings to one form, so "søknad", "soknad" and "soeknad" meet,
 * and "barnehage"/"barnehave" still differ. Applied after stemming, because the stemmers expect real letters.
 */
export function fold(term: string): string {
  return term
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/aa/g, 'a')
    .replace(/oe/g, 'o');
}

export function stem(token: string, lang: Lang): string {
  // Digits and very short words are left alone: stemming "sfo" or "112" only does harm.
  if (token.length <= 3 || /\d/.test(token)) return token;
  return stemmerFor(lang).stem(token);
}

/**
 * Stemming dominates query time, and citizens reuse the same few thousand words: remember the results, one
 * cache per stemmer (nb and nn share one), so a look-up needs no composed key.
 */
const ANALYZED_CACHE_SIZE = 50_000;
const analyzed = new Map<string, Map<string, string>>(
  [...new Set(Object.values(STEMMER_FOR))].map((name) => [name, new Map<string, string>()]),
);
/**
 * The built server starts with the forms of the built-in glossary's words already in the cache (the build
 * analysed them, knowledge/built-ins.ts): stemming them all again cost a good part of a second at every start.
 * The values are what `analyzeToken` would compute, so only the time changes.
 */
export const ANALYZED_FILE = 'analyzed-tokens.v8';
for (const [name, entries] of readBuiltIn<Map<string, Map<string, string>>>(ANALYZED_FILE) ?? []) {
  const cache = analyzed.get(name);
  if (cache) for (const [token, value] of entries) cache.set(token, value);
}

/** The analysed forms remembered so far, per stemmer: what the build ships for the next start. */
export function analyzedSoFar(): Map<string, Map<string, string>> {
  return new Map([...analyzed].map(([name, cache]) => [name, new Map(cache)]));
}

export function analyzeToken(token: string, lang: Lang): string {
  const cache = analyzed.get(STEMMER_FOR[lang]) as Map<string, string>;
  let value = cache.get(token);
  if (value === undefined) {
    value = fold(stem(token, lang));
    if (cache.size >= ANALYZED_CACHE_SIZE) cache.clear();
    cache.set(token, value);
  }
  return value;
}

/** Stop-word checks fold every query word with several regular expressions; the words repeat, so remember. */
const folded = new Map<string, string>();
function foldCached(token: string): string {
  let value = folded.get(token);
  if (value === undefined) {
    value = fold(token);
    if (folded.size >= ANALYZED_CACHE_SIZE) folded.clear();
    folded.set(token, value);
  }
  return value;
}

const FOLDED_STOPWORDS: Record<Lang, Set<string>> = Object.fromEntries(
  (Object.keys(STEMMER_FOR) as Lang[]).map((lang) => [
    lang,
    new Set([...STOPWORDS[lang]].map((w) => fold(w))),
  ]),
) as Record<Lang, Set<string>>;
const ANY_STOPWORD = new Set(Object.values(FOLDED_STOPWORDS).flatMap((set) => [...set]));
const FOLDED_QUESTION_WORDS = new Set([...QUESTION_WORDS].map((w) => fold(w)));

export function isStopword(token: string, lang?: Lang): boolean {
  const form = foldCached(token);
  if (FOLDED_QUESTION_WORDS.has(form)) return true;
  return lang ? FOLDED_STOPWORDS[lang].has(form) : ANY_STOPWORD.has(form);
}

/** Content words of a text in a known language (used for indexing). */
export function contentTokens(text: string, lang: Lang): string[] {
  return tokenize(text).filter((token) => !isStopword(token, lang));
}

/** The languages whose stemmers a query is analysed with when its language is unsure. */
export function queryLangs(hint?: Lang): Lang[] {
  const langs: Lang[] = hint ? [hint] : [];
  for (const lang of ['nb', 'da', 'en'] as const) if (!langs.includes(lang)) langs.push(lang);
  return langs;
}

/**
 * Content terms of a text as the lexical index sees them (stemmed, folded, without stop and question words).
 * Used to compare citizens' questions with each other, e.g. to group unanswered questions.
 */
export function analyzeTerms(text: string, lang: Lang = 'nb'): string[] {
  return tokenize(text)
    .filter((token) => !isStopword(token))
    .map((token) => analyzeToken(token, lang));
}
