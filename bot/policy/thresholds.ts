import { z } from 'zod';

/**
 * Every number decide() compares against. Confidences are the retriever's fused `Candidate.confidence` in
 * [0, 1]. Defaults are a reasoned starting point; calibrate them against the labelled set with
 * `npm run eval` and set the winners through the environment (SVAR_BOT_* below, read by the server's config
 * or the eval CLI and passed in as `BotConfig.thresholds`) or in policy.yaml under `thresholds:`.
 * Precedence: defaults < policy.yaml < BotConfig (environment).
 */
export interface Thresholds {
  /** A handover is routed to the best candidate's owner when that candidate reaches this. */
  queueMin: number;
  /** An out-of-scope word ("weather", "football") is overruled by a candidate this confident. */
  outOfScopeOverride: number;
  /** A message with at most this many content words can be a follow-up of the previous question. */
  followUpMaxWords: number;
  /** Follow-up: bonus for candidates sharing a tag with the last answered file. */
  followUpTagBoost: number;
  /** Follow-up: weight of min(message-alone, previous-question-alone) against the combined query (see follow-up.ts). */
  followUpBlend: number;
  /** Follow-up: penalty for the file just answered (the citizen asks about something else). */
  followUpRepeatPenalty: number;
  /**
   * Distress score (safety/signals/distress.ts: weighted distinct distress concepts plus boosts for first
   * person, the present, a child writing, a family member) at which a message is a crisis handover on its
   * own. Default 4.5: e.g. self-injury + bleeding + "again tonight", or a farewell + "not long left".
   */
  distressHighMin: number;
  /**
   * A distress score this high is a crisis handover when the bot has no confident answer anyway (it would
   * clarify or fall back): a false crisis costs a staff member a glance, a missed one can cost a life.
   * Default 2.5 with the concept weights of bot/safety/concepts/rules.yaml: one despair or danger concept on
   * its own (hopeless, a threat, bleeding), or a weaker one with a first person, "now" or a family member.
   */
  distressModerateMin: number;
  /**
   * From this distress score, below a crisis, the level is `uncertain`: when the bot has nothing to offer (no
   * answer, no suggestions) it checks in gently ("Er du trygg akkurat nå?") with the emergency numbers
   * instead of "I don't know". Default 2: with the corpus-era weights only the weaker signals fall in the band
   * below distressModerateMin (a plan, a missing person, sexual or domestic violence mentioned on their own);
   * despair itself is already a crisis handover, and the handover classifier takes most of the rest to a
   * person. A bare "alene" or "blod" is not enough.
   */
  distressCheckInMin: number;
  /**
   * The handover classifier (safety/classifier/) hands a message over when no rule did and its probability
   * that a person should take the message reaches this. Calibrated with `npm run eval` (each set scored by a
   * model trained without it): see bot/README.md. 1 turns the classifier off.
   */
  handoverModelMin: number;
  /**
   * Crisis as an asymmetric cost, on the classifier's P(crisis) alone (whatever reason is most likely): from
   * this probability a message is a crisis handover with the numbers, whether it would otherwise stay with the
   * bot or go to a person for another reason (a sensitive "mor har demens og er borte" is urgent); below it the
   * classifier never calls a crisis, even where crisis is its likeliest reason. From crisisCheckInMin a message
   * the bot has nothing for gets the gentle check-in with the numbers instead of "I don't know". Chosen on
   * leave-one-corpus-out figures (npm run train-handover -- --loco): at 0.4 a crisis on its own added 3 false
   * handovers in 3,659 ordinary corpus messages and caught 16 more crises of 1,168 (2026-12-08).
   */
  crisisUpgradeMin: number;
  crisisCheckInMin: number;
  /** Longer messages are not searched (asked to be shortened) unless a safety rule fires first. */
  maxMessageChars: number;
}

/**
 * Thresholds the answer model (bot/answer/) replaced: whether to answer, suggest or say there is no answer is
 * its probabilities against the operating points in policy.yaml `answers:`. A policy.yaml that still sets one
 * gets a warning, not an error, so an upgrade does not take a municipality's bot down.
 */
export const RETIRED_THRESHOLDS = [
  'answerMin',
  'marginMin',
  'clarifyMin',
  'clarifyBand',
  'clarifyMax',
  'clarifyMinOptions',
  'suggestAloneMin',
  'followUpAnswerMin',
  'languagePenalty',
  'unknownWordAnswerMin',
] as const;

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  queueMin: 0.5,
  outOfScopeOverride: 0.8,
  followUpMaxWords: 4,
  followUpTagBoost: 0.05,
  followUpBlend: 0.5,
  followUpRepeatPenalty: 0.1,
  distressHighMin: 4.5,
  distressModerateMin: 2.5,
  distressCheckInMin: 2,
  handoverModelMin: 0.7,
  crisisUpgradeMin: 0.4,
  crisisCheckInMin: 0.35,
  maxMessageChars: 1500,
});

const unit = z.number().min(0).max(1);
export const thresholdsSchema = z
  .object({
    queueMin: unit,
    outOfScopeOverride: unit,
    followUpMaxWords: z.int().min(0).max(20),
    followUpTagBoost: unit,
    followUpBlend: unit,
    followUpRepeatPenalty: unit,
    distressHighMin: z.number().min(0).max(50),
    distressModerateMin: z.number().min(0).max(50),
    distressCheckInMin: z.number().min(0).max(50),
    handoverModelMin: unit,
    crisisUpgradeMin: unit,
    crisisCheckInMin: unit,
    maxMessageChars: z.int().min(50).max(100_000),
  })
  .strict();

/** Environment variable for each threshold: answerMin → SVAR_BOT_ANSWER_MIN. */
export const THRESHOLD_ENV_VARS: Readonly<Record<keyof Thresholds, string>> = Object.freeze(
  Object.fromEntries(
    Object.keys(DEFAULT_THRESHOLDS).map((k) => [
      k,
      `SVAR_BOT_${k.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
    ]),
  ) as Record<keyof Thresholds, string>,
);

/**
 * Threshold overrides from environment variables (pass `process.env` from a config loader or CLI). Unset
 * variables are skipped; malformed ones are reported, not applied.
 */
export function thresholdsFromEnv(vars: Readonly<Record<string, string | undefined>>): {
  thresholds: Partial<Thresholds>;
  errors: string[];
} {
  const raw: Record<string, number> = {};
  const errors: string[] = [];
  for (const [key, name] of Object.entries(THRESHOLD_ENV_VARS)) {
    const value = vars[name];
    if (value === undefined || value.trim() === '') continue;
    const n = Number(value);
    if (Number.isFinite(n)) raw[key] = n;
    else errors.push(`${name}: not a number`);
  }
  const thresholds: Partial<Thresholds> = {};
  for (const [key, n] of Object.entries(raw) as [keyof Thresholds, number][]) {
    const check = thresholdsSchema.shape[key].safeParse(n);
    if (check.success) thresholds[key] = n;
    else errors.push(`${THRESHOLD_ENV_VARS[key]}: ${check.error.issues[0]?.message ?? 'invalid'}`);
  }
  return { thresholds, errors };
}

/** Defaults, then each layer's values on top. */
export function mergeThresholds(...layers: (Partial<Thresholds> | undefined)[]): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {}) as [keyof Thresholds, number | undefined][]) {
      if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    }
  }
  return out;
}
