import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePhrase, phraseSpans } from '../text/phrase.ts';
import type { CompiledPhrase } from '../text/phrase.ts';
import { compileMatcher } from './matcher.ts';

/** A small vocabulary so random phrases and messages actually meet, with fillers, typos and å-spellings. */
const WORDS = [
  'slår',
  'slar',
  'kona',
  'sammen',
  'puster',
  'ikke',
  'nesten',
  'veldig',
  'selvmord',
  'selvmordstanker',
  'selvmrod',
  'brystkreft',
  'kreft',
  'meg',
  'ta',
  'livet',
  'mitt',
  'really',
  'kill',
  'myself',
  'bevisstløs',
  'bevistløs',
];
const PATTERN_WORDS = ['slår', 'kona', 'sammen', 'puster', 'ikke', 'selvmord*', '*kreft', '*stank*', 'meg'];
const PATTERN_WORDS_2 = ['ta', 'livet', 'bevisstløs', 'myself', 'kill', '*', 'selvmordstanker', 'mitt'];

const phraseArb = fc
  .tuple(
    fc.constantFrom('', '=', '!'),
    fc.array(fc.constantFrom(...PATTERN_WORDS, ...PATTERN_WORDS_2), { minLength: 1, maxLength: 4 }),
  )
  .map(([mark, parts]) => mark + parts.join(' '));

describe('compiled matcher', () => {
  it('finds the same spans as the naive scan of each phrase, on random messages', () => {
    fc.assert(
      fc.property(
        fc.array(phraseArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }),
        (sources, message) => {
          const phrases = sources
            .map((s) => compilePhrase(s, 'test'))
            .filter((p): p is CompiledPhrase => p !== undefined);
          const tokens = message.join(' ').length ? message.map((w) => w.replace(/å/g, 'a')) : [];
          const matcher = compileMatcher(phrases);
          const found = matcher.scan(tokens);
          phrases.forEach((phrase, i) => {
            expect(found.get(i) ?? []).toEqual(phraseSpans(phrase, tokens));
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('matches prefixes, suffixes, one typo in long words and fillers inside a phrase', () => {
    const phrases = ['selvmord*', '*kreft', 'bevisstløs', 'puster ikke', 'redd for * mann'].map(
      (s) => compilePhrase(s, 'test') as CompiledPhrase,
    );
    const scan = (text: string) => [...compileMatcher(phrases).scan(text.split(' ')).keys()].sort();
    expect(scan('har selvmordstanker')).toEqual([0]);
    expect(scan('fikk brystkreft')).toEqual([1]);
    expect(scan('han er bevistlos')).toEqual([2]);
    expect(scan('han puster nesten ikke')).toEqual([3]);
    expect(scan('redd for den sinte mann')).toEqual([4]);
    expect(scan('kreftene tok slutt')).toEqual([]);
  });
});
