import { describe, expect, it } from 'vitest';
import { expandForms, parseSafety, readBuiltInSafety } from './load.ts';
import type { SafetyTexts } from './load.ts';

const RULES = `rules:
  - { id: wish_to_die, reason: crisis, all: [death_wish] }
distress:
  weights: { death_wish: 3 }
  boosts: {}
`;
const lang = (code: string, body = '  death_wish:\n    - vil dø\n') => `lang: ${code}\nconcepts:\n${body}`;

function texts(
  rules: string,
  nb: string,
  others = lang('en', '  death_wish:\n    - want to die\n'),
): SafetyTexts {
  return {
    rules: { path: 'rules.yaml', text: rules },
    languages: [
      { path: 'nb.yaml', text: nb },
      { path: 'en.yaml', text: others },
    ],
  };
}

describe('safety concept files', () => {
  it('the built-in files are valid', () => {
    const { data, issues } = parseSafety(readBuiltInSafety());
    expect(issues).toEqual([]);
    expect(data?.rules.length).toBeGreaterThan(30);
  });

  it('loads a minimal valid set', () => {
    const { data, issues } = parseSafety(texts(RULES, lang('nb')));
    expect(issues).toEqual([]);
    expect(data?.concepts.get('death_wish')?.map((p) => p.source)).toEqual(['vil dø', 'want to die']);
  });

  it('reports YAML syntax errors with file and line', () => {
    const { issues } = parseSafety(texts(RULES, 'lang: nb\nconcepts:\n  death_wish: [vil dø\n'));
    expect(issues[0]).toMatchObject({ path: 'nb.yaml', code: 'safety_invalid' });
    expect(issues[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a schema error at the line of the bad value', () => {
    const bad = RULES.replace('reason: crisis', 'reason: urgent');
    const { issues } = parseSafety(texts(bad, lang('nb')));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'rules.yaml', line: 2 });
    expect(issues[0]?.message).toMatch(/rules\[0\]\.reason/);
  });

  it('reports unknown keys with their line', () => {
    const { issues } = parseSafety(
      texts(RULES, `lang: nb\nconcepts:\n  death_wish: [vil dø]\nphrases: []\n`),
    );
    expect(issues[0]).toMatchObject({ path: 'nb.yaml', line: 4 });
    expect(issues[0]?.message).toMatch(/unknown key "phrases"/);
  });

  it('a concept a rule uses must exist in every language', () => {
    const { issues } = parseSafety(texts(RULES, lang('nb', '  other:\n    - x\n')));
    const messages = issues.map((i) => `${i.path}:${i.line} ${i.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/^nb\.yaml:2 concept "death_wish" .* missing in nb/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/^nb\.yaml:3 concepts\.other: no rule/));
  });

  it('a phrase without words or with unpaired braces is an error at its line', () => {
    const { issues } = parseSafety(
      texts(RULES, lang('nb', '  death_wish:\n    - vil dø\n    - "drep{e,er"\n    - "*"\n')),
    );
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['nb.yaml', 5],
      ['nb.yaml', 6],
    ]);
  });

  it('a rule id is used once', () => {
    const twice = RULES.replace(
      'rules:\n',
      'rules:\n  - { id: wish_to_die, reason: crisis, all: [death_wish] }\n',
    );
    const { issues } = parseSafety(texts(twice, lang('nb')));
    expect(issues).toEqual([expect.objectContaining({ path: 'rules.yaml', line: 3 })]);
  });

  it('expands inflection patterns', () => {
    expect(expandForms('drep{e,er,te} meg')).toEqual(['drepe meg', 'dreper meg', 'drepte meg']);
    expect(expandForms('hjerte{,t} {slår,stopper}')).toEqual([
      'hjerte slår',
      'hjerte stopper',
      'hjertet slår',
      'hjertet stopper',
    ]);
    expect(expandForms('drep{e')).toBeUndefined();
    expect(expandForms('drepe}')).toBeUndefined();
  });
});
