import { adjustToProbes, orderAndNone, probability, scopedProbes } from '../bot/index.ts';
import type { OperatingPoints } from '../bot/index.ts';
import { modelWithout, type Records } from './leave-one-out.ts';

/**
 * Operating points chosen under leave-one-municipality-out instead of in-sample: every labelled question is
 * scored by an answer model fitted without its own folder and adjusted to that folder's probes, as a new
 * municipality's would be. answerAt is the lowest that keeps the wrong answers within the budget on the
 * average folder, noAnswerAt the lowest whose "I have no answer" is right often enough. Only the questions
 * that stand alone (no follow-ups) and expect an answer or no answer count, so the budget is a share of those.
 */
export interface HeldOutScore {
  folder: string;
  kind: 'answerable' | 'near-miss';
  /** P(the top file answers), after re-ranking. */
  pTop: number;
  /** The top file after re-ranking is a right one. */
  right: boolean;
  pNone: number;
}

export function scoreHeldOut(records: ReadonlyMap<string, Records>): HeldOutScore[] {
  const out: HeldOutScore[] = [];
  for (const [folder, r] of records) {
    const model = adjustToProbes(modelWithout(records, folder), r.probes, 'lexical');
    for (const q of scopedProbes(r.labelled, model.scope)) {
      const { order, ps, noneRow } = orderAndNone(q.rows, model.candidate, q.facts);
      out.push({
        folder,
        kind: q.kind,
        pTop: ps[0] ?? 0,
        right: q.kind === 'answerable' && q.right >= 0 && order[0] === q.right,
        pNone: 1 - probability(model.none, noneRow),
      });
    }
  }
  return out;
}

/** Readable points: a grid of hundredths. */
const GRID = Array.from({ length: 96 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);

const byFolder = (items: readonly HeldOutScore[]): HeldOutScore[][] => {
  const groups = new Map<string, HeldOutScore[]>();
  for (const item of items) groups.set(item.folder, [...(groups.get(item.folder) ?? []), item]);
  return [...groups.values()];
};
const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

export interface PointFigures {
  /** Averages over the folders, each folder weighing the same. */
  direct: number;
  wrong: number;
  noAnswerRecall: number;
  noAnswerPrecision: number;
}

export function figuresAt(
  items: readonly HeldOutScore[],
  points: Pick<OperatingPoints, 'answerAt' | 'noAnswerAt'>,
): PointFigures {
  const per = byFolder(items).map((group) => {
    const answered = group.filter((q) => q.pTop >= points.answerAt);
    const said = group.filter((q) => q.pTop < points.answerAt && q.pNone >= points.noAnswerAt);
    const answerable = group.filter((q) => q.kind === 'answerable').length;
    const nearMiss = group.length - answerable;
    const rightNone = said.filter((q) => q.kind === 'near-miss').length;
    return {
      direct: answerable === 0 ? 0 : answered.filter((q) => q.right).length / answerable,
      wrong: group.length === 0 ? 0 : answered.filter((q) => !q.right).length / group.length,
      noAnswerRecall: nearMiss === 0 ? 0 : rightNone / nearMiss,
      noAnswerPrecision: said.length === 0 ? 1 : rightNone / said.length,
    };
  });
  return {
    direct: mean(per.map((p) => p.direct)),
    wrong: mean(per.map((p) => p.wrong)),
    noAnswerRecall: mean(per.map((p) => p.noAnswerRecall)),
    noAnswerPrecision: mean(per.map((p) => p.noAnswerPrecision)),
  };
}

export function choosePoints(
  items: readonly HeldOutScore[],
  targets: { wrongBudget: number; noAnswerPrecision: number },
): { answerAt: number; noAnswerAt: number; figures: PointFigures } {
  const answerAt =
    GRID.find((t) => figuresAt(items, { answerAt: t, noAnswerAt: 1.01 }).wrong <= targets.wrongBudget) ?? 1;
  const noAnswerAt =
    GRID.find(
      (t) => figuresAt(items, { answerAt, noAnswerAt: t }).noAnswerPrecision >= targets.noAnswerPrecision,
    ) ?? 1;
  return { answerAt, noAnswerAt, figures: figuresAt(items, { answerAt, noAnswerAt }) };
}
