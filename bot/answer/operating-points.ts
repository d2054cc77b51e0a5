import { z } from 'zod';

/**
 * The three outcomes' operating points, each one setting in policy.yaml under `answers:` (probabilities from
 * the answer model, answer-model.ts):
 *
 * ```yaml
 * answers:
 *   answerAt: 0.7     # answer directly when P(the top file answers) reaches this
 *   noAnswerAt: 0.7   # say "I have no answer to that" when P(no file answers) reaches this
 *   suggestAt: 0.05   # otherwise offer the files with at least this P (2–3), and as related links
 * ```
 *
 * Raising answerAt trades direct answers for fewer wrong ones; raising noAnswerAt gives more suggestions and
 * fewer honest "no answer"s. The defaults were chosen after kommune-a's first run (eval/results), on the
 * public sets over knowledge/sample and on kommune-a, both tuning sets by then: wrong answers about 2 % of
 * the answer and fallback questions over the sample knowledge. `npm run knowledge -- build` prints what the
 * current points give on the knowledge's own questions.
 */
export interface OperatingPoints {
  answerAt: number;
  noAnswerAt: number;
  suggestAt: number;
}

export const DEFAULT_OPERATING_POINTS: Readonly<OperatingPoints> = Object.freeze({
  answerAt: 0.7,
  noAnswerAt: 0.7,
  suggestAt: 0.05,
});

const probability = z.number().min(0).max(1);
export const operatingPointsSchema = z
  .object({
    answerAt: probability,
    noAnswerAt: probability,
    suggestAt: probability,
  })
  .partial()
  .strict();
