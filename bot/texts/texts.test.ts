import { describe, expect, it } from 'vitest';
import { REPLY_LANGS } from '../types.ts';
import { fill, TEXT_KEYS, texts } from './index.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('texts', () => {
  it.each(REPLY_LANGS)('%s has every key, none empty', (lang) => {
    const t = texts(lang);
    expect(Object.keys(t).sort()).toEqual([...TEXT_KEYS].sort());
    for (const key of TEXT_KEYS) expect(t[key].trim(), key).not.toBe('');
  });

  it('uses the same placeholders in every language', () => {
    for (const key of TEXT_KEYS) {
      const expected = placeholders(texts('nb')[key]);
      for (const lang of REPLY_LANGS)
        expect(placeholders(texts(lang)[key]), `${lang}.${key}`).toEqual(expected);
    }
  });

  it('differs between languages where it should', () => {
    for (const key of [
      'greetingIntro',
      'fallbackNoMatch',
      'handoverPii',
      'crisisIntro',
      'clarifyIntro',
    ] as const) {
      expect(new Set(REPLY_LANGS.map((l) => texts(l)[key])).size, key).toBe(REPLY_LANGS.length);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('Du er nummer {position} i køen.', { position: 3 })).toBe('Du er nummer 3 i køen.');
    expect(fill('{agent} er med', {})).toBe('{agent} er med');
  });
});
