import { describe, expect, it } from 'vitest';
import { featureCounts } from './features.ts';

describe('featureCounts', () => {
  it('takes 3- to 5-letter n-grams of each word padded with spaces, plus words and word pairs', () => {
    expect([...featureCounts(['min']).chars.keys()]).toEqual([
      'c: mi',
      'c:min',
      'c:in ',
      'c: min',
      'c:min ',
      'c: min ',
    ]);
    expect([...featureCounts(['min', 'sak']).words.keys()]).toEqual(['w:min', 'b:min sak', 'w:sak']);
  });

  it('counts repeats and gives every number the same shape', () => {
    const { words } = featureCounts(['2025', 'hjelp', 'hjelp', '17']);
    expect(words.get('w:0000')).toBe(1);
    expect(words.get('w:00')).toBe(1);
    expect(words.get('w:hjelp')).toBe(2);
  });

  it('gives nothing for no words', () => {
    const { chars, words } = featureCounts([]);
    expect(chars.size + words.size).toBe(0);
  });
});
