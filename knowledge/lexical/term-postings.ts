import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/** MiniSearch's default weight for a fuzzy match; the score of a term `distance` edits away is scaled by it. */
const FUZZY_WEIGHT = 0.45;

/** One term's documents and the BM25 score MiniSearch gives each of them for that term alone. */
export interface Postings {
  rows: Int32Array;
  scores: Float64Array;
}

export interface FuzzyTerm {
  term: string;
  /** What a match through this term is worth compared with an exact match (MiniSearch's fuzzy weighting). */
  weight: number;
}

/** Typo look-ups remembered between edits; beyond this the cache starts over. */
const FUZZY_CACHE_MAX = 50_000;

const EMPTY: Postings = { rows: new Int32Array(0), scores: new Float64Array(0) };

/**
 * The parts of MiniSearch's index its scoring reads (minisearch 7.x, dist/es/index.js, `termResults`). They
 * are not public API; term-postings.test.ts compares every score with MiniSearch's own search, so an upgrade
 * that changes them fails there.
 */
interface MiniSearchInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _options: {
    fields: string[];
    searchOptions: { boost?: Record<string, number>; bm25: { k: number; b: number; d: number } };
  };
}

/**
 * Each term's scored documents, computed once per index state and then reused.
 *
 * A citizen's question at 5,000 files touches most of the index through common words, their other spellings
 * and glossary words. MiniSearch scores every posting anew on each search and builds an object per matching
 * document; summing cached per-term scores instead gives the same figures (MiniSearch's OR query is the sum
 * of its terms' scores) at a fraction of the cost. The scores are computed as MiniSearch's `termResults`
 * computes them, from its own term frequencies and field lengths, without the result objects.
 *
 * Any change to the documents changes BM25's document count and average lengths, so every score goes stale
 * at once; they are recomputed as terms are used again (or by `warm`). The vocabulary, which typo look-ups
 * search, only changes by the terms an edit added or removed, so it is kept up to date term by term.
 */
export class TermPostings {
  private readonly postings = new Map<string, Postings & { epoch: number }>();
  /** Per edit distance, typo neighbours by term. */
  private readonly fuzzyCache = new Map<number, Map<string, FuzzyTerm[]>>();
  private fuzzyCached = 0;
  private terms = new SearchableMap<true>();
  /** The same vocabulary in a hash set: most look-ups are exact, and a radix tree walks letter by letter. */
  private readonly termSet = new Set<string>();
  /** Terms questions have used (a part of the vocabulary). */
  private readonly asked = new Set<string>();
  /** Counts index changes: a cached score from an older epoch is stale, and warming in slices stops. */
  private epoch = 0;
  private readonly index: MiniSearchInternals;
  private readonly fieldBoosts: [field: string, boost: number][];
  private tables: { epoch: number; norms: Float64Array; rows: Int32Array } | undefined;
  /** Scratch per document while one term is scored; NaN where the term has not met the document. */
  private sums = new Float64Array(0);

  constructor(
    miniSearch: MiniSearch,
    private readonly rowOf: (id: string) => number | undefined,
  ) {
    this.index = miniSearch as unknown as MiniSearchInternals;
    const { fields, searchOptions } = this.index._options;
    this.fieldBoosts = fields.map((field) => [field, searchOptions.boost?.[field] || 1]);
  }

  /** Call with every term the index holds: all scores are dropped and the vocabulary is rebuilt. */
  reset(vocabulary: Iterable<string>): void {
    this.epoch += 1;
    this.postings.clear();
    this.clearFuzzy();
    this.terms = new SearchableMap<true>();
    this.termSet.clear();
    for (const term of vocabulary) {
      this.terms.set(term, true);
      this.termSet.add(term);
    }
  }

  /** Call after documents were added or removed, with the terms the index gained and lost by it. */
  changed(added: Iterable<string>, removed: Iterable<string>): void {
    this.epoch += 1;
    let vocabularyChanged = false;
    for (const term of added) {
      this.terms.set(term, true);
      this.termSet.add(term);
      vocabularyChanged = true;
    }
    for (const term of removed) {
      this.terms.delete(term);
      this.termSet.delete(term);
      this.postings.delete(term);
      vocabularyChanged = true;
    }
    // Typo neighbours depend on the vocabulary only, not on the scores.
    if (vocabularyChanged) this.clearFuzzy();
  }

  has(term: string): boolean {
    return this.termSet.has(term);
  }

  /** A term a question used: its scores are kept warm across edits (see `warmInSlices`). */
  exact(term: string): Postings {
    const postings = this.scored(term);
    if (postings !== EMPTY) this.asked.add(term);
    return postings;
  }

  private scored(term: string): Postings {
    const cached = this.postings.get(term);
    if (cached && cached.epoch === this.epoch) return cached;
    if (!this.termSet.has(term)) return EMPTY;
    const postings = { ...this.score(term), epoch: this.epoch };
    this.postings.set(term, postings);
    return postings;
  }

  /**
   * One term's documents in MiniSearch's result order (by score, ties in index order) with the score its
   * `search({ queries: [term] })` gives them: per field, BM25 with the field's own document frequency and
   * average length, times the field's boost, summed over the fields. The arithmetic is MiniSearch's, step
   * for step, so the figures are the same to the last bit.
   */
  private score(term: string): Postings {
    const ix = this.index;
    const data = ix._index.get(term);
    if (!data) return EMPTY;
    const { k, d } = ix._options.searchOptions.bm25;
    const totalCount = ix._documentCount;
    const { norms, rows: rowOfDoc, fields } = this.tablesOf();
    const sums = this.sums;
    const order: number[] = [];
    for (const [field, fieldBoost] of this.fieldBoosts) {
      const fieldId = ix._fieldIds[field] as number;
      const freqs = data.get(fieldId);
      if (!freqs) continue;
      let matching = freqs.size;
      let invDocFreq = Math.log(1 + (totalCount - matching + 0.5) / (matching + 0.5));
      for (const [docId, termFreq] of freqs) {
        const row = rowOfDoc[docId] ?? -1;
        if (row < 0) {
          // A document MiniSearch removed lazily still counts until met, as in its own scoring.
          if (!ix._documentIds.has(docId)) {
            matching -= 1;
            invDocFreq = Math.log(1 + (totalCount - matching + 0.5) / (matching + 0.5));
          }
          continue;
        }
        const raw =
          invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + (norms[docId * fields + fieldId] as number)));
        const weighted = fieldBoost * raw;
        const before = sums[docId] as number;
        if (Number.isNaN(before)) {
          order.push(docId);
          sums[docId] = weighted;
        } else sums[docId] = before + weighted;
      }
    }
    const scoreOf = order.map((docId) => sums[docId] as number);
    const ranked = order.map((_, i) => i).sort((x, y) => (scoreOf[y] as number) - (scoreOf[x] as number));
    const rows = new Int32Array(ranked.length);
    const scores = new Float64Array(ranked.length);
    ranked.forEach((i, n) => {
      const docId = order[i] as number;
      rows[n] = rowOfDoc[docId] as number;
      scores[n] = scoreOf[i] as number;
      sums[docId] = NaN;
    });
    return { rows, scores };
  }

  /** Per-epoch tables: each document's row, and the length part of BM25's denominator per field. */
  private tablesOf(): { norms: Float64Array; rows: Int32Array; fields: number } {
    const ix = this.index;
    const fields = this.fieldBoosts.length;
    if (this.tables?.epoch !== this.epoch) {
      const { k, b } = ix._options.searchOptions.bm25;
      let size = 0;
      for (const docId of ix._fieldLength.keys()) size = Math.max(size, docId + 1);
      const norms = new Float64Array(size * fields);
      const rows = new Int32Array(size).fill(-1);
      for (const [docId, lengths] of ix._fieldLength) {
        const id = ix._documentIds.get(docId);
        const row = id === undefined ? undefined : this.rowOf(id as string);
        if (row === undefined) continue;
        rows[docId] = row;
        for (let fieldId = 0; fieldId < fields; fieldId += 1) {
          const fieldLength = lengths[fieldId] as number;
          const avgFieldLength = ix._avgFieldLength[fieldId] as number;
          norms[docId * fields + fieldId] = k * (1 - b + (b * fieldLength) / avgFieldLength);
        }
      }
      this.tables = { epoch: this.epoch, norms, rows };
      if (this.sums.length < size) this.sums = new Float64Array(size).fill(NaN);
    }
    return { norms: this.tables.norms, rows: this.tables.rows, fields };
  }

  /** Other terms of the index within `maxDistance` edits of `term`, as MiniSearch's fuzzy search finds them. */
  fuzzy(term: string, maxDistance: number): FuzzyTerm[] {
    if (maxDistance <= 0) return [];
    let byTerm = this.fuzzyCache.get(maxDistance);
    if (!byTerm) this.fuzzyCache.set(maxDistance, (byTerm = new Map()));
    const cached = byTerm.get(term);
    if (cached) return cached;
    const found: FuzzyTerm[] = [];
    for (const [other, [, distance]] of this.terms.fuzzyGet(term, maxDistance)) {
      if (distance === 0) continue;
      found.push({ term: other, weight: (FUZZY_WEIGHT * other.length) / (other.length + distance) });
    }
    // Citizens' spellings are unbounded, unlike the index's own terms: start over rather than grow forever.
    if (this.fuzzyCached >= FUZZY_CACHE_MAX) this.clearFuzzy();
    this.fuzzyCached += 1;
    byTerm.set(term, found);
    return found;
  }

  private clearFuzzy(): void {
    for (const byTerm of this.fuzzyCache.values()) byTerm.clear();
    this.fuzzyCached = 0;
  }

  /** Fills the cache for every term, so the first questions after a build are as fast as the rest. */
  warm(): void {
    for (const term of this.terms.keys()) this.scored(term);
  }

  /**
   * Scores again, in slices between other work, the terms questions have used: an edit makes every score
   * stale, but questions keep to a small share of a large vocabulary, and re-scoring all of it after each
   * edit cost CPU in proportion to the whole knowledge. A reload goes live at once, questions in the
   * meantime score the terms they use, and any other term is scored when first asked for. Stops when the
   * index changes again (that change starts its own warming).
   */
  warmInSlices(termsPerSlice = 250): void {
    const epoch = this.epoch;
    const terms = [...this.asked].values();
    const slice = (): void => {
      if (this.epoch !== epoch) return;
      for (let n = 0; n < termsPerSlice; n += 1) {
        const next = terms.next();
        if (next.done) return;
        // A term the edit removed is in no document any more.
        if (!this.termSet.has(next.value)) this.asked.delete(next.value);
        else this.scored(next.value);
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  }
}
