import { z } from 'zod';
import type { QueryFacts } from './features.ts';
import type { Probe } from './self-calibration.ts';

/**
 * What municipal FAQs do not answer, learnt from labelled questions (issue 14, "I have no answer"): a naive
 * Bayes word model of the questions other municipalities' knowledge had no file for (another authority's
 * rules — income tax, pensions, passports, residence permits —, private businesses, personal finance, the
 * weather, requests to ignore the instructions) against the ones it answered. The question's words say this
 * before any file is searched; the answer model weighs it against what retrieval found, so a municipality
 * whose knowledge does have a file on such a topic still answers from it.
 *
 * The word weights are part of the answer model (answer-model.json, `scope`), fitted by `npm run
 * train-answers` on the labelled sets. The answer model's own weights are fitted on scores *cross-fitted* on
 * other folders (or folds) than the question's, never on a score that saw the question (see
 * eval/answer-training.ts), so the model learns how far the score can be trusted on new text.
 */

export const SCOPE_NONE_FEATURE_NAMES = ['outOfScopeWords'] as const;

/**
 * Words meet on their first seven letters, a poor man's stemmer that needs no language: skattemeldingen ~
 * skattemelding, pensionen ~ pension, barnehagen ~ barnehage. Five, six and seven letters separated "no file
 * answers" equally well under leave one municipality out; seven keeps more of a compound's specific part.
 */
const STEM = 7;
export function stemOf(word: string): string {
  return word.slice(0, STEM);
}

/** Laplace smoothing, in counts. */
const ALPHA = 1;
/** A stem seen in fewer labelled questions than this says more about those questions than about scope. */
const MIN_COUNT = 2;

export const scopeWordsSchema = z
  .object({
    /** Stem → log P(stem | no file answers) − log P(stem | a file answers). */
    weights: z.record(z.string(), z.number()),
    /** Questions it was fitted on. */
    questions: z.number().int().nonnegative(),
  })
  .strict();
export type ScopeWords = z.infer<typeof scopeWordsSchema>;

export interface ScopeExample {
  words: readonly string[];
  outOfScope: boolean;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export function fitScopeWords(examples: readonly ScopeExample[]): ScopeWords {
  const counts = new Map<string, [number, number]>();
  let out = 0;
  let inScope = 0;
  for (const e of examples) {
    if (e.outOfScope) out += 1;
    else inScope += 1;
    for (const stem of new Set(e.words.map(stemOf))) {
      const c = counts.get(stem) ?? [0, 0];
      c[e.outOfScope ? 0 : 1] += 1;
      counts.set(stem, c);
    }
  }
  const weights: Record<string, number> = {};
  const stems = [...counts.keys()].sort();
  for (const stem of stems) {
    const [a, b] = counts.get(stem) ?? [0, 0];
    if (a + b < MIN_COUNT) continue;
    const w = Math.log((a + ALPHA) / (out + 2 * ALPHA)) - Math.log((b + ALPHA) / (inScope + 2 * ALPHA));
    if (Math.abs(w) >= 1e-3) weights[stem] = round(w);
  }
  return { weights, questions: examples.length };
}

/** Sum of the question's stems' weights: above 0 leans to "no file answers", below to "a file does". */
export function scopeScore(scope: ScopeWords | undefined, words: readonly string[]): number {
  if (!scope) return 0;
  let z = 0;
  for (const stem of new Set(words.map(stemOf))) z += scope.weights[stem] ?? 0;
  return z;
}

/** The facts with the question's out-of-scope score, unless they already carry one (a cross-fitted one). */
export function withScope(facts: QueryFacts, scope: ScopeWords | undefined): QueryFacts {
  return facts.scopeScore !== undefined ? facts : { ...facts, scopeScore: scopeScore(scope, facts.words) };
}

/** Searched questions scored by `scope` (copies: records are shared between folds). */
export function scopedProbes(records: readonly Probe[], scope: ScopeWords | undefined): Probe[] {
  return records.map((r) => ({ ...r, facts: withScope(r.facts, scope) }));
}

export function scopeNoneFeatures(facts: QueryFacts): number[] {
  return [facts.scopeScore ?? 0];
}
