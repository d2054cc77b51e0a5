import { foldedWords } from '../../text/normalize.ts';
import { featureCounts } from './features.ts';
import { MODEL_CLASSES, softmax, vectorise, type HandoverModel, type ModelClass } from './handover-model.ts';

export interface TrainingExample {
  text: string;
  label: ModelClass;
}

export interface TrainingOptions {
  /** Inverse regularisation strength, as in liblinear and scikit-learn: larger fits the examples closer. */
  c?: number;
  /** Features seen in fewer examples than this are left out (one writer's typos, names). */
  minDocs?: number;
  iterations?: number;
  learningRate?: number;
  sources?: string[];
  /**
   * The share of the loss that messages staying with the bot (`none`) carry; the handover reasons share the
   * rest equally. Undefined: every class counts the same (balanced). A training corpus written to cover every
   * reason holds far more handovers than real chat traffic, where most messages are general questions.
   */
  noneShare?: number;
  /**
   * Words (not pairs or letter n-grams) found in more than this share of the examples are left out as
   * features of their own: "ikke", "i", "dag" say nothing about a reason, yet in a short message they carry
   * most of the words block's weight.
   */
  maxWordShare?: number;
}

/**
 * Fits the handover model by full-batch gradient descent with Adam steps on the class-weighted cross-entropy
 * plus an L2 penalty. Full batches and a fixed feature order make training deterministic: the same examples
 * give the same model file, so the shipped model can be checked against its sources. No maintained npm
 * package fits a sparse multinomial logistic regression (ml-logistic-regression works on dense matrices, one
 * class at a time), and the whole fit is a few dozen lines.
 */
export function trainHandoverModel(
  examples: readonly TrainingExample[],
  options: TrainingOptions = {},
): HandoverModel {
  const c = options.c ?? 10;
  const minDocs = options.minDocs ?? 2;
  const iterations = options.iterations ?? 150;
  const learningRate = options.learningRate ?? 0.1;
  const K = MODEL_CLASSES.length;
  const N = examples.length;
  if (N === 0) throw new Error('no training examples');

  const counts = examples.map((e) => featureCounts(foldedWords(e.text)));
  const docs = new Map<string, number>();
  for (const { chars, words } of counts) {
    for (const feature of [...chars.keys(), ...words.keys()]) docs.set(feature, (docs.get(feature) ?? 0) + 1);
  }
  const maxWordDocs = (options.maxWordShare ?? 1) * N;
  const featureList = [...docs.keys()]
    .filter((f) => (docs.get(f) ?? 0) >= minDocs)
    .filter((f) => !f.startsWith('w:') || (docs.get(f) ?? 0) <= maxWordDocs)
    .sort();
  const index = new Map(featureList.map((f, i) => [f, i]));
  const idf = featureList.map((f) => Math.log((1 + N) / (1 + (docs.get(f) ?? 0))) + 1);
  const rows = counts.map((count) => {
    const vector = vectorise(count, (f) => {
      const i = index.get(f);
      return i === undefined ? undefined : idf[i];
    });
    const features = Int32Array.from([...vector.keys()].map((f) => index.get(f) as number));
    return { features, values: Float64Array.from(vector.values()) };
  });
  const labels = examples.map((e) => MODEL_CLASSES.indexOf(e.label));
  // Balanced class weights: a rare reason counts as much in the loss as the many messages that stay with the bot.
  const perClass = new Array<number>(K).fill(0);
  for (const label of labels) perClass[label] = (perClass[label] ?? 0) + 1;
  const present = perClass.filter((n) => n > 0).length;
  const noneShare = options.noneShare;
  const classWeight = perClass.map((n, k) => {
    if (n === 0) return 0;
    if (noneShare === undefined || (perClass[0] ?? 0) === 0) return N / (present * n);
    return k === 0 ? (noneShare * N) / n : ((1 - noneShare) * N) / ((present - 1) * n);
  });

  const F = featureList.length;
  const W = new Float64Array(F * K);
  const b = new Float64Array(K);
  const gW = new Float64Array(F * K);
  const gB = new Float64Array(K);
  const adam = {
    mW: new Float64Array(F * K),
    vW: new Float64Array(F * K),
    mB: new Float64Array(K),
    vB: new Float64Array(K),
  };
  const beta1 = 0.9;
  const beta2 = 0.999;
  const lambda = 1 / (c * N);
  const scores = new Array<number>(K);

  for (let step = 1; step <= iterations; step += 1) {
    gW.fill(0);
    gB.fill(0);
    rows.forEach(({ features, values }, i) => {
      for (let k = 0; k < K; k += 1) scores[k] = b[k] as number;
      for (let j = 0; j < features.length; j += 1) {
        const base = (features[j] as number) * K;
        const x = values[j] as number;
        for (let k = 0; k < K; k += 1) scores[k] = (scores[k] as number) + x * (W[base + k] as number);
      }
      const p = softmax(scores);
      const weight = (classWeight[labels[i] as number] as number) / N;
      for (let k = 0; k < K; k += 1) {
        const g = weight * ((p[k] as number) - (k === labels[i] ? 1 : 0));
        gB[k] = (gB[k] as number) + g;
        for (let j = 0; j < features.length; j += 1) {
          const at = (features[j] as number) * K + k;
          gW[at] = (gW[at] as number) + g * (values[j] as number);
        }
      }
    });
    for (let at = 0; at < W.length; at += 1) gW[at] = (gW[at] as number) + lambda * (W[at] as number);
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    const update = (w: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array): void => {
      for (let at = 0; at < w.length; at += 1) {
        const grad = g[at] as number;
        m[at] = beta1 * (m[at] as number) + (1 - beta1) * grad;
        v[at] = beta2 * (v[at] as number) + (1 - beta2) * grad * grad;
        const mHat = (m[at] as number) / correction1;
        const vHat = (v[at] as number) / correction2;
        w[at] = (w[at] as number) - (learningRate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
    };
    update(W, gW, adam.mW, adam.vW);
    update(b, gB, adam.mB, adam.vB);
  }

  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const features: Record<string, number[]> = {};
  featureList.forEach((feature, i) => {
    const weights = Array.from(W.subarray(i * K, (i + 1) * K), round);
    // A feature whose weights all round to zero changes no verdict; leaving it out keeps the file small.
    if (weights.every((w) => w === 0)) return;
    features[feature] = [round(idf[i] as number), ...weights];
  });
  return {
    format: 'svar-handover-model/1',
    trainedOn: { examples: N, sources: options.sources ?? [] },
    classes: [...MODEL_CLASSES],
    bias: Array.from(b, round),
    features,
  };
}
