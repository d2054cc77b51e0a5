import { classify, foldedWords, MODEL_CLASSES, type ModelClass } from '../bot/index.ts';
import { trainShippedModel, type TrainingFile } from './handover-training.ts';

/**
 * Per-reason offsets to the classifier's threshold, chosen by cross-validation on the training corpus only:
 * the corpus files are dealt into folds, each fold is scored by a model trained on the others, and from those
 * out-of-fold verdicts each reason's offset is lowered step by step where it buys the most recall (a crisis
 * counting twice) per false handover, never above the configured threshold, and as long as the false
 * handovers grow by at most a quarter over one threshold for all. The labelled sets
 * in eval/datasets play no part.
 */

export type Reason = Exclude<ModelClass, 'none'>;
const REASONS = MODEL_CLASSES.filter((c): c is Reason => c !== 'none');
const STEPS = [-0.25, -0.2, -0.15, -0.1, -0.05, 0] as const;
/** The false handovers may grow by at most this factor over one threshold for all. */
const BUDGET = 1.25;

interface Verdict {
  label: ModelClass;
  handover: number;
  reason: Reason;
}

export interface Calibration {
  offsets: Partial<Record<Reason, number>>;
  /** Out-of-fold figures at one threshold for all and with the offsets, for the training log. */
  before: { falseHandovers: number; recall: Record<string, number> };
  after: { falseHandovers: number; recall: Record<string, number> };
}

function outcome(verdicts: readonly Verdict[], min: number, offsets: Partial<Record<Reason, number>>) {
  const handed = (v: Verdict) => v.handover >= min + (offsets[v.reason] ?? 0);
  const none = verdicts.filter((v) => v.label === 'none');
  const recall: Record<string, number> = {};
  for (const reason of REASONS) {
    const group = verdicts.filter((v) => v.label === reason);
    recall[reason] = group.length ? group.filter(handed).length / group.length : 1;
  }
  return { falseHandovers: none.filter(handed).length / Math.max(1, none.length), recall };
}

/** Chooses the offsets from out-of-fold verdicts (exported for tests). */
export function chooseOffsets(verdicts: readonly Verdict[], min: number): Calibration {
  const before = outcome(verdicts, min, {});
  const offsets: Partial<Record<Reason, number>> = Object.fromEntries(REASONS.map((r) => [r, 0]));
  const budget = before.falseHandovers * BUDGET;
  const total = (o: typeof offsets) => {
    const r = outcome(verdicts, min, o).recall;
    // A missed crisis costs more than any other miss: its recall counts twice.
    return REASONS.reduce((sum, reason) => sum + (reason === 'crisis' ? 2 : 1) * (r[reason] ?? 0), 0);
  };
  for (;;) {
    const now = outcome(verdicts, min, offsets);
    let best: { gain: number; next: typeof offsets } | undefined;
    for (const reason of REASONS) {
      // Every lower step, not just the next: a flat stretch with no one in it must not stop the search.
      for (const step of STEPS.filter((s) => s < (offsets[reason] ?? 0))) {
        const next = { ...offsets, [reason]: step };
        const then = outcome(verdicts, min, next);
        if (then.falseHandovers > budget) continue;
        const gain =
          (total(next) - total(offsets)) / Math.max(then.falseHandovers - now.falseHandovers, 1e-4);
        if (gain > 0 && (!best || gain > best.gain)) best = { gain, next };
      }
    }
    if (!best) break;
    Object.assign(offsets, best.next);
  }
  for (const reason of REASONS) if (offsets[reason] === 0) delete offsets[reason];
  return { offsets, before, after: outcome(verdicts, min, offsets) };
}

/** Out-of-fold verdicts over `folds` folds of whole corpus files, then the offsets around `min`. */
export function calibrateOffsets(files: readonly TrainingFile[], min: number, folds = 5): Calibration {
  const verdicts: Verdict[] = [];
  for (let k = 0; k < folds; k += 1) {
    const model = trainShippedModel(files.filter((_, i) => i % folds !== k));
    for (const file of files.filter((_, i) => i % folds === k)) {
      for (const example of file.examples) {
        const v = classify(model, foldedWords(example.text));
        verdicts.push({ label: example.label, handover: v.handover, reason: v.reason });
      }
    }
  }
  return chooseOffsets(verdicts, min);
}
