import type { Retriever } from '../../knowledge/index.ts';
import { fitPart, probability, shippedAnswerModel } from './answer-model.ts';
import type { AnswerModel, Example } from './answer-model.ts';
import { FEATURE_NAMES, NONE_FEATURE_NAMES } from './features.ts';
import type { OperatingPoints } from './operating-points.ts';
import { orderAndNone } from './scoring.ts';
import { searchProbes } from './self-calibration.ts';
import { scopedProbes } from './scope-words.ts';
import type { ScopeWords } from './scope-words.ts';
import type { Probe } from './self-calibration.ts';

/**
 * Fits the answer model to the knowledge being served and the retrieval mode running (calibration from the
 * knowledge itself, self-calibration.ts). A pure function of the knowledge and the mode, cached on both, so a
 * server that rebuilds its environment on every knowledge change pays for it once per change.
 */

/** Below this many answerable probes the knowledge says too little: the shipped weights are used as they are. */
export const MIN_PROBES = 30;
/**
 * How strongly the shipped weights hold, in pseudo-examples: a knowledge with a few hundred questions moves
 * them clearly, one with thirty barely.
 */
export const PRIOR_STRENGTH = 300;

export interface Calibration {
  model: AnswerModel;
  mode: Retriever['mode'];
  /** Probes searched: answerable (own question left out) and near misses (own file left out). */
  answerable: number;
  nearMiss: number;
  /** Why the shipped weights were kept, when they were. */
  warning?: string;
  /** Kept for the expected-rate report. */
  probes: Probe[];
}

/** Both parts fitted to searched questions: the candidate part first, then the question-level part on it. */
export function fitAnswerModel(
  unscoped: readonly Probe[],
  options: { base?: AnswerModel; l2: number; source: string; scope?: ScopeWords },
): AnswerModel {
  // Records that carry no out-of-scope score of their own (a cross-fitted one) get the model's.
  const scope = options.scope ?? options.base?.scope;
  const records = scopedProbes(unscoped, scope);
  const candidateExamples: Example[] = records.flatMap((r) =>
    r.rows.map((row, i) => ({ row, label: i === r.right ? (1 as const) : (0 as const), weight: r.weight })),
  );
  const candidate = fitPart(FEATURE_NAMES, candidateExamples, {
    ...(options.base ? { base: options.base.candidate } : {}),
    l2: options.l2,
  });
  const noneExamples: Example[] = records.map((r) => ({
    row: orderAndNone(r.rows, candidate, r.facts).noneRow,
    label: r.kind === 'answerable' ? 1 : 0,
    weight: r.noneWeight ?? r.weight,
  }));
  const none = fitPart(NONE_FEATURE_NAMES, noneExamples, {
    ...(options.base ? { base: options.base.none } : {}),
    l2: options.l2,
  });
  return { candidate, none, ...(scope ? { scope } : {}), source: options.source };
}

const shift = (base: number[], refit: number[], reference: number[] | undefined): number[] =>
  base.map((b, i) => b + (refit[i] ?? 0) - (reference?.[i] ?? b));

/**
 * The shipped weights moved to one knowledge's probes. Probes are editors' wording; the shipped model's own
 * refit on its training knowledge's probes holds that bias, so only the difference between the two moves the
 * shipped weights.
 */
export function adjustToProbes(
  base: AnswerModel,
  probes: readonly Probe[],
  mode: Retriever['mode'],
): AnswerModel {
  const answerable = probes.filter((p) => p.kind === 'answerable').length;
  const refit = fitAnswerModel(probes, { base, l2: PRIOR_STRENGTH, source: '' });
  const reference = base.probeReference?.[mode] ?? base.probeReference?.lexical;
  return {
    candidate: {
      ...base.candidate,
      coefficients: shift(base.candidate.coefficients, refit.candidate.coefficients, reference?.candidate),
    },
    none: {
      ...base.none,
      coefficients: shift(base.none.coefficients, refit.none.coefficients, reference?.none),
    },
    ...(base.scope ? { scope: base.scope } : {}),
    source: `shipped weights adjusted to this knowledge (${answerable} answerable and ${probes.length - answerable} near-miss probes, ${mode})`,
  };
}

export async function calibrate(
  retriever: Retriever,
  base: AnswerModel = shippedAnswerModel(),
): Promise<Calibration> {
  const probes = await searchProbes(retriever);
  const answerable = probes.filter((p) => p.kind === 'answerable').length;
  const nearMiss = probes.length - answerable;
  const common = { mode: retriever.mode, answerable, nearMiss, probes };
  if (!retriever.leaveOut) {
    return { ...common, model: base, warning: 'this retriever cannot leave parts out: shipped weights used' };
  }
  if (answerable < MIN_PROBES) {
    return {
      ...common,
      model: base,
      warning: `the knowledge gives ${answerable} questions, titles and headings to calibrate on (fewer than ${MIN_PROBES}): shipped weights used; add alternative questions to the files`,
    };
  }
  // Titles and headings stand in for missing questions, but they say little about how citizens ask.
  const files = retriever.files();
  const without = files.filter((f) => f.questions.length === 0).length;
  const titlesOnly =
    without * 2 > files.length
      ? {
          warning: `${without} of ${files.length} files have no alternative questions, so the calibration leans on titles and headings: add questions to the files`,
        }
      : {};
  const model = adjustToProbes(base, probes, retriever.mode);
  return { ...common, model, ...titlesOnly };
}

const cache = new Map<string, Promise<Calibration>>();
const CACHE_SIZE = 8;

/** The knowledge's fingerprint: its files' content hashes and the retrieval mode. */
function fingerprint(retriever: Retriever): string {
  const files = retriever.files().map((f) => `${f.id}:${f.hash}`);
  files.sort();
  return `${retriever.mode}|${files.join(',')}`;
}

/** `base`: other weights than the shipped ones (the eval's reverse cross-knowledge run fits its own). */
export function calibrateCached(retriever: Retriever, base?: AnswerModel): Promise<Calibration> {
  if (!retriever.leaveOut) return calibrate(retriever, base);
  const key = `${fingerprint(retriever)}|${base?.source ?? 'shipped'}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = calibrate(retriever, base);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

export interface ExpectedRates {
  /** Answerable probes answered directly with the right file. */
  directAnswer: number;
  /** Probes (answerable and near misses) answered with a wrong file. */
  wrongAnswer: number;
  /** Near misses told "I have no answer". */
  noAnswer: number;
}

/** What the operating points give on the knowledge's own probes (optimistic: editors' wording, not citizens'). */
export function expectedRates(calibration: Calibration, points: OperatingPoints): ExpectedRates {
  let direct = 0;
  let wrong = 0;
  let none = 0;
  let answerable = 0;
  const { model } = calibration;
  for (const probe of scopedProbes(calibration.probes, model.scope)) {
    const { order, ps, noneRow } = orderAndNone(probe.rows, model.candidate, probe.facts);
    const pTop = ps[0] ?? 0;
    const pNone = 1 - probability(model.none, noneRow);
    if (probe.kind === 'answerable') answerable += 1;
    if (pTop >= points.answerAt) {
      if (order[0] === probe.right) direct += 1;
      else wrong += 1;
    } else if (probe.kind === 'near-miss' && pNone >= points.noAnswerAt) none += 1;
  }
  const nearMiss = calibration.probes.length - answerable;
  return {
    directAnswer: answerable === 0 ? 0 : direct / answerable,
    wrongAnswer: calibration.probes.length === 0 ? 0 : wrong / calibration.probes.length,
    noAnswer: nearMiss === 0 ? 0 : none / nearMiss,
  };
}
