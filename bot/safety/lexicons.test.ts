import { describe, expect, it } from 'vitest';
import { foldedWords } from '../text/normalize.ts';
import { compileLexicon, scanLexicon } from './lexicons.ts';

const reasons = (lexicon: ReturnType<typeof compileLexicon>, message: string) => [
  ...scanLexicon(lexicon, foldedWords(message)).keys(),
];

describe('policy.yaml on top of the built-in concepts', () => {
  it('extends a built-in concept: its rules fire on the new words', () => {
    const message = 'husbanken avslo startlånet vårt og vi står uten bolig snart';
    const extended = compileLexicon([
      { origin: 'policy.yaml', lists: {}, concepts: { money_trouble: ['husbanken avslo'] } },
    ]);
    expect(reasons(extended, 'husbanken avslo oss')).toContain('sensitive');
    expect(reasons(compileLexicon(), 'husbanken avslo oss')).not.toContain('sensitive');
    expect(reasons(extended, message)).toContain('sensitive');
  });

  it('vetoes a built-in rule by id, or a concept by name', () => {
    const message = 'jeg mistet mannen min i fjor';
    expect(reasons(compileLexicon(), message)).toContain('sensitive');
    const noRule = compileLexicon([{ origin: 'policy.yaml', lists: {}, veto: ['bereaved'] }]);
    expect(reasons(noRule, message)).not.toContain('sensitive');
    const noConcept = compileLexicon([{ origin: 'policy.yaml', lists: {}, veto: ['death_wish'] }]);
    expect(reasons(compileLexicon(), 'jeg har lyst å dø')).toContain('crisis');
    expect(reasons(noConcept, 'jeg har lyst å dø')).not.toContain('crisis');
  });

  it('keeps the handover phrase lists of earlier policy files working', () => {
    const lexicon = compileLexicon([
      { origin: 'policy.yaml', lists: { sensitive: ['familievernkontoret'], out_of_scope: ['kinoprogram'] } },
    ]);
    const hits = scanLexicon(lexicon, foldedWords('kan familievernkontoret hjelpe oss'));
    expect(hits.get('sensitive')).toMatchObject({ origin: 'rule "policy_sensitive"' });
    expect(reasons(lexicon, 'hva er kinoprogrammet i kveld, kinoprogram')).toContain('out_of_scope');
  });

  it('a crisis is never vetoed by a veto rule', () => {
    const hits = scanLexicon(compileLexicon(), foldedWords('are you a bot? I want to kill myself'));
    expect(hits.has('crisis')).toBe(true);
  });
});
