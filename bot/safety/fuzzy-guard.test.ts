import { describe, expect, it } from 'vitest';
import { compilePhrase } from '../text/phrase.ts';
import type { CompiledPhrase } from '../text/phrase.ts';
import { compileMatcher } from './matcher.ts';

/** Typo tolerance must not carry a safety word into an everyday word, or into another concept's word. */
describe('fuzzy matching of safety words', () => {
  const phrases = ['hopeless', 'homeless', 'bleeding', 'skriker', 'voldtekt'].map(
    (p) => compilePhrase(p, 'en') as CompiledPhrase,
  );
  const groups = [['hopeless'], ['housing'], ['bleeding'], ['help_now'], ['sexual_abuse']];
  const matcher = compileMatcher(phrases, {
    groupsOf: (i) => groups[i] ?? [],
    protectedWords: new Set(['breeding']),
  });
  const found = (word: string) => [...matcher.scan([word]).keys()].map((i) => phrases[i]!.source);

  it.each([
    ['homeless', ['homeless']], // another concept's word is never a typo of this one
    ['hopless', ['hopeless']], // a dropped letter
    ['hopeelss', ['hopeless']], // swapped neighbours
    ['bleefing', ['bleeding']], // a neighbouring key
    ['breeding', []], // a protected everyday word
    ['skriver', []], // v is not next to k: a different word, not a slip
    ['voldtakt', ['voldtekt']], // a vowel spelt by ear
  ])('%s → %j', (word, expected) => {
    expect(found(word)).toEqual(expected);
  });
});
