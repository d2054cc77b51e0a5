import { describe, expect, it } from 'vitest';
import { parsePolicy } from './policy-file.ts';

describe('parsePolicy', () => {
  it('accepts no file or an empty one', () => {
    const empty = { lists: {}, concepts: {}, veto: [], thresholds: {}, answers: {}, issues: [] };
    expect(parsePolicy(undefined)).toEqual(empty);
    expect(parsePolicy('  \n# only a comment\n')).toEqual(empty);
  });

  it('reads the answer outcomes’ operating points', () => {
    const parsed = parsePolicy('answers:\n  answerAt: 0.8\n  suggestAt: 0.1\n');
    expect(parsed.issues).toEqual([]);
    expect(parsed.answers).toEqual({ answerAt: 0.8, suggestAt: 0.1 });
  });

  it('reads phrases and thresholds', () => {
    const parsed = parsePolicy(
      [
        'handover:',
        '  sensitive: [familievernkontoret, "=pleiepenger"]',
        '  human_request:',
        '    - snakke med rådmannen',
        'out_of_scope: [kinoprogram]',
        'thresholds:',
        '  queueMin: 0.6',
        '  followUpMaxWords: 2',
      ].join('\n'),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.lists).toEqual({
      sensitive: ['familievernkontoret', '=pleiepenger'],
      human_request: ['snakke med rådmannen'],
      out_of_scope: ['kinoprogram'],
    });
    expect(parsed.thresholds).toEqual({ queueMin: 0.6, followUpMaxWords: 2 });
  });

  it.each([
    // [yaml, line, message fragment]
    ['out_of_scope: [a]\nthresholds: queueMin: 0.5\nhandover: {}\n', 2, 'YAML syntax'],
    ['handover:\n  crisis: [a, b\n', 3, 'YAML syntax'], // unclosed list: reported where the file ends
    ['handover:\n  crisis: [ok]\n  feelings: [sad]\n', 3, 'unknown key "feelings"'],
    ['out_of_scope: [vær]\nthresholds:\n  queueMin: 1.5\n', 3, 'thresholds.queueMin'],
    ['thresholds:\n  queueMin: 0.5\n  followUpMaxWords: two\n', 3, 'thresholds.followUpMaxWords'],
    ['handover:\n  personal:\n    - min sak\n    - ""\n', 4, 'handover.personal[1]'],
    ['answers:\n  answerAt: 0.8\n  noAnswerAt: 1.2\n', 3, 'answers.noAnswerAt'],
    ['answers:\n  engine: rules\n', 2, 'answers'],
    ['handover:\n  personal:\n    - min sak\n    - "!*"\n', 4, 'has no words'],
    ['out_of_scope: weather\n', 1, 'out_of_scope'],
    ['- just\n- a list\n', 1, 'the top level'],
    ['handover:\n  crisis: [a]\nhandover:\n  pii: [b]\n', 3, 'YAML syntax'],
  ])('reports problems with their line (%#)', (text, line, fragment) => {
    const parsed = parsePolicy(text);
    expect(parsed.issues.length).toBeGreaterThan(0);
    expect(parsed.issues[0]).toMatchObject({
      severity: 'error',
      code: 'policy_invalid',
      path: 'policy.yaml',
      line,
    });
    expect(parsed.issues.map((i) => i.message).join(' | ')).toContain(fragment);
    // A broken file applies nothing.
    expect(parsed.lists).toEqual({});
    expect(parsed.thresholds).toEqual({});
  });

  it('refuses an oversized file without parsing it', () => {
    const parsed = parsePolicy(`out_of_scope:\n${'  - x\n'.repeat(60_000)}`);
    expect(parsed.issues[0]).toMatchObject({ code: 'policy_invalid', line: 1 });
    expect(parsed.issues[0]!.message).toContain('larger than');
  });
});

describe('parsePolicy: safety concepts', () => {
  it('reads extra words for built-in concepts (with inflection patterns) and vetoes', () => {
    const parsed = parsePolicy(
      [
        'safety:',
        '  concepts:',
        '    money_trouble: ["husbanken {avslo,avslår}"]',
        '  veto: [bereaved, money_trouble_mine]',
      ].join('\n'),
    );
    expect(parsed.issues).toEqual([]);
    expect(parsed.concepts).toEqual({ money_trouble: ['husbanken avslo', 'husbanken avslår'] });
    expect(parsed.veto).toEqual(['bereaved', 'money_trouble_mine']);
  });

  it('reports unknown concepts and vetoes with their line', () => {
    const parsed = parsePolicy(
      [
        'safety:',
        '  concepts:',
        '    no_such_concept: [x]',
        '  veto:',
        '    - bereaved',
        '    - no_such_rule',
      ].join('\n'),
    );
    expect(parsed.issues.map((i) => [i.line, i.code])).toEqual([
      [3, 'policy_invalid'],
      [6, 'policy_invalid'],
    ]);
    expect(parsed.concepts).toEqual({});
  });
});
