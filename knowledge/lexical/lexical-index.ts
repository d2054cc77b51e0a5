import MiniSearch, { type SearchResult } from 'minisearch';
import type { Glossary, KnowledgeFile, Lang } from '../types.ts';
import { analyzeToken, isStopword, queryLangs, tokenize } from './analyzer.ts';
import { splitCompound } from './decompound.ts';
import { GlossaryMatcher } from './glossary.ts';

/** Title and alternative questions say what a file is about; the body says much else besides. */
export const FIELD_BOOSTS = { title: 3, questions: 2.5, tags: 2, body: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);
/** Glossary words stand in for the citizen's own word, so they count for a little less. */
const EXPANSION_BOOST = 0.7;
/** How much a typo-tolerant or glossary match counts towards coverage compared with an exact word. */
const FUZZY_CREDIT = 0.75;
const EXPANSION_CREDIT = 0.85;
const SAME_LANGUAGE_BOOST = 1.3;
const LANG_FAMILY: Record<Lang, string> = { nb: 'no', nn: 'no', da: 'da', sv: 'sv', en: 'en' };

interface LexicalDoc {
  id: string;
  fileId: string;
  lang: Lang;
  passageId: string;
  title: string;
  questions: string;
  tags: string;
  body: string;
}

export interface LexicalHit {
  fileId: string;
  passageId: string;
  /** BM25 score with MiniSearch's per-term multiplier replaced by the number of distinct query words matched. */
  score: number;
  /** IDF-weighted share of the query's content words that this document matched, 0..1. */
  coverage: number;
  matchedTerms: string[];
  expansions: string[];
}

export interface LexicalSearchResult {
  hits: LexicalHit[];
  /** Analysed query terms and glossary expansions, for explanations. */
  terms: string[];
}

export interface LexicalIndex {
  search(query: string, options?: { limit?: number; lang?: Lang }): LexicalSearchResult;
  upsert(file: KnowledgeFile): void;
  remove(fileId: string): void;
  readonly size: number;
  readonly vocabularySize: number;
}

/** Where a document's per-query figures live in the flat accumulator arrays. */
interface DocAccumulator {
  doc: DocMeta;
  /** Row in the score array (slots wide) and in the credit array (one per content word). */
  row: number;
}

interface DocMeta {
  fileId: string;
  passageId: string;
  lang: Lang;
}

interface QueryToken {
  raw: string;
  /** The word's stems under each query language, plus its compound parts. */
  variants: string[];
  parts: string[];
  weight: number;
}

export function createLexicalIndex(files: readonly KnowledgeFile[], glossary: Glossary): LexicalIndex {
  const documentFrequency = new Map<string, number>();
  const docTerms = new Map<string, Set<string>>();
  const docIdsByFile = new Map<string, string[]>();
  // Kept here rather than as MiniSearch stored fields, which it would copy into every result object.
  const docMeta = new Map<string, DocMeta>();
  const vocabulary = new Set<string>();
  const matcher = new GlossaryMatcher(glossary);

  // Compounds are split against the words the knowledge actually uses, so collect those first.
  for (const file of files) for (const term of rawTerms(file)) vocabulary.add(term);
  for (const group of glossary.groups) {
    for (const term of group) for (const token of tokenize(term)) vocabulary.add(analyzeToken(token, 'nb'));
  }

  const miniSearch = new MiniSearch<LexicalDoc>({
    fields: FIELDS,
    tokenize: (text) => text.split(' ').filter(Boolean),
    processTerm: (term) => term,
    searchOptions: { boost: { ...FIELD_BOOSTS } },
  });

  // A compound's halves are substrings of a stem, so they may need stemming before they meet the vocabulary.
  const knownForm =
    (lang: Lang) =>
    (part: string): string | undefined => {
      if (vocabulary.has(part)) return part;
      const stemmed = analyzeToken(part, lang);
      return vocabulary.has(stemmed) ? stemmed : undefined;
    };

  const analyzeText = (text: string, lang: Lang): string[] => {
    const out: string[] = [];
    for (const token of tokenize(text)) {
      if (isStopword(token, lang)) continue;
      const term = analyzeToken(token, lang);
      out.push(term);
      out.push(...splitCompound(term, knownForm(lang)));
    }
    return out;
  };

  const add = (file: KnowledgeFile): void => {
    const docs = toDocs(file, analyzeText);
    docIdsByFile.set(
      file.id,
      docs.map((d) => d.id),
    );
    for (const doc of docs) {
      const terms = new Set(
        [doc.title, doc.questions, doc.tags, doc.body].join(' ').split(' ').filter(Boolean),
      );
      docTerms.set(doc.id, terms);
      docMeta.set(doc.id, { fileId: doc.fileId, passageId: doc.passageId, lang: doc.lang });
      for (const term of terms) {
        vocabulary.add(term);
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
    }
    miniSearch.addAll(docs);
  };

  const remove = (fileId: string): void => {
    for (const id of docIdsByFile.get(fileId) ?? []) {
      for (const term of docTerms.get(id) ?? []) {
        const n = (documentFrequency.get(term) ?? 1) - 1;
        if (n <= 0) documentFrequency.delete(term);
        else documentFrequency.set(term, n);
      }
      docTerms.delete(id);
      docMeta.delete(id);
      miniSearch.discard(id);
    }
    docIdsByFile.delete(fileId);
  };

  for (const file of files) add(file);

  const idf = (df: number): number => {
    const n = miniSearch.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  const search = (query: string, options: { limit?: number; lang?: Lang } = {}): LexicalSearchResult => {
    const limit = options.limit ?? 10;
    const langs = queryLangs(options.lang);
    const rawTokens = tokenize(query).slice(0, 64);
    const tokens: QueryToken[] = [];
    // Glossary phrases may contain question words ("how much", "hvor mye"), so they are matched on every
    // word of the query; this maps each word's position to its content-word index (or -1).
    const contentIndex: number[] = [];
    for (const raw of rawTokens) {
      if (isStopword(raw)) {
        contentIndex.push(-1);
        continue;
      }
      contentIndex.push(tokens.length);
      const variants = [...new Set(langs.map((lang) => analyzeToken(raw, lang)))];
      const parts = variants.flatMap((v) =>
        documentFrequency.has(v) ? [] : splitCompound(v, knownForm(options.lang ?? 'nb')),
      );
      const known = [...variants, ...parts].map((t) => documentFrequency.get(t) ?? 0).filter((df) => df > 0);
      // Unknown words weigh as much as the rarest word: a question about something the knowledge never
      // mentions should not look covered just because its other words are common.
      // Numbers (phone numbers, years, amounts) rarely say what a question is about: unknown ones don't count.
      const numeric = /^\d+$/.test(raw);
      const weight = Math.sqrt(
        known.length > 0 ? idf(Math.max(...known)) * (numeric ? 0.5 : 1) : numeric ? 0 : idf(0),
      );
      tokens.push({ raw, variants: [...new Set([...variants, ...parts])], parts, weight });
    }
    if (tokens.length === 0) return { hits: [], terms: [] };

    const glossaryMatches = matcher
      .match(rawTokens, langs, (t) => documentFrequency.has(t))
      .map((match) => ({
        ...match,
        positions: match.positions.map((p) => contentIndex[p] ?? -1).filter((p) => p >= 0),
      }));
    // Compounds meet the glossary through their parts: "søppelbilen" finds the group of "søppel".
    tokens.forEach((token, index) => {
      if (token.parts.length === 0) return;
      for (const match of matcher.match(token.parts, langs, (t) => documentFrequency.has(t))) {
        glossaryMatches.push({ ...match, positions: [index] });
      }
    });
    const family = options.lang ? LANG_FAMILY[options.lang] : undefined;
    const fuzzy = (term: string): number | false => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false);
    // Each citizen word scores a document once: the better of its own spellings and its glossary words.
    // Summing them would let a glossary group with many members outweigh the word the citizen typed.
    // Positions: content words 0..n-1, then one slot per question-word glossary phrase ("how much").
    const slots = tokens.length + glossaryMatches.length;
    const perDoc = new Map<string, DocAccumulator>();
    const matchLog = new MatchLog();
    // Flat arrays instead of two typed arrays per document: a common word can touch thousands of documents.
    const scores = new Accumulator(slots);
    const credits = new Accumulator(tokens.length);
    const credit = (
      result: SearchResult,
      position: number,
      value: number,
      score: number,
      expansion: boolean,
    ) => {
      const id = result.id as string;
      let acc = perDoc.get(id);
      if (!acc) {
        const doc = docMeta.get(id);
        if (!doc) return;
        acc = { doc, row: perDoc.size };
        perDoc.set(id, acc);
      }
      scores.max(acc.row, position, score);
      if (position < tokens.length) credits.max(acc.row, position, value);
      matchLog.add(acc.row, result.match, expansion);
    };
    // MiniSearch multiplies by the number of query terms matched; one word's spellings must count once.
    const plainScore = (result: SearchResult) => result.score / Math.max(1, result.queryTerms.length);
    tokens.forEach((token, position) => {
      for (const result of miniSearch.search({
        combineWith: 'OR',
        queries: token.variants,
        fuzzy,
        maxFuzzy: 2,
      })) {
        const exact = result.queryTerms.some((term) => term in result.match);
        credit(result, position, exact ? 1 : FUZZY_CREDIT, plainScore(result), false);
      }
    });
    const expansionTerms = new Set<string>();
    glossaryMatches.forEach((match, index) => {
      const terms = match.expansions.filter((term) => !tokens.some((t) => t.variants.includes(term)));
      if (terms.length === 0) return;
      for (const term of terms) expansionTerms.add(term);
      // A phrase made only of question words ("how much") has no position of its own; it still adds score.
      const positions = match.positions.length > 0 ? match.positions : [tokens.length + index];
      for (const result of miniSearch.search({ combineWith: 'OR', queries: terms })) {
        const score = plainScore(result) * EXPANSION_BOOST;
        for (const position of positions) credit(result, position, EXPANSION_CREDIT, score, true);
      }
    });

    const totalWeight = tokens.reduce((sum, t) => sum + t.weight, 0);
    const top = new TopFiles(limit);
    for (const acc of perDoc.values()) {
      let covered = 0;
      let words = 0;
      for (let position = 0; position < tokens.length; position += 1) {
        const value = credits.get(acc.row, position);
        if (value > 0) words += 1;
        covered += (tokens[position]?.weight ?? 0) * value;
      }
      let sum = 0;
      for (let slot = 0; slot < slots; slot += 1) sum += scores.get(acc.row, slot);
      // Between two equally good files, the one in the citizen's own language is the better answer.
      const languageBoost = family && LANG_FAMILY[acc.doc.lang] === family ? SAME_LANGUAGE_BOOST : 1;
      top.offer({
        acc,
        score: sum * Math.max(1, words) * languageBoost,
        coverage: totalWeight > 0 ? Math.min(1, covered / totalWeight) : 0,
      });
    }
    const hits: LexicalHit[] = top.ranked().map(({ acc, score, coverage }) => {
      const { matched, expansions } = matchLog.termsOf(acc.row);
      return {
        fileId: acc.doc.fileId,
        passageId: acc.doc.passageId,
        score,
        coverage,
        matchedTerms: matched,
        expansions,
      };
    });
    return {
      hits,
      terms: [...tokens.flatMap((t) => t.variants), ...[...expansionTerms].map((t) => `+${t}`)],
    };
  };

  return {
    search,
    upsert(file) {
      remove(file.id);
      for (const term of rawTerms(file)) vocabulary.add(term);
      add(file);
    },
    remove,
    get size() {
      return docIdsByFile.size;
    },
    get vocabularySize() {
      return vocabulary.size;
    },
  };
}

interface Ranked {
  acc: DocAccumulator;
  score: number;
  coverage: number;
}

const byRank = (a: Ranked, b: Ranked): number => b.score - a.score || b.coverage - a.coverage;

/**
 * The best `k` files in rank order, each by its best passage, without sorting the thousands of documents a
 * common word can touch. On equal scores the passage seen first stays.
 */
class TopFiles {
  private readonly top: Ranked[] = [];
  constructor(private readonly k: number) {}
  offer(item: Ranked): void {
    const { top, k } = this;
    if (k <= 0) return;
    const last = top[top.length - 1];
    if (top.length === k && last && byRank(item, last) >= 0) return;
    const same = top.findIndex((r) => r.acc.doc.fileId === item.acc.doc.fileId);
    if (same >= 0) {
      if ((top[same] as Ranked).score >= item.score) return;
      top.splice(same, 1);
    }
    let at = top.length;
    while (at > 0 && byRank(item, top[at - 1] as Ranked) < 0) at -= 1;
    top.splice(at, 0, item);
    if (top.length > k) top.pop();
  }
  ranked(): Ranked[] {
    return this.top;
  }
}

/** Which terms matched which document, kept flat and read back only for the documents returned. */
class MatchLog {
  private readonly rows: number[] = [];
  private readonly matches: SearchResult['match'][] = [];
  private readonly expansion: boolean[] = [];
  add(row: number, match: SearchResult['match'], expansion: boolean): void {
    this.rows.push(row);
    this.matches.push(match);
    this.expansion.push(expansion);
  }
  termsOf(row: number): { matched: string[]; expansions: string[] } {
    const matched = new Set<string>();
    const expansions = new Set<string>();
    this.rows.forEach((r, i) => {
      if (r !== row) return;
      for (const term of Object.keys(this.matches[i] ?? {}))
        (this.expansion[i] ? expansions : matched).add(term);
    });
    return { matched: [...matched], expansions: [...expansions] };
  }
}

/** Rows of `width` numbers in one growing typed array; each cell keeps the largest value it was given. */
class Accumulator {
  private cells: Float64Array;
  constructor(private readonly width: number) {
    this.cells = new Float64Array(Math.max(1, width) * 64);
  }
  max(row: number, column: number, value: number): void {
    const at = row * this.width + column;
    if (at >= this.cells.length) {
      const grown = new Float64Array(Math.max(at + 1, this.cells.length * 2));
      grown.set(this.cells);
      this.cells = grown;
    }
    if (value > (this.cells[at] ?? 0)) this.cells[at] = value;
  }
  get(row: number, column: number): number {
    return this.cells[row * this.width + column] ?? 0;
  }
}

function rawTerms(file: KnowledgeFile): string[] {
  const text = [file.title, ...file.questions, ...file.tags, file.body].join(' ');
  return tokenize(text)
    .filter((token) => !isStopword(token, file.lang))
    .map((token) => analyzeToken(token, file.lang));
}

function toDocs(file: KnowledgeFile, analyze: (text: string, lang: Lang) => string[]): LexicalDoc[] {
  const lang = file.lang;
  const join = (text: string): string => analyze(text, lang).join(' ');
  const tags = join(file.tags.join(' '));
  const title = join(file.title);
  if (file.kind === 'faq') {
    const body = file.passages.find((p) => p.kind === 'body');
    return [
      {
        id: file.id,
        fileId: file.id,
        lang,
        passageId: body?.id ?? `${file.id}#0`,
        title,
        questions: join(file.questions.join(' ')),
        tags,
        body: join(body?.text ?? ''),
      },
    ];
  }
  return file.passages
    .filter((p) => p.kind === 'body')
    .map((passage) => ({
      id: passage.id,
      fileId: file.id,
      lang,
      passageId: passage.id,
      title: `${title} ${join(passage.heading ?? '')}`.trim(),
      questions: '',
      tags,
      body: join(passage.text),
    }));
}
