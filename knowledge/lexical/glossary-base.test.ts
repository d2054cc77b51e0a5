import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../types.ts';
import { analyzeToken, isStopword, tokenize } from './analyzer.ts';

// Read the raw file: the loader lower-cases terms, which would hide mistakes the editors of this file make.
const groups = (
  parse(readFileSync(new URL('./glossary-base.yaml', import.meta.url), 'utf8')) as { groups: unknown }
).groups as string[][];

const groupOf = (term: string): string[] | undefined => groups.find((group) => group.includes(term));

describe('the base glossary file', () => {
  it('has at least 180 groups and 900 terms, each group with two or more lower-case terms', () => {
    expect(groups.length).toBeGreaterThanOrEqual(180);
    expect(groups.flat().length).toBeGreaterThanOrEqual(900);
    for (const group of groups) {
      expect(group.length, String(group)).toBeGreaterThanOrEqual(2);
      for (const term of group) {
        expect(typeof term, String(group)).toBe('string');
        expect(term, String(group)).toBe(term.toLowerCase().trim().replace(/\s+/g, ' '));
      }
    }
  });

  it('uses every term once', () => {
    const seen = new Map<string, number>();
    const repeated = groups.flatMap((group, index) =>
      group.filter((term) => {
        const before = seen.get(term);
        seen.set(term, index);
        return before !== undefined;
      }),
    );
    expect(repeated).toEqual([]);
  });

  it('keeps groups apart after stemming and folding, so one word never expands two topics', () => {
    // Mirrors how words meet in the lexical index: stop words dropped, each word stemmed in every language.
    const owners = new Map<string, Set<number>>();
    groups.forEach((group, index) => {
      for (const term of group) {
        const words = tokenize(term).filter((word) => !isStopword(word));
        for (const lang of LANGS) {
          const form = words.map((word) => analyzeToken(word, lang)).join(' ');
          owners.set(form, (owners.get(form) ?? new Set()).add(index));
        }
      }
    });
    const shared = [...owners]
      .filter(([form, owner]) => form !== '' && owner.size > 1)
      .map(([form, owner]) => `${form}: ${[...owner].map((i) => groups[i]?.[0]).join(' / ')}`);
    expect(shared).toEqual([]);
  });

  it('links the everyday municipal words across nb, nn, da, sv and en', () => {
    const expectSame = (...terms: string[]): void => {
      const group = groupOf(terms[0] ?? '');
      expect(group, terms[0]).toBeDefined();
      expect(group).toEqual(expect.arrayContaining(terms));
    };
    expectSame(
      'barnehage',
      'barnehagar',
      'bhg',
      'børnehave',
      'dagtilbud',
      'vuggestue',
      'förskola',
      'kindergarten',
      'daycare',
    );
    expectSame('sfo', 'aks', 'skulefritidsordning', 'fritidshjem', 'fritidshem', 'after-school');
    expectSame('søknad', 'søkje', 'ansøgning', 'ansökan', 'apply', 'application');
    expectSame(
      'avfall',
      'søppel',
      'bos',
      'affald',
      'skrald',
      'sopor',
      'garbage',
      'rubbish',
      'trash',
      'waste',
    );
    expectSame('legevakt', 'lægevagt', 'vagtlæge', 'jourcentral', 'out-of-hours');
    expectSame('eiendomsskatt', 'eigedomsskatt', 'ejendomsskat', 'fastighetsskatt', 'property tax');
    expectSame('bostøtte', 'bustøtte', 'boligstøtte', 'bostadsbidrag', 'housing allowance');
  });

  it('keeps related but different things in different groups', () => {
    for (const [a, b] of [
      ['deadline', 'application'],
      ['price', 'discount'],
      ['price', 'fee'],
      ['kindergarten', 'after-school'],
      ['resign', 'notice period'],
      ['tømming', 'tomt'],
    ] as const) {
      expect(groupOf(a), `${a} / ${b}`).not.toBe(groupOf(b));
    }
  });
});
