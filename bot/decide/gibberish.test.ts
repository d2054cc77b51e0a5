import { describe, expect, it } from 'vitest';
import { foldedWords } from '../text/normalize.ts';
import { looksLikeGibberish } from './gibberish.ts';

const check = (text: string): boolean => looksLikeGibberish(text, foldedWords(text));

describe('looksLikeGibberish', () => {
  it.each(['asdfgh', 'qwerty qwerty', 'jjjjjjj', 'xkcdvbn', '???', '123 456', '😀😀', 'sdfghj kjhgf'])(
    '"%s" is gibberish',
    (t) => {
      expect(check(t)).toBe(true);
    },
  );
  it.each([
    'SFO',
    'hei',
    'angstskrik',
    'property tax',
    'Hva koster barnehage?',
    'asdf er ikke et ord, men hva koster SFO?',
    'BPA',
  ])('"%s" is not', (t) => {
    expect(check(t)).toBe(false);
  });
});
