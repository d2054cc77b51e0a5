import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Glossary, KnowledgeFile, Lang } from '../types.ts';
import { analyzeToken, isStopword, queryLangs, tokenize } from './analyzer.ts';
import { splitCompound } from './decompound.ts';
import { GlossaryMatcher } from './glossary.ts';

/** Title and alternative questions say what a file is about; the body says much else besides. */
export const FIELD_BOOSTS = { title: 3, questions: 2.5, tags: 2, body: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);
/** Glossary words stand in for the citizen's own word, so they count for a little less. */
const EXPANSION_BOOST = 0.8;
/** How much a typo-tolerant or glossary match counts towards coverage compared with an exact word. */
const FUZZY_CREDIT = 0.75;
const EXPANSION_CREDIT = 0.85;
const SAME_LANGUAGE_BOOST = 1.1;
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
  const vocabulary = new Set<string>();
  const matcher = new GlossaryMatcher(glossary);

  // Compounds are split against the words the knowledge actually uses, so collect those first.
  for (const file of files) for (const term of rawTerms(file)) vocabulary.add(term);
  for (const group of glossary.groups) {
    for (const term of group) for (const token of tokenize(term)) vocabulary.add(analyzeToken(token, 'nb'));
  }

  const miniSearch = new MiniSearch<LexicalDoc>({
    fields: FIELDS,
    storeFields: ['fileId', 'passageId', 'lang'],
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
    const ownerOf = new Map<string, { token: number; kind: 'word' | 'expansion' }>();
    const queries: Query[] = [];
    tokens.forEach((token, index) => {
      for (const v of token.variants) if (!ownerOf.has(v)) ownerOf.set(v, { token: index, kind: 'word' });
      queries.push({
        combineWith: 'OR',
        queries: token.variants,
        fuzzy: (term: string) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
        maxFuzzy: 2,
      });
    });
    const expansionTerms: string[] = [];
    for (const match of glossaryMatches) {
      const first = match.positions[0] ?? -1;
      const terms = match.expansions.filter((term) => !ownerOf.has(term));
      for (const term of terms) ownerOf.set(term, { token: first, kind: 'expansion' });
      if (terms.length === 0) continue;
      expansionTerms.push(...terms);
      // One glossary group stands in for one citizen word, so its terms share one boost instead of each
      // adding a full word's worth of score.
      const boost = EXPANSION_BOOST / Math.sqrt(terms.length);
      queries.push({ combineWith: 'OR', queries: terms, boostTerm: () => boost });
    }

    const family = options.lang ? LANG_FAMILY[options.lang] : undefined;
    const results = miniSearch.search(
      { combineWith: 'OR', queries },
      // Between two equally good files, the one in the citizen's own language is the better answer.
      family
        ? {
            boostDocument: (_id, _term, stored) =>
              stored?.lang && LANG_FAMILY[stored.lang as Lang] === family ? SAME_LANGUAGE_BOOST : 1,
          }
        : {},
    );
    const totalWeight = tokens.reduce((sum, t) => sum + t.weight, 0);
    const best = new Map<string, LexicalHit>();
    for (const result of results) {
      const hit = scoreResult(result, tokens, ownerOf, glossaryMatches, totalWeight);
      const previous = best.get(hit.fileId);
      if (!previous || hit.score > previous.score) best.set(hit.fileId, hit);
    }
    const hits = [...best.values()]
      .sort((a, b) => b.score - a.score || b.coverage - a.coverage)
      .slice(0, limit);
    return {
      hits,
      terms: [...tokens.flatMap((t) => t.variants), ...expansionTerms.map((t) => `+${t}`)],
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

function scoreResult(
  result: SearchResult,
  tokens: QueryToken[],
  ownerOf: Map<string, { token: number; kind: 'word' | 'expansion' }>,
  glossaryMatches: { positions: number[]; expansions: string[] }[],
  totalWeight: number,
): LexicalHit {
  const credit = new Map<number, number>();
  const expansions: string[] = [];
  const give = (token: number, value: number): void => {
    credit.set(token, Math.max(credit.get(token) ?? 0, value));
  };
  const matchedDocTerms = new Set(Object.keys(result.match));
  for (const queryTerm of result.queryTerms) {
    const owner = ownerOf.get(queryTerm);
    if (!owner) continue;
    if (owner.kind === 'expansion') {
      expansions.push(queryTerm);
      for (const match of glossaryMatches) {
        if (match.expansions.includes(queryTerm)) for (const p of match.positions) give(p, EXPANSION_CREDIT);
      }
    } else {
      give(owner.token, matchedDocTerms.has(queryTerm) ? 1 : FUZZY_CREDIT);
    }
  }
  let covered = 0;
  for (const [token, value] of credit) covered += (tokens[token]?.weight ?? 0) * value;
  // MiniSearch multiplies by the number of query terms matched, which would reward a document for matching
  // several spellings of one word; count distinct citizen words instead.
  const quality = result.queryTerms.length || 1;
  const score = (result.score / quality) * Math.max(1, credit.size);
  return {
    fileId: String(result.fileId),
    passageId: String(result.passageId),
    score,
    coverage: totalWeight > 0 ? Math.min(1, covered / totalWeight) : 0,
    matchedTerms: [...matchedDocTerms],
    expansions,
  };
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
