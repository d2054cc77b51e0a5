import type { KnowledgeIssue, Retriever } from '../knowledge/index.ts';
import type { AnswerModel } from './answer/answer-model.ts';
import { calibrateCached } from './answer/calibrate.ts';
import type { Calibration } from './answer/calibrate.ts';
import { DEFAULT_OPERATING_POINTS } from './answer/operating-points.ts';
import type { OperatingPoints } from './answer/operating-points.ts';
import { detectLanguage } from './language/detect-language.ts';
import type { LanguageGuess } from './language/detect-language.ts';
import { DEFAULT_EMERGENCY } from './policy/emergency.ts';
import type { Country } from './policy/emergency.ts';
import { parsePolicy, POLICY_PATH } from './policy/policy-file.ts';
import { mergeThresholds } from './policy/thresholds.ts';
import type { Thresholds } from './policy/thresholds.ts';
import { builtInHandoverModel } from './safety/classifier/built-in.ts';
import type { HandoverModel } from './safety/classifier/handover-model.ts';
import { compileLexicon } from './safety/lexicons.ts';
import type { CompiledLexicon } from './safety/lexicons.ts';
import type { EmergencyNumber, ReplyLang } from './types.ts';

export interface BotConfig {
  /** Overrides on top of policy.yaml's and the defaults (see bot/policy/thresholds.ts). */
  thresholds?: Partial<Thresholds>;
  /** Replaces a country's built-in emergency numbers. */
  emergency?: Partial<Record<Country, EmergencyNumber[]>>;
  /** Which country's emergency numbers crisis replies show. Default 'no'. */
  country?: Country;
  municipalityName?: string;
  /** Operating points on top of policy.yaml's `answers:` and the defaults (bot/answer/operating-points.ts). */
  answers?: Partial<OperatingPoints>;
  /** Answer model weights to calibrate from instead of the shipped ones (answer-model.json). */
  answerModel?: AnswerModel;
}

export type LanguageDetector = (text: string, widgetLang?: ReplyLang) => Promise<LanguageGuess>;

/** Everything decide() needs, prepared once (and again when the knowledge or policy.yaml reloads). */
export interface BotEnvironment {
  readonly retriever: Retriever;
  readonly thresholds: Readonly<Thresholds>;
  readonly lexicon: CompiledLexicon;
  readonly country: Country;
  /** Emergency numbers of `country`. */
  readonly emergency: readonly EmergencyNumber[];
  readonly municipalityName?: string;
  readonly detectLanguage: LanguageDetector;
  /** Learned safety net under the handover rules; absent when turned off. */
  readonly handoverModel?: HandoverModel;
  /** The answer model fitted to this knowledge and mode, and the three outcomes' operating points. */
  readonly answers: {
    readonly model: AnswerModel;
    readonly points: Readonly<OperatingPoints>;
    readonly calibration: Calibration;
  };
}

export async function createBotEnvironment(o: {
  retriever: Retriever;
  config?: BotConfig;
  policyText?: string;
  /** For tests that need a fixed language; defaults to fastText plus marker words. */
  detectLanguage?: LanguageDetector;
  /** Defaults to the built-in model; `null` runs the rules alone (the eval harness passes held-out models). */
  handoverModel?: HandoverModel | null;
}): Promise<{ env: BotEnvironment; issues: KnowledgeIssue[] }> {
  const policy = parsePolicy(o.policyText);
  const country = o.config?.country ?? 'no';
  const detect = o.detectLanguage ?? detectLanguage;
  // Load the language model now rather than on the first citizen's message.
  await detect('hei', 'nb');
  const handoverModel = o.handoverModel === undefined ? await builtInHandoverModel() : o.handoverModel;
  // Cached on the knowledge's content and the retrieval mode, so a rebuild with nothing changed is free.
  const calibration = await calibrateCached(o.retriever, o.config?.answerModel);
  const points: OperatingPoints = { ...DEFAULT_OPERATING_POINTS, ...policy.answers, ...o.config?.answers };
  const env: BotEnvironment = {
    retriever: o.retriever,
    thresholds: Object.freeze(mergeThresholds(policy.thresholds, o.config?.thresholds)),
    lexicon: compileLexicon([
      { origin: POLICY_PATH, lists: policy.lists, concepts: policy.concepts, veto: policy.veto },
    ]),
    country,
    emergency: o.config?.emergency?.[country] ?? DEFAULT_EMERGENCY[country],
    ...(o.config?.municipalityName ? { municipalityName: o.config.municipalityName } : {}),
    detectLanguage: detect,
    ...(handoverModel ? { handoverModel } : {}),
    answers: { model: calibration.model, points: Object.freeze(points), calibration },
  };
  return { env, issues: policy.issues };
}
