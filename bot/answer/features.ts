import type { Candidate, KnowledgeFile, Lang, RetrievalMode } from '../../knowledge/index.ts';
import { foldedWords } from '../text/normalize.ts';
import { contentWords } from '../text/stopwords.ts';
import { SCOPE_NONE_FEATURE_NAMES, scopeNoneFeatures } from './scope-words.ts';

/**
 * What the answer model sees of one candidate. Every feature is a property of the question and the retrieval
 * result, never of a particular knowledge base (no file ids, no words), so weights learnt on one
 * municipality's knowledge carry over to another's.
 */
export const FEATURE_NAMES = [
  'confidence',
  'leadOverBestOther',
  'reciprocalRank',
  'lexicalCoverage',
  'titleQuestionCoverage',
  'bodyCoverage',
  'unknownWordShare',
  'glossaryMatch',
  'faq',
  'languageMatch',
  'foreignWithRival',
  'denseAgreement',
  'denseOnly',
  'contentWordsLog',
  'crowding',
  'confidenceTimesLead',
  'coverageTimesTitleQuestion',
  'runnerUpRatio',
  'unknownTimesConfidence',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** How many candidates the model looks at: deeper ones are almost never the answer. */
export const MODEL_DEPTH = 5;

export interface QueryFacts {
  /** Folded content words of the question as searched. */
  words: readonly string[];
  lang: Lang;
  mode: RetrievalMode;
  /** The question's words the knowledge never uses (RetrievalResult.unknownWords). */
  unknownWords: readonly string[];
  /** How much the question's words lean to "no municipal file answers this" (scope-words.ts); 0 when unset. */
  scopeScore?: number;
}

/** Words shorter than this are too often abbreviations or noise to say what a question is about. */
const MIN_WORD = 3;
/** Words meet on their first letters, a poor man's stemmer that needs no language: søknad ~ søknaden. */
const PREFIX = 5;
const key = (word: string): string => word.slice(0, PREFIX);

const family = (lang: Lang): string => (lang === 'nn' ? 'nb' : lang);
const SCANDINAVIAN: ReadonlySet<Lang> = new Set(['nb', 'nn', 'da', 'sv']);
/** 1 for the citizen's language, ½ for a neighbouring Scandinavian one (they read each other), 0 across English. */
function languageMatch(file: Lang, question: Lang): number {
  if (family(file) === family(question)) return 1;
  return SCANDINAVIAN.has(file) && SCANDINAVIAN.has(question) ? 0.5 : 0;
}

export function queryFacts(
  text: string,
  lang: Lang,
  mode: RetrievalMode,
  unknownWords: readonly string[],
): QueryFacts {
  const words = [...new Set(contentWords(foldedWords(text)).filter((w) => w.length >= MIN_WORD))];
  return { words, lang, mode, unknownWords };
}

interface WordKeys {
  head: Set<string>;
  body: Set<string>;
}
const keysOfFile = new WeakMap<KnowledgeFile, WordKeys>();
const keysOfText = new Map<string, Set<string>>();
const TEXT_CACHE = 4096;

function keysOf(text: string): Set<string> {
  let keys = keysOfText.get(text);
  if (!keys) {
    keys = new Set(contentWords(foldedWords(text)).map(key));
    if (keysOfText.size >= TEXT_CACHE) keysOfText.clear();
    keysOfText.set(text, keys);
  }
  return keys;
}

/** Title and questions (for a guide: title and the matched section's heading), and the text shown. */
function wordKeys(candidate: Candidate, file: KnowledgeFile | undefined): WordKeys {
  if (!file) return { head: keysOf(candidate.title), body: keysOf(candidate.passage.text) };
  if (file.kind === 'guide') {
    return {
      head: keysOf(`${file.title} ${candidate.passage.heading ?? ''}`),
      body: keysOf(candidate.passage.text),
    };
  }
  let keys = keysOfFile.get(file);
  if (!keys) {
    keys = { head: keysOf([file.title, ...file.questions].join(' ')), body: keysOf(file.body) };
    keysOfFile.set(file, keys);
  }
  return keys;
}

/** A question's word keys, cut once: they are compared with every candidate's, several times each. */
const keysOfWords = new WeakMap<readonly string[], string[]>();
function wordKeysOf(words: readonly string[]): string[] {
  let keys = keysOfWords.get(words);
  if (!keys) keysOfWords.set(words, (keys = words.map(key)));
  return keys;
}

const share = (words: readonly string[], keys: Set<string>): number =>
  words.length === 0 ? 0 : wordKeysOf(words).filter((k) => keys.has(k)).length / words.length;

/** One feature row per candidate, in `FEATURE_NAMES` order, for the first `MODEL_DEPTH` candidates. */
export function candidateFeatures(
  candidates: readonly Candidate[],
  facts: QueryFacts,
  fileOf: (id: string) => KnowledgeFile | undefined,
): number[][] {
  const top = candidates.slice(0, MODEL_DEPTH);
  const unknownShare =
    facts.words.length === 0 ? 0 : Math.min(1, facts.unknownWords.length / facts.words.length);
  const contentWordsLog = Math.log1p(facts.words.length);
  return top.map((c, i) => {
    const bestOther = Math.max(0, ...top.filter((_, j) => j !== i).map((o) => o.confidence));
    const keys = wordKeys(c, fileOf(c.fileId));
    const lexRank = c.lexical?.rank;
    const denseRank = c.dense?.rank;
    const agreement =
      lexRank !== undefined && denseRank !== undefined ? 1 / (1 + Math.abs(lexRank - denseRank)) : 0;
    // Another language counts against a file only when a file in the citizen's own language competes with
    // it: an English question whose only file is Norwegian is not a worse question for that.
    const foreignWithRival =
      family(c.lang) !== family(facts.lang) &&
      top.some((o, j) => j !== i && family(o.lang) === family(facts.lang))
        ? 1
        : 0;
    const row: Record<FeatureName, number> = {
      confidence: c.confidence,
      leadOverBestOther: c.confidence - bestOther,
      reciprocalRank: 1 / (i + 1),
      lexicalCoverage: c.lexical?.coverage ?? 0,
      titleQuestionCoverage: share(facts.words, keys.head),
      bodyCoverage: share(facts.words, keys.body),
      unknownWordShare: unknownShare,
      glossaryMatch: c.lexical?.glossary ? 1 : 0,
      faq: c.kind === 'faq' ? 1 : 0,
      languageMatch: languageMatch(c.lang, facts.lang),
      foreignWithRival,
      denseAgreement: agreement,
      denseOnly: denseRank !== undefined && lexRank === undefined ? 1 : 0,
      contentWordsLog,
      crowding: top.filter((o, j) => j !== i && Math.abs(o.confidence - c.confidence) <= 0.1).length,
      // Interactions a linear model cannot form by itself: a lead counts for more at a high confidence, and
      // an unknown word matters most when the rest of the question matched well.
      confidenceTimesLead: c.confidence * Math.max(0, c.confidence - bestOther),
      coverageTimesTitleQuestion: (c.lexical?.coverage ?? 0) * share(facts.words, keys.head),
      runnerUpRatio: c.confidence > 0 ? Math.min(2, bestOther / c.confidence) : 2,
      unknownTimesConfidence: unknownShare * c.confidence,
    };
    return FEATURE_NAMES.map((name) => row[name]);
  });
}

/** Question-level features for P(some file answers): the best candidate's evidence, and the question's. */
export const NONE_FEATURE_NAMES = [
  'bestCandidateLogit',
  'secondCandidateLogit',
  'bestConfidence',
  'maxLexicalCoverage',
  'maxTitleQuestionCoverage',
  'maxBodyCoverage',
  'unknownWordShare',
  'contentWordsLog',
  'bestLanguageMatch',
  'anyDenseAgreement',
  ...SCOPE_NONE_FEATURE_NAMES,
] as const;

const at = (name: FeatureName): number => FEATURE_NAMES.indexOf(name);
const logit = (p: number): number => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));

/**
 * `rows` and `ps` in the candidate model's order (best first). An empty list is a question nothing matched.
 */
export function noneFeatures(
  rows: readonly (readonly number[])[],
  ps: readonly number[],
  facts: QueryFacts,
): number[] {
  const max = (name: FeatureName): number => Math.max(0, ...rows.map((r) => r[at(name)] ?? 0));
  const unknownShare =
    facts.words.length === 0 ? 0 : Math.min(1, facts.unknownWords.length / facts.words.length);
  return [
    logit(ps[0] ?? 0),
    logit(ps[1] ?? 0),
    max('confidence'),
    max('lexicalCoverage'),
    max('titleQuestionCoverage'),
    max('bodyCoverage'),
    unknownShare,
    Math.log1p(facts.words.length),
    rows[0]?.[at('languageMatch')] ?? 0,
    max('denseAgreement'),
    ...scopeNoneFeatures(facts),
  ];
}
