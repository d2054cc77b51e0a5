import { describe, expect, it } from 'vitest';
import type { QueryFacts } from './features.ts';
import { fitScopeWords, scopedProbes, scopeScore, stemOf, withScope } from './scope-words.ts';
import type { Probe } from './self-calibration.ts';

const facts = (words: string[], scopeScore?: number): QueryFacts => ({
  words,
  lang: 'nb',
  mode: 'lexical',
  unknownWords: [],
  ...(scopeScore === undefined ? {} : { scopeScore }),
});

describe('out-of-scope words', () => {
  const scope = fitScopeWords([
    { words: ['skattemeldingen', 'frist'], outOfScope: true },
    { words: ['skattemelding', 'levere'], outOfScope: true },
    { words: ['boliglanet', 'renta'], outOfScope: true },
    { words: ['barnehage', 'pris'], outOfScope: false },
    { words: ['barnehagen', 'soknad'], outOfScope: false },
    { words: ['sfo', 'pris'], outOfScope: false },
  ]);

  it('leans to "no file answers" for words of the questions no file answered, and away for the others', () => {
    expect(scopeScore(scope, ['skattemeldingen'])).toBeGreaterThan(0);
    expect(scopeScore(scope, ['barnehageplass', 'pris'])).toBeLessThan(0);
  });

  it('meets inflections on a shared stem and ignores what it saw once or never', () => {
    expect(stemOf('skattemeldingen')).toBe(stemOf('skattemelding'));
    expect(scopeScore(scope, ['renta'])).toBe(0);
    expect(scopeScore(scope, ['svommehall'])).toBe(0);
    expect(scopeScore(undefined, ['skattemeldingen'])).toBe(0);
  });

  it('counts a word once however often the question repeats it', () => {
    expect(scopeScore(scope, ['pris', 'pris'])).toBe(scopeScore(scope, ['pris']));
  });

  it('keeps a cross-fitted score and does not touch the shared records', () => {
    expect(withScope(facts(['skattemeldingen'], -3), scope).scopeScore).toBe(-3);
    const record: Probe = {
      rows: [],
      facts: facts(['skattemeldingen']),
      right: -1,
      weight: 1,
      kind: 'near-miss',
    };
    const [scored] = scopedProbes([record], scope);
    expect(scored?.facts.scopeScore).toBeGreaterThan(0);
    expect(record.facts.scopeScore).toBeUndefined();
  });

  it('is deterministic: the same questions give the same weights', () => {
    const again = fitScopeWords([
      { words: ['sfo', 'pris'], outOfScope: false },
      { words: ['barnehagen', 'soknad'], outOfScope: false },
      { words: ['barnehage', 'pris'], outOfScope: false },
      { words: ['boliglanet', 'renta'], outOfScope: true },
      { words: ['skattemelding', 'levere'], outOfScope: true },
      { words: ['skattemeldingen', 'frist'], outOfScope: true },
    ]);
    expect(JSON.stringify(again)).toBe(JSON.stringify(scope));
  });
});
