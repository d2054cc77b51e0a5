import { z } from 'zod';

/**
 * Every number decide() compares against. Confidences are the retriever's fused `Candidate.confidence` in
 * [0, 1]. Defaults are a reasoned starting point; calibrate them against the labelled set with
 * `npm run eval` and set the winners through the environment (SVAR_BOT_* below, read by the server's config
 * or the eval CLI and passed in as `BotConfig.thresholds`) or in policy.yaml under `thresholds:`.
 * Precedence: defaults < policy.yaml < BotConfig (environment).
 */
export interface Thresholds {
  /** Top candidate must reach this to be given as an answer. */
  answerMin: number;
  /** …and lead the runner-up by this much; otherwise the close ones are offered (clarify). */
  marginMin: number;
  /** Candidates below this are never offered as suggestions. */
  clarifyMin: number;
  /** A suggestion must be within this distance of the top candidate. */
  clarifyBand: number;
  /** At most this many suggestions (2–3 reads well as buttons). */
  clarifyMax: number;
  /** Fewer close candidates than this → no clarify (fallback no_match, or answer if the top one is strong). */
  clarifyMinOptions: number;
  /**
   * A lone candidate between this and answerMin is offered as a single suggestion. 0.4 since 4 December (was
   * 0.45): a lone middling match is more often the right file than nothing (bot/README.md).
   */
  suggestAloneMin: number;
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
  /**
   * answerMin for follow-up scores, which run lower than plain confidences: the answer to "og for SFO?" covers
   * only part of "previous question + message" by design.
   */
  followUpAnswerMin: number;
  /** Follow-up: penalty for the file just answered (the citizen asks about something else). */
  followUpRepeatPenalty: number;
  /**
   * Penalty for a candidate in another language than the message (half for nb vs nn), applied only when a
   * candidate in the citizen's language is within this distance, so that of two near-equal translations the
   * citizen's own wins. Small, because the lexical index already favours the citizen's language; larger
   * values let a general page in the citizen's language beat the right file in another (bot/README.md).
   */
  languagePenalty: number;
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
   * Lexical mode: an answer to a question with a word the knowledge never uses ("hund", "kommunalvalg") is
   * given only from this confidence up; below it the close files are offered as suggestions. Calibrated on all
   * seven public sets (4 December): 0.7 took wrong answers from 2.1 to 1.3 % for 3.5 points of direct
   * answers; 1 would make every such answer a suggestion (wrong 1.0 %, direct answers 36 % instead of 48 %).
   */
  unknownWordAnswerMin: number;
  /**
   * The handover classifier (safety/classifier/) hands a message over when no rule did and its probability
   * that a person should take the message reaches this. Calibrated with `npm run eval` (each set scored by a
   * model trained without it): see bot/README.md. 1 turns the classifier off.
   */
  handoverModelMin: number;
  /** Longer messages are not searched (asked to be shortened) unless a safety rule fires first. */
  maxMessageChars: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  answerMin: 0.55,
  marginMin: 0.55,
  clarifyMin: 0.3,
  clarifyBand: 0.6,
  clarifyMax: 3,
  clarifyMinOptions: 2,
  suggestAloneMin: 0.4,
  queueMin: 0.5,
  outOfScopeOverride: 0.8,
  followUpMaxWords: 4,
  followUpTagBoost: 0.05,
  followUpBlend: 0.5,
  followUpAnswerMin: 0.4,
  followUpRepeatPenalty: 0.1,
  languagePenalty: 0.05,
  unknownWordAnswerMin: 0.7,
  distressHighMin: 4.5,
  distressModerateMin: 2.5,
  distressCheckInMin: 2,
  handoverModelMin: 0.7,
  maxMessageChars: 1500,
});

const unit = z.number().min(0).max(1);
export const thresholdsSchema = z
  .object({
    answerMin: unit,
    marginMin: unit,
    clarifyMin: unit,
    clarifyBand: unit,
    clarifyMax: z.int().min(1).max(5),
    clarifyMinOptions: z.int().min(1).max(5),
    suggestAloneMin: unit,
    queueMin: unit,
    outOfScopeOverride: unit,
    followUpMaxWords: z.int().min(0).max(20),
    followUpTagBoost: unit,
    followUpBlend: unit,
    followUpAnswerMin: unit,
    followUpRepeatPenalty: unit,
    languagePenalty: unit,
    unknownWordAnswerMin: unit,
    distressHighMin: z.number().min(0).max(50),
    distressModerateMin: z.number().min(0).max(50),
    distressCheckInMin: z.number().min(0).max(50),
    handoverModelMin: unit,
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
