import { describe, expect, it } from 'vitest';
import { fitAnswerModel, PRIOR_STRENGTH, queryFacts, type Probe } from '../bot/index.ts';
import { FEATURE_NAMES } from '../bot/answer/features.ts';
import { trainShippedAnswerModel } from './answer-training.ts';
import { choosePoints, figuresAt, type HeldOutScore } from './choose-points.ts';
import { modelWithout, pooledWithout, type Records } from './leave-one-out.ts';

/** A probe whose right candidate (if any) is first, with features drawn from a fixed generator. */
function probe(seed: number, kind: Probe['kind']): Probe {
  const rows = [0, 1, 2].map((i) =>
    FEATURE_NAMES.map((_, j) => {
      const x = Math.sin(seed * 12.9898 + i * 78.233 + j * 37.719) * 43758.5453;
      const noise = x - Math.floor(x);
      // The right candidate of an answerable probe scores higher, so the fit has something to learn.
      return kind === 'answerable' && i === 0 ? 0.4 + noise * 0.6 : noise * 0.7;
    }),
  );
  return {
    rows,
    facts: queryFacts('hva koster barnehage', 'nb', 'lexical', []),
    right: kind === 'answerable' ? 0 : -1,
    weight: 1,
    kind,
  };
}
const folder = (offset: number, n: number): Records => ({
  labelled: Array.from({ length: n }, (_, i) => probe(offset + i, i % 3 === 0 ? 'near-miss' : 'answerable')),
  probes: Array.from({ length: n }, (_, i) =>
    probe(offset + 1000 + i, i % 2 === 0 ? 'near-miss' : 'answerable'),
  ),
});

describe('leave one municipality out', () => {
  const records = new Map<string, Records>([
    ['a', folder(0, 40)],
    ['b', folder(100, 40)],
    ['c', folder(200, 40)],
  ]);

  it('pools every folder but the one held out', () => {
    const pooled = pooledWithout(records, 'b');
    expect(pooled.labelled).toHaveLength(80);
    expect(pooled.labelled).toContain(records.get('a')?.labelled[0]);
    expect(pooled.labelled).not.toContain(records.get('b')?.labelled[0]);
    expect(modelWithout(records, 'b').source).toMatch(/fitted on a, c without b/);
  });

  it('measures a served knowledge against one folder’s probe refit, not against all folders’ probes at once', () => {
    const one = records.get('a') as Records;
    // The same folder twice is the same evidence: the reference must be that folder's own refit on its
    // probes, as a served knowledge of that kind would give.
    const twice = trainShippedAnswerModel([one, one], 'twice');
    const refit = fitAnswerModel(one.probes, { base: twice, l2: PRIOR_STRENGTH, source: '' });
    const reference = twice.probeReference?.lexical?.candidate ?? [];
    refit.candidate.coefficients.forEach((c, i) => expect(reference[i]).toBeCloseTo(c, 6));
  });
});

describe('operating points under leave-one-out', () => {
  const score = (folder: string, kind: HeldOutScore['kind'], pTop: number, right: boolean, pNone = 0) => ({
    folder,
    kind,
    pTop,
    right,
    pNone,
  });
  // Folder x: right answers at 0.9 and 0.8, a wrong one at 0.75 and a no-answer question the model is sure of.
  const items: HeldOutScore[] = [
    score('x', 'answerable', 0.9, true),
    score('x', 'answerable', 0.8, true),
    score('x', 'answerable', 0.75, false),
    score('x', 'near-miss', 0.1, false, 0.95),
    score('y', 'answerable', 0.85, true),
    score('y', 'answerable', 0.3, true, 0.6),
    score('y', 'near-miss', 0.2, false, 0.9),
    score('y', 'near-miss', 0.1, false, 0.5),
  ];

  it('answers from the lowest point that keeps wrong answers within the budget on the average folder', () => {
    const chosen = choosePoints(items, { wrongBudget: 0, noAnswerPrecision: 1 });
    expect(chosen.answerAt).toBe(0.76);
    expect(chosen.figures.wrong).toBe(0);
    expect(chosen.figures.direct).toBeCloseTo((2 / 3 + 1 / 2) / 2);
    // pNone 0.6 belongs to an answerable question, so "no answer" starts above it.
    expect(chosen.noAnswerAt).toBe(0.61);
    expect(chosen.figures.noAnswerPrecision).toBe(1);
    expect(chosen.figures.noAnswerRecall).toBeCloseTo((1 + 0.5) / 2);
  });

  it('weighs each folder the same, however many questions it has', () => {
    const lopsided = [...items, ...Array.from({ length: 20 }, () => score('y', 'answerable', 0.95, true))];
    const figures = figuresAt(lopsided, { answerAt: 0.7, noAnswerAt: 1.01 });
    expect(figures.wrong).toBeCloseTo(1 / 4 / 2);
  });
});
