import { z } from 'zod';
import { CompiledHandoverModel } from './compiled-model.ts';
import type { FeatureCounts } from './features.ts';

/**
 * Reasons the classifier can give. `pii` is left to the ID-number rules, which are exact; `none` is every
 * message that should not be handed over.
 */
export const MODEL_CLASSES = [
  'none',
  'crisis',
  'personal',
  'complaint',
  'sensitive',
  'human_request',
] as const;
export type ModelClass = (typeof MODEL_CLASSES)[number];
export type ModelReason = Exclude<ModelClass, 'none'>;

/** Largest model file accepted: a few times what the built-in one weighs. */
export const MAX_MODEL_BYTES = 8_000_000;

/**
 * A multinomial logistic regression over TF-IDF weighted features (features.ts). `features` maps a feature to
 * its IDF followed by one weight per class, in `classes` order; letter n-grams and words are L2-normalised
 * as two separate blocks, so long messages with many n-grams do not drown the words.
 */
export const handoverModelSchema = z
  .object({
    format: z.literal('svar-handover-model/1'),
    trainedOn: z.object({ examples: z.int().min(1), sources: z.array(z.string()) }),
    classes: z.tuple([
      z.literal('none'),
      z.literal('crisis'),
      z.literal('personal'),
      z.literal('complaint'),
      z.literal('sensitive'),
      z.literal('human_request'),
    ]),
    bias: z.array(z.number()).length(MODEL_CLASSES.length),
    features: z.record(z.string(), z.array(z.number()).length(MODEL_CLASSES.length + 1)),
    /**
     * Per reason, what to add to the configured handoverModelMin for a verdict of that reason: chosen by
     * cross-validation on the training corpus (eval/handover-calibration.ts) so that each reason gets as much
     * recall as the same number of false handovers allows.
     */
    offsets: z
      .partialRecord(z.enum(MODEL_CLASSES).exclude(['none']), z.number().min(-0.5).max(0.5))
      .optional(),
  })
  .strict();
export type HandoverModel = z.infer<typeof handoverModelSchema>;

export type ParsedModel = { ok: true; model: HandoverModel } | { ok: false; error: string };

/** Checks size before parsing and shape after; a broken file is an error to report, never a crash. */
export function parseHandoverModel(text: string): ParsedModel {
  if (Buffer.byteLength(text) > MAX_MODEL_BYTES) {
    return { ok: false, error: `larger than ${MAX_MODEL_BYTES} bytes` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = handoverModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, model: parsed.data };
}

/** Sparse TF-IDF vector: sublinear term frequency times IDF, each block normalised to length 1. */
export function vectorise(
  counts: FeatureCounts,
  idfOf: (feature: string) => number | undefined,
): Map<string, number> {
  const vector = new Map<string, number>();
  for (const block of [counts.chars, counts.words]) {
    const values: [string, number][] = [];
    let norm = 0;
    for (const [feature, count] of block) {
      const idf = idfOf(feature);
      if (idf === undefined) continue;
      const value = (1 + Math.log(count)) * idf;
      values.push([feature, value]);
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (const [feature, value] of values) vector.set(feature, value * scale);
  }
  return vector;
}

export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export interface ModelVerdict {
  /** 1 − P(none): how likely a person should take this message. */
  handover: number;
  /**
   * The most likely reason among the handover classes other than crisis, and its probability. A crisis is
   * read from `crisis` alone against its own threshold (signals/crisis-model.ts): "the most likely of five"
   * when the handover probability is spread thin ("søppelet ble ikke hentet i dag": 0.31 of 0.72) is no
   * crisis, and a crisis at 0.45 is one even when the citizen's words also sound like a care matter.
   */
  reason: Exclude<ModelReason, 'crisis'>;
  reasonProbability: number;
  /** P(crisis) on its own: a crisis is worth asking about even when another class is more likely. */
  crisis: number;
  /** Features that pushed hardest towards `reason`, for the decision's `why`. */
  evidence: string[];
  /** Features that pushed hardest towards a crisis. */
  crisisEvidence: string[];
}

export function classify(model: HandoverModel, foldedWords: readonly string[]): ModelVerdict {
  // The same as vectorise(featureCounts(foldedWords), idf), without a string look-up per n-gram.
  const compiled = CompiledHandoverModel.of(model);
  const { ids, values, wordsFrom } = compiled.vector(foldedWords);
  const scores = [...model.bias];
  ids.forEach((id, k) => {
    const value = values[k] as number;
    for (let c = 0; c < scores.length; c += 1) scores[c] = (scores[c] ?? 0) + value * compiled.weight(id, c);
  });
  const p = softmax(scores);
  let best = 2;
  for (let c = 3; c < p.length; c += 1) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c;
  const reason = MODEL_CLASSES[best] as Exclude<ModelReason, 'crisis'>;
  // Word features are all in the words block ("c:" letter n-grams come before it).
  const evidenceFor = (cls: number): string[] => {
    const pushes: { feature: string; push: number }[] = [];
    for (let k = wordsFrom; k < ids.length; k += 1) {
      const id = ids[k] as number;
      const feature = compiled.names[id] ?? '';
      const push = (values[k] as number) * compiled.weight(id, cls);
      if (push > 0 && feature.startsWith('w:')) pushes.push({ feature, push });
    }
    return pushes
      .sort((a, b) => b.push - a.push)
      .slice(0, 4)
      .map((e) => e.feature.slice(2));
  };
  return {
    handover: 1 - (p[0] ?? 0),
    reason,
    reasonProbability: p[best] ?? 0,
    crisis: p[1] ?? 0,
    evidence: evidenceFor(best),
    crisisEvidence: evidenceFor(1),
  };
}
