/**
 * The knowledge layer's public types. `bot/` depends on these types only, so they must stay free of
 * implementation details (no hnswlib, no MiniSearch, no file system).
 */

export const LANGS = ['nb', 'nn', 'da', 'en', 'sv'] as const;
export type Lang = (typeof LANGS)[number];

/** An FAQ answers one question; a guide is a longer page split into passages by its `##` sections. */
export type KnowledgeKind = 'faq' | 'guide';

export interface KnowledgeFile {
  /** kebab-case, equals the file name without `.md`, unique across the knowledge folder. */
  id: string;
  /** Path relative to the knowledge folder, with forward slashes. */
  path: string;
  title: string;
  lang: Lang;
  tags: string[];
  /** Other ways citizens ask it: the editor's `questions`, then the `learned` wordings editors approved. */
  questions: string[];
  /** Self-service form or page (http/https). */
  link?: string;
  /** Department that owns the content; routes handovers. */
  owner?: string;
  /** ISO date (YYYY-MM-DD) when the content must be checked again. */
  review?: string;
  kind: KnowledgeKind;
  /** The Markdown body as the editor wrote it (front matter removed). */
  body: string;
  /** Line in the source file where the body starts (1-based), for error messages. */
  bodyLine: number;
  passages: Passage[];
  /** sha256 of the raw file content; drives incremental rebuilds. */
  hash: string;
}

export type PassageKind = 'title' | 'question' | 'body';

export interface Passage {
  /** `${fileId}#${index}` — stable for unchanged files. */
  id: string;
  fileId: string;
  kind: PassageKind;
  /** For guide passages: the `##` heading the passage sits under. */
  heading?: string;
  /** Plain text used for indexing (heading included for guide passages). */
  text: string;
  /** For body passages: the Markdown to show the citizen. */
  markdown?: string;
}

export type IssueSeverity = 'error' | 'warning';

/** Stable codes so editors' tooling and tests can rely on them. */
export type KnowledgeIssueCode =
  | 'yaml_invalid'
  | 'front_matter_missing'
  | 'field_invalid'
  | 'field_unknown'
  | 'id_missing'
  | 'id_duplicate'
  | 'id_filename_mismatch'
  | 'lang_unknown'
  | 'body_empty'
  | 'link_invalid'
  | 'review_passed'
  | 'question_duplicate'
  | 'file_too_large'
  | 'file_unreadable'
  | 'glossary_invalid'
  | 'policy_invalid';

export interface KnowledgeIssue {
  severity: IssueSeverity;
  code: KnowledgeIssueCode;
  /** Path relative to the knowledge folder. */
  path: string;
  /** 1-based line number. */
  line: number;
  message: string;
}

/** Groups of words that mean the same thing across languages, e.g. barnehage = børnehave = kindergarten. */
export interface Glossary {
  groups: string[][];
}

export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

export interface ScorePart {
  /** Raw score from that retriever (BM25 score or cosine similarity). */
  score: number;
  /** 1-based rank of the file in that retriever's list. */
  rank: number;
  /** Lexical only: IDF-weighted share of the question's words the file matched (typos and glossary in part). */
  coverage?: number;
  /** Lexical only: the file matched through a glossary word (a synonym or a translation). */
  glossary?: boolean;
}

export interface Candidate {
  fileId: string;
  title: string;
  lang: Lang;
  kind: KnowledgeKind;
  link?: string;
  owner?: string;
  path: string;
  /** Fused confidence in [0, 1]; the bot thresholds on this. */
  confidence: number;
  lexical?: ScorePart;
  dense?: ScorePart;
  /** The passage that matched best (for a guide: the section to show). */
  passage: Passage;
  /** Human-readable reasons: matched terms, glossary expansions, passage kinds. */
  why: string[];
}

export interface RetrievalResult {
  query: string;
  mode: RetrievalMode;
  /** Best first. */
  candidates: Candidate[];
  /** Query terms after analysis and glossary expansion, for explanations. */
  terms: string[];
  /**
   * Words of the question (five letters or more, no digits) that the knowledge never uses: not in any
   * spelling, typo or compound part, nor through the glossary. Lexical analysis, in every mode.
   */
  unknownWords: string[];
}

export interface SearchOptions {
  limit?: number;
  /** Language hint for query analysis (stemmer choice). */
  lang?: Lang;
}

/** Parts of the knowledge to leave out of a search, for the bot's calibration from the knowledge itself. */
export interface LeaveOut {
  /** Files left out entirely. */
  files: readonly string[];
  /** Alternative questions left out, by file id and index in `KnowledgeFile.questions`. */
  questions: readonly { fileId: string; index: number }[];
}

/** What the bot needs from knowledge: search plus look-ups. */
export interface Retriever {
  readonly mode: RetrievalMode;
  search(query: string, options?: SearchOptions): Promise<RetrievalResult>;
  file(id: string): KnowledgeFile | undefined;
  files(): readonly KnowledgeFile[];
  /**
   * The same search over the knowledge without some files and questions, as if they had never been written
   * (a fresh lexical index of the rest; dense hits of the left-out passages dropped). Optional: a retriever
   * without it gives the bot nothing to calibrate on.
   */
  leaveOut?(parts: LeaveOut): Pick<Retriever, 'search' | 'mode'>;
}
