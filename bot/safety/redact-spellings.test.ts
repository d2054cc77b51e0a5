import { describe, expect, it } from 'vitest';
import { findIds, findSensitiveSpans } from './ids.ts';
import { redact } from './redact.ts';

/** Spellings an attack campaign got past the redactor (issue 20), and their Danish and phone cousins. */
describe('IDs and numbers however they are written', () => {
  it.each([
    ['fnr 15.03.87 10041', 'fnr [FNR]'],
    ['fnr 15 03 87 10041', 'fnr [FNR]'],
    ['fnr 150387 100 41', 'fnr [FNR]'],
    ['fnr 15-03-87-10041', 'fnr [FNR]'],
    ['fnr 15.03.87-100 41.', 'fnr [FNR].'],
    ['D-nummer 55.03.87 10041', 'D-nummer [FNR]'],
    ['fnr １５０３８７１００４１', 'fnr [FNR]'],
    ['fnr １５.０３.８７ １００４１', 'fnr [FNR]'],
    ['cpr 15.03.87-1234', 'cpr [CPR]'],
    ['cpr 15 03 87 12 34', 'cpr [CPR]'],
    ['cpr １５０３８７－１２３４', 'cpr [CPR]'],
    ['ring 934-18-281', 'ring [PHONE]'],
    ['ring 934.18.284', 'ring [PHONE]'],
    ['ring ９３４ １８ ２８１', 'ring [PHONE]'],
    ['ring +47 934-18-281', 'ring [PHONE]'],
    ['mail ｏｌａ＠ｅｘａｍｐｌｅ．ｎｏ nå', 'mail [EMAIL] nå'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('finds an ID written inside a longer run of numbers', () => {
    expect(redact('ring 31 00 01 00 fnr 15 03 87 10041')).toBe('ring [PHONE] fnr [FNR]');
  });

  it('a spaced-out ID is still an ID for the handover', () => {
    expect(findIds('fødselsnummeret mitt er 15 03 87 10041').map((s) => s.kind)).toEqual(['fnr']);
  });

  it.each([
    'Fødselsdato 12.03.1994',
    'Møtet er 12.03.2026 kl 10',
    'Det koster kr 12 000 000',
    'Kontonummer 1234 56 78903',
    'versjon 1.2.3',
    'Skoleåret 2025/2026 starter i august',
  ])('"%s" has no ID', (text) => {
    expect(findIds(text)).toEqual([]);
  });

  it('spans point into the text as written', () => {
    const text = 'x １５０３８７１００４１ y';
    const [span] = findSensitiveSpans(text);
    expect(text.slice(span!.start, span!.end)).toBe('１５０３８７１００４１');
  });
});
