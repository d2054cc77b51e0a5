import { z } from 'zod';

/**
 * The three outcomes' operating points, each one setting in policy.yaml under `answers:` (probabilities from
 * the answer model, answer-model.ts):
 *
 * ```yaml
 * answers:
 *   answerAt: 0.6     # answer directly when P(the top file answers) reaches this
 *   noAnswerAt: 0.6   # say "I have no answer to that" when P(no file answers) reaches this
 *   suggestAt: 0.05   # otherwise offer the files with at least this P (2–3), and as related links
 * ```
 *
 * Raising answerAt trades direct answers for fewer wrong ones; raising noAnswerAt gives more suggestions and
 * fewer honest "no answer"s. Defaults chosen on the public sets over knowledge/sample (all tuning sets) for
 * wrong answers near 2 % of answer and fallback questions. `npm run knowledge -- build` prints what the current points give on the
 * knowledge's own questions.
 */
export interface OperatingPoints {
  /**
   * 'model' (default): the answer model and these points. 'rules': the hand-set thresholds of before
   * (bot/policy/thresholds.ts), kept for comparison until the model has proved itself on unseen knowledge.
   */
  engine: 'model' | 'rules';
  answerAt: number;
  noAnswerAt: number;
  suggestAt: number;
}

export const DEFAULT_OPERATING_POINTS: Readonly<OperatingPoints> = Object.freeze({
  engine: 'model',
  answerAt: 0.6,
  noAnswerAt: 0.6,
  suggestAt: 0.05,
});

const probability = z.number().min(0).max(1);
export const operatingPointsSchema = z
  .object({
    engine: z.enum(['model', 'rules']),
    answerAt: probability,
    noAnswerAt: probability,
    suggestAt: probability,
  })
  .partial()
  .strict();
