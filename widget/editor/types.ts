import type { BotPayload } from '../../server/protocol.ts';

/** Shapes returned by server/editor/editor-routes.ts (knowledge/'s status, as JSON). */
export interface KnowledgeIssue {
  severity: 'error' | 'warning';
  code: string;
  path: string;
  line: number;
  message: string;
}

export interface KnowledgeStatus {
  mode: string;
  files: number;
  passages: number;
  errors: KnowledgeIssue[];
  warnings: KnowledgeIssue[];
  reviewsDue: { fileId: string; path: string; review: string }[];
  loadedAt: string;
  modelId?: string;
  notice?: string;
}

export interface ScorePart {
  score: number;
  rank: number;
}

export interface ExplainedCandidate {
  fileId: string;
  title: string;
  path: string;
  lang: string;
  kind: string;
  confidence: number;
  lexical?: ScorePart;
  dense?: ScorePart;
  why: string[];
  passage: { kind: string; heading?: string; text: string };
}

export interface ExplainedDecision {
  kind: string;
  lang: string;
  detectedLang: string;
  handoverReason?: string;
  fallbackReason?: string;
  fileId?: string;
  queue?: string;
  priority: string;
  retrievalMode?: string;
  why: string[];
  unanswered: boolean;
  redacted: string;
  reply: Omit<BotPayload, 'kind'>;
  candidates: ExplainedCandidate[];
}

export interface UnansweredQuestion {
  text: string;
  count: number;
  lastAt: string;
}
