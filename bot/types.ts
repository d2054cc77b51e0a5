import type { Candidate, Lang, RetrievalMode } from '../knowledge/index.ts';

/** Languages the bot writes replies in. Swedish questions are answered in Bokmål texts. */
export const REPLY_LANGS = ['nb', 'nn', 'da', 'en'] as const;
export type ReplyLang = (typeof REPLY_LANGS)[number];

export const HANDOVER_REASONS = [
  'crisis',
  'pii',
  'personal',
  'complaint',
  'sensitive',
  'human_request',
] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

export const FALLBACK_REASONS = ['no_match', 'out_of_scope', 'injection', 'gibberish'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/**
 * `check_in`: distress is uncertain and the bot has no confident answer, so it asks gently whether the
 * citizen is safe and shows the emergency numbers, without handing over.
 */
export type DecisionKind = 'answer' | 'clarify' | 'handover' | 'fallback' | 'smalltalk' | 'check_in';

/**
 * How worried the bot is, from the distress score (safety/signals/distress.ts) and its thresholds. Stable
 * for callers whatever the score's scale: `crisis` hands over, `uncertain` may check in.
 */
export const DISTRESS_LEVELS = ['none', 'uncertain', 'crisis'] as const;
export type DistressLevel = (typeof DISTRESS_LEVELS)[number];

export interface Suggestion {
  fileId: string;
  title: string;
}

export interface EmergencyNumber {
  label: string;
  number: string;
  /** Label per reply language; `label` is used where one is missing. */
  labels?: Partial<Record<ReplyLang, string>>;
  /** For a municipality's 24-hour services: when or for whom they answer. */
  note?: string;
}

/** What the citizen sees. `text` is Markdown written by an editor or taken from the per-language texts. */
export interface BotReply {
  text: string;
  source?: { fileId: string; title: string; path: string };
  link?: string;
  suggestions?: Suggestion[];
  /** With an answer: at most two other files close to the question, in the citizen's language. */
  related?: Suggestion[];
  emergency?: EmergencyNumber[];
  /** Show "was this helpful?" */
  askFeedback: boolean;
}

export interface Decision {
  kind: DecisionKind;
  /** Language of the reply. */
  lang: ReplyLang;
  /** Language detected for the message (may be `sv`). */
  detectedLang: Lang;
  reply: BotReply;
  handoverReason?: HandoverReason;
  fallbackReason?: FallbackReason;
  /** The answered file, for answer decisions. */
  fileId?: string;
  /** Department queue to route a handover to (owner of the best-matching file), if known. */
  queue?: string;
  priority: 'urgent' | 'normal';
  /** Top retrieval candidates behind the decision (trimmed), for logs and explanations. */
  candidates: Candidate[];
  retrievalMode?: RetrievalMode;
  /** Plain explanations of why this decision was taken (rules fired, thresholds). */
  why: string[];
  /** The message with IDs, phone numbers, e-mail addresses and case numbers replaced by typed placeholders. */
  redacted: string;
  /** True when the question should appear in editors' "unanswered" list. */
  unanswered: boolean;
  /** The distress level of the message, when the safety checks got that far. */
  distress?: DistressLevel;
}

export interface Turn {
  role: 'citizen' | 'bot' | 'agent';
  text: string;
  /** For bot turns. */
  decision?: Pick<Decision, 'kind' | 'fileId' | 'lang'>;
}

export interface ConversationContext {
  /** Language chosen in the widget, used for short or ambiguous messages. */
  widgetLang?: ReplyLang;
  /** Earlier turns, oldest first (may be trimmed by the caller). */
  history: Turn[];
}
