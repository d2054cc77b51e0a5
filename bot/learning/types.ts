/**
 * What the bot learns from: signals recorded by the chat server (or simulated by the eval), always with the
 * citizen's text already redacted. Pure data, so the same learning code runs in the server and in eval/.
 */
export const SIGNAL_KINDS = ['choice', 'vote', 'rephrase', 'staff_label', 'fallback'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

export interface LearningSignal {
  kind: SignalKind;
  conversationId: string;
  /** A pseudonymous key for the citizen's client (a keyed hash of the address), for the flood guard. */
  client: string;
  /** The language the question was detected in (or the widget's). */
  lang: string;
  /** The citizen's question, redacted. */
  question: string;
  /**
   * choice: the file the citizen picked; vote and rephrase: the file that answered; staff_label: the file
   * staff said answers the chat; fallback: the best candidate below the answer threshold, if any.
   */
  fileId: string | null;
  /** vote only: 👍 (true) or 👎 (false). A rephrase is an implicit 👎. */
  helpful?: boolean | undefined;
  /** How the bot classified the question itself: its decision kind and handover or fallback reason. */
  questionKind: string;
  questionReason?: string | undefined;
  at: string;
}

export const DISMISS_REASONS = [
  'noise',
  'wrong_file',
  'personal',
  'not_a_question',
  'covered',
  'other',
] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

/** An editor's (or the auto-approval's) verdict on one inbox item, by its key. */
export interface LearningVerdict {
  key: string;
  action: 'approved' | 'dismissed';
  reason?: string | undefined;
  at: string;
}

/** The little the learning code needs to know about a knowledge file. */
export interface LearnableFile {
  id: string;
  title: string;
  lang: string;
  questions: readonly string[];
}

export interface WordingProposal {
  key: string;
  fileId: string;
  wording: string;
  lang: string;
  /** Signals behind it, after the guards. */
  count: number;
  /** Distinct conversations, each from a distinct client: what auto-approval counts. */
  conversations: number;
  sources: Partial<Record<SignalKind, number>>;
  lastAt: string;
}

export interface FileWordings {
  fileId: string;
  title: string;
  wordings: WordingProposal[];
}

export interface DownvotedAnswer {
  key: string;
  fileId: string;
  title: string;
  /** 👎 and implicit 👎 (rephrases), one per conversation. */
  count: number;
  conversations: number;
  /** `homes`: other files retrieval finds for the question, where the editor may move it (see homes.ts). */
  questions: { text: string; count: number; homes?: string[] | undefined }[];
  lastAt: string;
}

export interface HandedOverAnswerable {
  key: string;
  fileId: string;
  title: string;
  conversations: number;
  questions: { text: string; count: number }[];
  lastAt: string;
}

export interface UnansweredCluster {
  key: string;
  /** One key per question: dismissing the cluster dismisses each of them. */
  keys: string[];
  lang: string;
  /** Most frequent first. */
  questions: { text: string; count: number }[];
  count: number;
  conversations: number;
  /** The file retrieval found closest most often, if any: the editor may add the wordings there. */
  likelyFileId?: string | undefined;
  /** The files retrieval finds closest to the cluster's questions, best first (see homes.ts). */
  likelyFileIds?: string[] | undefined;
  lastAt: string;
}

export interface LearningInbox {
  wordings: FileWordings[];
  downvoted: DownvotedAnswer[];
  handedOver: HandedOverAnswerable[];
  unanswered: UnansweredCluster[];
  /** How many signals the guards kept out, by reason: editors see that filtering happened. */
  filtered: Record<string, number>;
}

export interface LearningOptions {
  /** A client with more signals than this in the window is a flood: all its signals are left out. */
  floodSignalsPerClient: number;
  /** Two unanswered questions share a cluster at this word overlap (Jaccard) or more. */
  clusterSimilarity: number;
  /** Questions outside these lengths never become wordings. */
  minChars: number;
  maxChars: number;
  /** Distinct unanswered questions per language that are clustered, most asked first. */
  maxClusterQuestions: number;
}

export const DEFAULT_LEARNING_OPTIONS: LearningOptions = {
  floodSignalsPerClient: 30,
  clusterSimilarity: 0.34,
  minChars: 4,
  maxChars: 300,
  maxClusterQuestions: 1000,
};
