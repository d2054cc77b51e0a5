export * from './types.ts';
export { createBotEnvironment } from './environment.ts';
export { parsePolicy } from './policy/policy-file.ts';
export type { BotConfig, BotEnvironment, LanguageDetector } from './environment.ts';
export { decide, decideChoice } from './decide.ts';
export { greeting } from './greeting.ts';
export { texts, fill, TEXT_KEYS } from './texts/index.ts';
export type { BotTexts, TextKey } from './texts/index.ts';
export { redact } from './safety/redact.ts';
export {
  DEFAULT_THRESHOLDS,
  RETIRED_THRESHOLDS,
  THRESHOLD_ENV_VARS,
  thresholdsFromEnv,
} from './policy/thresholds.ts';
export type { Thresholds } from './policy/thresholds.ts';
export { DEFAULT_EMERGENCY } from './policy/emergency.ts';
export type { Country } from './policy/emergency.ts';
export { detectLanguage } from './language/detect-language.ts';
export type { LanguageGuess } from './language/detect-language.ts';
export { trainHandoverModel } from './safety/classifier/train.ts';
export type { TrainingExample, TrainingOptions } from './safety/classifier/train.ts';
export { classify, parseHandoverModel, MODEL_CLASSES } from './safety/classifier/handover-model.ts';
export { foldedWords } from './text/normalize.ts';
export { fitScopeWords, scopedProbes, scopeScore } from './answer/scope-words.ts';
export type { ScopeExample, ScopeWords } from './answer/scope-words.ts';
export type { HandoverModel, ModelClass } from './safety/classifier/handover-model.ts';
export { BUILT_IN_MODEL_PATH } from './safety/classifier/built-in.ts';
export { candidateFeatures, queryFacts, FEATURE_NAMES } from './answer/features.ts';
export { readAnswerModel, SHIPPED_MODEL_URL, shippedAnswerModel } from './answer/answer-model.ts';
export { probability } from './answer/answer-model.ts';
export { orderAndNone } from './answer/scoring.ts';
export type { AnswerModel } from './answer/answer-model.ts';
export {
  adjustToProbes,
  calibrate,
  calibrateCached,
  expectedRates,
  fitAnswerModel,
  MIN_PROBES,
  PRIOR_STRENGTH,
} from './answer/calibrate.ts';
export type { Calibration, ExpectedRates } from './answer/calibrate.ts';
export { searchProbes } from './answer/self-calibration.ts';
export type { Probe } from './answer/self-calibration.ts';
export { DEFAULT_OPERATING_POINTS } from './answer/operating-points.ts';
export type { OperatingPoints } from './answer/operating-points.ts';
export { checkSafety } from './safety/check.ts';
export { distressLevel } from './safety/signals/distress-level.ts';
// Learning from citizens and staff (issue 17): signals → proposals for editors, and approved wordings.
export * from './learning/index.ts';
export { botBuiltIns } from './built-ins.ts';
