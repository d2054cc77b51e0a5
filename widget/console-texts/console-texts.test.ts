import { describe, expect, it } from 'vitest';
import { CONTACT_TYPES } from '../../server/protocol.ts';
import { browserLang, CONSOLE_TEXTS } from './index.ts';

const LANGS = ['nb', 'nn', 'da', 'en'] as const;

/** Every leaf of a text table as [path, value]: strings, functions and arrays alike. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

/** A sample call of a text function: numbers for counts, words for names. */
const sample = (fn: (...args: never[]) => string): string =>
  (fn as (...args: unknown[]) => string)(...Array.from({ length: fn.length }, (_, i) => (i === 0 ? 3 : 'X')));

describe('console texts', () => {
  const english = new Map(leaves(CONSOLE_TEXTS.en));

  it.each(LANGS)('%s has every key English has, and no other, none empty', (lang) => {
    const table = leaves(CONSOLE_TEXTS[lang]);
    expect(table.map(([k]) => k).sort()).toEqual([...english.keys()].sort());
    for (const [key, value] of table) {
      const en = english.get(key);
      expect(typeof value, key).toBe(typeof en);
      if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
      if (typeof value === 'function') {
        expect(value.length, `${key} takes as many arguments`).toBe((en as () => string).length);
        expect(sample(value as () => string).trim(), key).not.toBe('');
      }
      if (Array.isArray(value)) expect(value, key).toHaveLength((en as unknown[]).length);
    }
  });

  it('names every KOMHEN contact type in every language', () => {
    for (const lang of LANGS)
      expect(Object.keys(CONSOLE_TEXTS[lang].komhen).sort(), lang).toEqual([...CONTACT_TYPES].sort());
  });

  it('is translated: the Norwegian and Danish tables are not English left in place', () => {
    for (const lang of ['nb', 'nn', 'da'] as const) {
      const table = leaves(CONSOLE_TEXTS[lang]).filter(
        ([, v]) => typeof v === 'string' && (v as string).length > 12,
      );
      const same = table.filter(([k, v]) => english.get(k) === v).map(([k]) => k);
      // Only names that are the same in every language (the product's name) may stay as they are.
      expect(
        same.filter((k) => !/\.(title|loginTitle)$/.test(k)),
        lang,
      ).toEqual([]);
    }
  });

  it('follows the browser until the user chooses: "no" is Bokmål, anything else English', () => {
    expect(browserLang(['nb-NO', 'en'])).toBe('nb');
    expect(browserLang(['no'])).toBe('nb');
    expect(browserLang(['nn-NO'])).toBe('nn');
    expect(browserLang(['sv-SE', 'da-DK'])).toBe('da');
    expect(browserLang(['de-DE'])).toBe('en');
    expect(browserLang([])).toBe('en');
  });
});
