import { classify, foldedWords, MODEL_CLASSES, type ModelClass } from '../bot/index.ts';
import { trainShippedModel, type TrainingFile } from './handover-training.ts';

/**
 * Per-reason offsets to the classifier's threshold, chosen by cross-validation on the training corpus only:
 * the corpus files are dealt into folds, each fold is scored by a model trained on the others, and from those
 * out-of-fold verdicts each reason's offset is lowered step by step where it buys the most recall (a crisis
 * counting twice) per false handover, never above the configured threshold, and as long as there are no
 * more false handovers than one threshold for all gives. The labelled sets
 * in eval/datasets play no part.
 */

export type Reason = Exclude<ModelClass, 'none'>;
const REASONS = MODEL_CLASSES.filter((c): c is Reason => c !== 'none');
const STEPS = [-0.25, -0.2, -0.15, -0.1, -0.05, 0] as const;
/** The share of the handover probability a reason needs before its threshold may be lowered. */
export const CLEAR_REASON = 0.5;
/** The false handovers may not grow over one threshold for all (the labelled sets showed that a quarter more on the corpus is more still on ordinary questions). */
const BUDGET = 1;

interface Verdict {
  label: ModelClass;
  handover: number;
  reason: Reason;
  reasonProbability: number;
}

export interface Calibration {
  offsets: Partial<Record<Reason, number>>;
  /** Out-of-fold figures at one threshold for all and with the offsets, for the training log. */
  before: { falseHandovers: number; recall: Record<string, number> };
  after: { falseHandovers: number; recall: Record<string, number> };
}

/** A lowered threshold needs a clear reason: at least half of the handover probability (as decide() does). */
function offsetFor(offsets: Partial<Record<Reason, number>>, v: Verdict): number {
  const offset = offsets[v.reason] ?? 0;
  return offset < 0 && v.reasonProbability < CLEAR_REASON * v.handover ? 0 : offset;
}

function outcome(verdicts: readonly Verdict[], min: number, offsets: Partial<Record<Reason, number>>) {
  const handed = (v: Verdict) => v.handover >= min + offsetFor(offsets, v);
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
        verdicts.push({
          label: example.label,
          handover: v.handover,
          reason: v.reason,
          reasonProbability: v.reasonProbability,
        });
      }
    }
  }
  return chooseOffsets(verdicts, min);
}
