import { describe, expect, it } from 'vitest';
import { GlossaryMatcher, loadBaseGlossary, mergeGlossaries, parseGlossary } from './glossary.ts';

describe('parseGlossary', () => {
  it('reads groups and lower-cases them', () => {
    const { glossary, issues } = parseGlossary(
      'groups:\n  - [Barnehage, børnehave, kindergarten]\n',
      'glossary.yaml',
    );
    expect(issues).toEqual([]);
    expect(glossary.groups).toEqual([['barnehage', 'børnehave', 'kindergarten']]);
  });

  it('reports bad YAML and bad shapes with a line, never throwing', () => {
    const bad = parseGlossary('groups:\n  - [a, b\n  - [c, d]\n', 'glossary.yaml');
    expect(bad.issues[0]).toMatchObject({
      code: 'glossary_invalid',
      path: 'glossary.yaml',
      severity: 'error',
    });
    expect(bad.glossary.groups).toEqual([]);
    const lonely = parseGlossary('groups:\n  - [a, b]\n  - [c]\n', 'glossary.yaml');
    expect(lonely.issues[0]).toMatchObject({ code: 'glossary_invalid', line: 3 });
    expect(lonely.issues[0]?.message).toContain('group 2');
  });
});

describe('mergeGlossaries', () => {
  it('merges groups that share a word and keeps the others', () => {
    const merged = mergeGlossaries(
      {
        groups: [
          ['sfo', 'aks'],
          ['avfall', 'søppel'],
        ],
      },
      {
        groups: [
          ['aks', 'after school'],
          ['x', 'y'],
        ],
      },
    );
    expect(merged.groups.map((g) => [...g].sort())).toEqual([
      ['after school', 'aks', 'sfo'],
      ['avfall', 'søppel'],
      ['x', 'y'],
    ]);
  });
});

describe('the base glossary', () => {
  it('is large, well-formed and crosses the languages', async () => {
    const base = await loadBaseGlossary();
    expect(base.groups.length).toBeGreaterThanOrEqual(150);
    const terms = base.groups.flat();
    expect(new Set(terms).size).toBe(terms.length);
    const kindergarten = base.groups.find((g) => g.includes('barnehage'));
    expect(kindergarten).toEqual(expect.arrayContaining(['børnehave', 'kindergarten']));
  });
});

describe('GlossaryMatcher', () => {
  it('finds single and multi-word terms and expands only to indexed words', () => {
    const matcher = new GlossaryMatcher({
      groups: [
        ['barnehage', 'kindergarten', 'daycare'],
        ['sfo', 'after school'],
      ],
    });
    const indexed = new Set(['barnehag', 'sfo']);
    const matches = matcher.match(['kindergarten', 'after', 'school', 'price'], ['en', 'nb'], (t) =>
      indexed.has(t),
    );
    expect(matches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ positions: [1, 2], expansions: ['sfo'] }),
        expect.objectContaining({ positions: [0], expansions: ['barnehag'] }),
      ]),
    );
  });

  it('tries longer terms first, each group once, and only whole terms of several words', () => {
    const matcher = new GlossaryMatcher({
      groups: [
        ['after school care', 'sfo'],
        ['after school', 'afterschool'],
        ['school', 'skole'],
        ['care home', 'sykehjem'],
      ],
    });
    const match = (words: string[]) =>
      matcher.match(words, ['en'], () => true).map((m) => [m.term, m.positions.join(',')]);
    expect(match(['after', 'school', 'care', 'home', 'school'])).toEqual([
      ['after school care', '0,1,2'],
      ['after school', '0,1'],
      ['care home', '2,3'],
      ['school', '1'],
    ]);
    expect(match(['after', 'care', 'school'])).toEqual([['school', '2']]);
  });
});
