import MiniSearch from 'minisearch';
import type { Glossary, KnowledgeFile, Lang } from '../types.ts';
import { analyzeToken, isStopword, queryLangs, tokenize } from './analyzer.ts';
import { splitCompound } from './decompound.ts';
import { GlossaryMatcher } from './glossary.ts';
import { TermPostings, type Postings } from './term-postings.ts';

/** Title and alternative questions say what a file is about; the body says much else besides. */
export const FIELD_BOOSTS = { title: 3, questions: 2.5, tags: 2, body: 1 } as const;
const FIELDS = Object.keys(FIELD_BOOSTS);
/**
 * Glossary words stand in for the citizen's own word, so they count for a little less, except in a file in
 * another language than the question: there the translation is the only way the citizen's word can match.
 */
const EXPANSION_BOOST = 0.7;
/** How much a typo-tolerant or glossary match counts towards coverage compared with an exact word. */
const FUZZY_CREDIT = 0.75;
const EXPANSION_CREDIT = 0.85;
const SAME_LANGUAGE_BOOST = 1.3;
/** Shorter unknown words are too often names, abbreviations or chat noise to say what a question is about. */
const UNKNOWN_MIN_LETTERS = 5;
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
  /** The query's words of five letters or more that match nothing in the index, however spelt. */
  unknown: string[];
}

export interface LexicalIndex {
  search(query: string, options?: { limit?: number; lang?: Lang }): LexicalSearchResult;
  upsert(file: KnowledgeFile): void;
  remove(fileId: string): void;
  /**
   * Scores every term ahead of the first question, as searches would otherwise do on first use. Costs about a
   * tenth of a build; call it after building or changing the index and before serving from it.
   */
  warm(): void;
  /** Like warm(), but in slices after the caller returns: for edits to an index that is serving questions. */
  warmSoon(): void;
  readonly size: number;
  readonly vocabularySize: number;
}

interface DocMeta {
  id: string;
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
  // MiniSearch's `remove` needs the document as it was added; its lazy `discard` would leave the removed
  // document's terms counted in BM25 until a vacuum, so an edited index would score unlike a fresh one.
  const indexedDocs = new Map<string, LexicalDoc>();
  const docIdsByFile = new Map<string, string[]>();
  // Kept here rather than as MiniSearch stored fields, which it would copy into every result object.
  // Each document has a row number, so a query can add up scores in typed arrays instead of maps.
  const rowOfDoc = new Map<string, number>();
  const docAtRow: (DocMeta | undefined)[] = [];
  const freeRows: number[] = [];
  const vocabulary = new Set<string>();
  const matcher = GlossaryMatcher.of(glossary);
  // Terms whose document frequency rose from or fell to zero since the term cache last saw the index.
  const termsAdded = new Set<string>();
  const termsRemoved = new Set<string>();

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
      indexedDocs.set(doc.id, doc);
      const row = freeRows.pop() ?? docAtRow.length;
      rowOfDoc.set(doc.id, row);
      docAtRow[row] = { id: doc.id, fileId: doc.fileId, passageId: doc.passageId, lang: doc.lang };
      for (const term of terms) {
        vocabulary.add(term);
        const df = documentFrequency.get(term) ?? 0;
        if (df === 0) termsAdded.add(term);
        documentFrequency.set(term, df + 1);
      }
    }
    miniSearch.addAll(docs);
  };

  const remove = (fileId: string): void => {
    for (const id of docIdsByFile.get(fileId) ?? []) {
      for (const term of docTerms.get(id) ?? []) {
        const n = (documentFrequency.get(term) ?? 1) - 1;
        if (n <= 0) {
          documentFrequency.delete(term);
          termsRemoved.add(term);
        } else documentFrequency.set(term, n);
      }
      docTerms.delete(id);
      const row = rowOfDoc.get(id);
      if (row !== undefined) {
        docAtRow[row] = undefined;
        freeRows.push(row);
        rowOfDoc.delete(id);
      }
      const indexed = indexedDocs.get(id);
      if (indexed) miniSearch.remove(indexed);
      indexedDocs.delete(id);
    }
    docIdsByFile.delete(fileId);
  };

  for (const file of files) add(file);
  const postings = new TermPostings(miniSearch, (id) => rowOfDoc.get(id));
  postings.reset(documentFrequency.keys());
  termsAdded.clear();
  termsRemoved.clear();
  // Edits change BM25's document count and average lengths, so every cached score is stale after one; the
  // vocabulary only changes by the terms the edit brought or took away.
  let postingsStale = false;
  const freshPostings = (): TermPostings => {
    if (postingsStale) {
      postings.changed(
        [...termsAdded].filter((t) => documentFrequency.has(t)),
        [...termsRemoved].filter((t) => !documentFrequency.has(t)),
      );
      termsAdded.clear();
      termsRemoved.clear();
      postingsStale = false;
    }
    return postings;
  };
  const scratch = new QueryScratch();
  const scores = new Accumulator();
  const credits = new Accumulator();

  const idf = (df: number): number => {
    const n = miniSearch.documentCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  const search = (query: string, options: { limit?: number; lang?: Lang } = {}): LexicalSearchResult => {
    const limit = options.limit ?? 10;
    const langs = queryLangs(options.lang);
    const rawTokens = tokenize(query).slice(0, 64);
    // Each word under each language once, for its own spellings and for the glossary alike.
    const analysed = langs.map((lang) => rawTokens.map((raw) => analyzeToken(raw, lang)));
    const tokens: QueryToken[] = [];
    // Glossary phrases may contain question words ("how much", "hvor mye"), so they are matched on every
    // word of the query; this maps each word's position to its content-word index (or -1).
    const contentIndex: number[] = [];
    rawTokens.forEach((raw, at) => {
      if (isStopword(raw)) {
        contentIndex.push(-1);
        return;
      }
      contentIndex.push(tokens.length);
      const variants = [...new Set(analysed.map((forms) => forms[at] as string))];
      // Closed compounds are Scandinavian: English "including" is not "includ" + a Norwegian "ing".
      const parts =
        options.lang === 'en'
          ? []
          : variants.flatMap((v) =>
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
    });
    if (tokens.length === 0) return { hits: [], terms: [], unknown: [] };

    const glossaryMatches = matcher
      .match(rawTokens, langs, (t) => documentFrequency.has(t), analysed)
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
    freshPostings();
    // Each citizen word scores a document once: the better of its own spellings and its glossary words.
    // Summing them would let a glossary group with many members outweigh the word the citizen typed.
    // Positions: content words 0..n-1, then one slot per question-word glossary phrase ("how much").
    const slots = tokens.length + glossaryMatches.length;
    scratch.begin(docAtRow.length);
    scores.reset(slots);
    credits.reset(tokens.length);
    const matchedTerms = new Set<string>();
    const expansionTerms = new Set<string>();
    // Content words the index holds in some spelling or typo neighbour; the rest may be reported unknown.
    const seen = new Set<number>();
    // A cell rose: keep the document's score sum, and for a content word its coverage, up to date.
    const settle = (local: number, position: number, score: number, credit: number): void => {
      scratch.addScore(local, scores.raise(local, position, score), score);
      const weight = tokens[position]?.weight;
      if (weight !== undefined)
        scratch.addCredit(local, weight, credits.raise(local, position, credit), credit);
    };
    // A word's score in a document is the sum over its spellings and their typo neighbours, as in a
    // MiniSearch OR query; the word then counts once, at its best credit.
    tokens.forEach((token, position) => {
      for (const variant of token.variants) {
        scratch.add(postings.exact(variant), 1, true);
        matchedTerms.add(variant);
        const near = postings.fuzzy(variant, maxEdits(variant));
        if (postings.has(variant) || near.length > 0) seen.add(position);
        for (const { term, weight } of near) {
          scratch.add(postings.exact(term), weight, false);
          matchedTerms.add(term);
        }
      }
      scratch.flush((local, score, exact) => settle(local, position, score, exact ? 1 : FUZZY_CREDIT));
    });
    glossaryMatches.forEach((match, index) => {
      const terms = match.expansions.filter((term) => !tokens.some((t) => t.variants.includes(term)));
      if (terms.length === 0) return;
      for (const term of terms) {
        expansionTerms.add(term);
        scratch.add(postings.exact(term), 1, false);
      }
      // A phrase made only of question words ("how much") has no position of its own; it still adds score.
      const positions = match.positions.length > 0 ? match.positions : [tokens.length + index];
      for (const position of positions) seen.add(position);
      scratch.flush((local, score, _exact, row) => {
        // In a file in another language, the glossary's word is the citizen's own word translated.
        const doc = docAtRow[row];
        const foreign = doc !== undefined && englishToNordic(family, LANG_FAMILY[doc.lang]);
        const weighted = foreign ? score : score * EXPANSION_BOOST;
        const credit = foreign ? 1 : EXPANSION_CREDIT;
        for (const position of positions) settle(local, position, weighted, credit);
      });
    });

    const totalWeight = tokens.reduce((sum, t) => sum + t.weight, 0);
    const top = new TopFiles(limit);
    // Sums, coverage and word counts were kept up to date as the cells rose, so this is one pass.
    scratch.forEachDocument((row, sum, covered, words) => {
      const doc = docAtRow[row];
      if (!doc) return;
      // Between two equally good files, the one in the citizen's own language is the better answer.
      const languageBoost = family && LANG_FAMILY[doc.lang] === family ? SAME_LANGUAGE_BOOST : 1;
      top.offer({
        doc,
        score: sum * Math.max(1, words) * languageBoost,
        coverage: totalWeight > 0 ? Math.min(1, covered / totalWeight) : 0,
      });
    });
    // Which words matched is only needed to explain the few documents returned. A spelling the index does
    // not hold is in no document, so only the others are looked for in each.
    const indexed = (list: Set<string>): string[] => [...list].filter((t) => documentFrequency.has(t));
    const matchedIndexed = indexed(matchedTerms);
    const expansionsIndexed = indexed(expansionTerms);
    const hits: LexicalHit[] = top.ranked().map(({ doc, score, coverage }) => {
      const terms = docTerms.get(doc.id);
      const inDoc = (term: string) => terms?.has(term) ?? false;
      return {
        fileId: doc.fileId,
        passageId: doc.passageId,
        score,
        coverage,
        matchedTerms: matchedIndexed.filter(inDoc),
        expansions: expansionsIndexed.filter(inDoc),
      };
    });
    const unknown = tokens
      .filter(
        (token, position) =>
          !seen.has(position) && token.raw.length >= UNKNOWN_MIN_LETTERS && !/\d/.test(token.raw),
      )
      .map((token) => token.raw);
    return {
      hits,
      terms: [...tokens.flatMap((t) => t.variants), ...[...expansionTerms].map((t) => `+${t}`)],
      unknown,
    };
  };

  return {
    search,
    upsert(file) {
      remove(file.id);
      for (const term of rawTerms(file)) vocabulary.add(term);
      add(file);
      postingsStale = true;
    },
    remove(fileId) {
      remove(fileId);
      postingsStale = true;
    },
    warm() {
      freshPostings().warm();
    },
    warmSoon() {
      freshPostings().warmInSlices();
    },
    get size() {
      return docIdsByFile.size;
    },
    get vocabularySize() {
      return vocabulary.size;
    },
  };
}

/**
 * An English question meets the Scandinavian files only through the glossary, as they share few words. The
 * Scandinavian languages share many, so a Danish twin of a Norwegian file, or an English page for a Swedish
 * question, gains nothing from it.
 */
function englishToNordic(query: string | undefined, doc: string): boolean {
  return query === 'en' && doc !== 'en';
}

/** MiniSearch's typo tolerance as this index used it: a fifth of the word's length, at most two edits. */
function maxEdits(term: string): number {
  return term.length >= 5 && !/\d/.test(term) ? Math.min(2, Math.round(term.length * 0.2)) : 0;
}

interface Ranked {
  doc: DocMeta;
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
    const same = top.findIndex((r) => r.doc.fileId === item.doc.fileId);
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

/**
 * Per-query work space indexed by document row: one term group's running sums, and a dense numbering of the
 * documents the query has touched, so the accumulators stay as small as the result set.
 */
class QueryScratch {
  private sums = new Float64Array(0);
  private exact = new Uint8Array(0);
  private localOf = new Int32Array(0);
  private pending: number[] = [];
  private touched: number[] = [];
  // Per touched document (by local number): score sum, weighted coverage, words matched.
  private sum = new Float64Array(64);
  private covered = new Float64Array(64);
  private words = new Int32Array(64);

  begin(rows: number): void {
    for (const row of this.touched) this.localOf[row] = -1;
    this.sum.fill(0, 0, this.touched.length);
    this.covered.fill(0, 0, this.touched.length);
    this.words.fill(0, 0, this.touched.length);
    this.touched = [];
    if (this.sums.length < rows) {
      const size = Math.max(rows, this.sums.length * 2, 64);
      this.sums = new Float64Array(size);
      this.exact = new Uint8Array(size);
      this.localOf = new Int32Array(size).fill(-1);
    }
  }

  add(postings: Postings, weight: number, exact: boolean): void {
    const { rows, scores } = postings;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as number;
      if (this.sums[row] === 0 && this.exact[row] === 0) this.pending.push(row);
      this.sums[row] = (this.sums[row] as number) + (scores[i] as number) * weight;
      if (exact) this.exact[row] = 1;
    }
  }

  /** Hands each document of the current group its sum, and clears the group. */
  flush(take: (local: number, score: number, exact: boolean, row: number) => void): void {
    for (const row of this.pending) {
      let local = this.localOf[row] as number;
      if (local < 0) {
        local = this.touched.length;
        this.localOf[row] = local;
        this.touched.push(row);
        if (local >= this.sum.length) this.growTotals();
      }
      take(local, this.sums[row] as number, this.exact[row] === 1, row);
      this.sums[row] = 0;
      this.exact[row] = 0;
    }
    this.pending = [];
  }

  /** A slot's score rose from `before` to `after` (`before` is -1 when it did not rise). */
  addScore(local: number, before: number, after: number): void {
    if (before >= 0) this.sum[local] = (this.sum[local] as number) + after - before;
  }

  /** A word's credit rose from `before` to `after` (`before` is -1 when it did not rise). */
  addCredit(local: number, weight: number, before: number, after: number): void {
    if (before < 0) return;
    this.covered[local] = (this.covered[local] as number) + weight * (after - before);
    if (before === 0) this.words[local] = (this.words[local] as number) + 1;
  }

  forEachDocument(visit: (row: number, sum: number, covered: number, words: number) => void): void {
    this.touched.forEach((row, local) =>
      visit(row, this.sum[local] as number, this.covered[local] as number, this.words[local] as number),
    );
  }

  private growTotals(): void {
    const size = this.sum.length * 2;
    const grow = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.sum = grow(this.sum, (n) => new Float64Array(n));
    this.covered = grow(this.covered, (n) => new Float64Array(n));
    this.words = grow(this.words, (n) => new Int32Array(n));
  }
}

/**
 * Rows of `width` numbers in one growing typed array; each cell keeps the largest value it was given. Reused
 * from query to query (a fresh typed array per query is an allocation outside the heap, and garbage).
 */
class Accumulator {
  private cells = new Float64Array(1024);
  private width = 1;
  /** Cells from here on are zero. */
  private used = 0;

  reset(width: number): void {
    this.cells.fill(0, 0, this.used);
    this.used = 0;
    this.width = width;
  }

  /** Keeps the larger value; returns the cell's old value if it rose, else -1. */
  raise(row: number, column: number, value: number): number {
    const at = row * this.width + column;
    if (at >= this.cells.length) {
      const grown = new Float64Array(Math.max(at + 1, this.cells.length * 2));
      grown.set(this.cells);
      this.cells = grown;
    }
    const before = this.cells[at] ?? 0;
    if (value <= before) return -1;
    this.cells[at] = value;
    if (at >= this.used) this.used = at + 1;
    return before;
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
