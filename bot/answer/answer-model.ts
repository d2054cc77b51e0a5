import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { RetrievalMode } from '../../knowledge/index.ts';
import { FEATURE_NAMES, NONE_FEATURE_NAMES } from './features.ts';
import { fitLogistic, linear, sigmoid } from './logistic.ts';
import { scopeWordsSchema } from './scope-words.ts';
import type { ScopeWords } from './scope-words.ts';

/**
 * The answer model, two logistic regressions over standardised, knowledge-independent features
 * (features.ts):
 * - `candidate`: P(this candidate answers the question), for each of the first candidates; the best of them
 *   is P(the top file answers), and sorting by it is the re-ranking;
 * - `none`: P(some file answers the question) from the question-level features; P(no file answers) is one
 *   minus it.
 * The shipped weights (answer-model.json, `npm run train-answers`) were fitted on labelled questions over the
 * sample knowledge. At index build they are adjusted to the knowledge served (calibrate.ts).
 */
export interface LogisticPart {
  features: string[];
  /** Standardisation: feature j enters as (x - mean[j]) / scale[j]. */
  mean: number[];
  scale: number[];
  /** Intercept first. */
  coefficients: number[];
}

export interface AnswerModel {
  candidate: LogisticPart;
  none: LogisticPart;
  /**
   * Both parts refitted on the training knowledge's own probes, per retrieval mode. The knowledge's probes are
   * editors' wording, cleaner than citizens', so a refit on them alone drifts; calibrate.ts moves the shipped
   * weights by the difference between the refit on the served knowledge and this one instead.
   */
  probeReference?: Partial<Record<RetrievalMode, { candidate: number[]; none: number[] }>>;
  /** Words that lean to "no file answers", a question-level feature (scope-words.ts). */
  scope?: ScopeWords;
  /** Where the weights come from, for `why` and the build report. */
  source: string;
}

const partSchema = (names: readonly string[]) =>
  z
    .object({
      features: z.array(z.string()),
      mean: z.array(z.number()),
      scale: z.array(z.number().positive()),
      coefficients: z.array(z.number()),
    })
    .strict()
    .refine(
      (m) =>
        m.features.length === names.length &&
        m.features.every((f, i) => f === names[i]) &&
        m.mean.length === names.length &&
        m.scale.length === names.length &&
        m.coefficients.length === names.length + 1,
      { message: 'the model does not match this version of the features (retrain: npm run train-answers)' },
    );

const coefficientsSchema = z.object({ candidate: z.array(z.number()), none: z.array(z.number()) }).strict();
export const answerModelSchema = z
  .object({
    candidate: partSchema(FEATURE_NAMES),
    none: partSchema(NONE_FEATURE_NAMES),
    probeReference: z
      .object({ lexical: coefficientsSchema, hybrid: coefficientsSchema, dense: coefficientsSchema })
      .partial()
      .strict()
      .optional(),
    scope: scopeWordsSchema.optional(),
    source: z.string(),
  })
  .strict();

export const SHIPPED_MODEL_URL = new URL('./answer-model.json', import.meta.url);

/** Weights from a file, validated as the shipped ones are; throws with the file and the first problem. */
export async function readAnswerModel(path: string): Promise<AnswerModel> {
  const parsed = answerModelSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path} ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data as AnswerModel;
}

let shipped: AnswerModel | undefined;
/** The weights that come with Svar; throws with a clear message if the file is missing or out of date. */
export function shippedAnswerModel(): AnswerModel {
  if (!shipped) {
    const parsed = answerModelSchema.safeParse(JSON.parse(readFileSync(SHIPPED_MODEL_URL, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`bot/answer/answer-model.json ${issue?.path.join('.')}: ${issue?.message}`);
    }
    shipped = parsed.data as AnswerModel;
  }
  return shipped;
}

const standardise = (part: LogisticPart, row: readonly number[]): number[] =>
  row.map((x, j) => (x - (part.mean[j] ?? 0)) / (part.scale[j] ?? 1));

export function probability(part: LogisticPart, row: readonly number[]): number {
  return sigmoid(linear(part.coefficients, standardise(part, row)));
}

/** The features that pushed this probability most, for `why`: "confidence +1.2, unknownWordShare -0.8". */
export function strongestReasons(part: LogisticPart, row: readonly number[], n = 3): string {
  const z = standardise(part, row);
  return z
    .map((x, j) => ({ name: part.features[j] ?? '?', push: x * (part.coefficients[j + 1] ?? 0) }))
    .sort((a, b) => Math.abs(b.push) - Math.abs(a.push))
    .slice(0, n)
    .map((r) => `${r.name} ${r.push >= 0 ? '+' : ''}${r.push.toFixed(1)}`)
    .join(', ');
}

export interface Example {
  row: number[];
  label: 0 | 1;
  /** 1 when absent. */
  weight?: number;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * Fits one part to examples. With `base`, its standardisation is kept and its weights are the prior; without,
 * the standardisation comes from the examples and the prior is zero.
 */
export function fitPart(
  names: readonly string[],
  examples: readonly Example[],
  options: { base?: LogisticPart; l2: number },
): LogisticPart {
  const d = names.length;
  let mean: number[];
  let scale: number[];
  if (options.base) {
    ({ mean, scale } = options.base);
  } else {
    mean = Array.from({ length: d }, (_, j) => avg(examples.map((e) => e.row[j] ?? 0)));
    scale = Array.from({ length: d }, (_, j) => {
      const m = mean[j] ?? 0;
      const sd = Math.sqrt(avg(examples.map((e) => ((e.row[j] ?? 0) - m) ** 2)));
      return sd > 1e-6 ? round(sd) : 1;
    });
    mean = mean.map(round);
  }
  const part: LogisticPart = { features: [...names], mean, scale, coefficients: [] };
  const fitted = fitLogistic(
    examples.map((e) => standardise(part, e.row)),
    examples.map((e) => e.label),
    {
      l2: options.l2,
      sampleWeights: examples.map((e) => e.weight ?? 1),
      ...(options.base ? { prior: options.base.coefficients } : {}),
    },
  );
  return { ...part, coefficients: fitted.coefficients.map(round) };
}

const avg = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
