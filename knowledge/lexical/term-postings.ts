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
 * Each term's scored documents, asked of MiniSearch once per index state and then reused.
 *
 * A citizen's question at 5,000 files touches most of the index through common words, their other spellings
 * and glossary words. MiniSearch scores every posting anew on each search and builds an object per matching
 * document; summing cached per-term scores instead gives the same figures (MiniSearch's OR query is the sum
 * of its terms' scores) at a fraction of the cost. Any change to the documents changes BM25's document count
 * and average lengths, so the cache is dropped as a whole and refilled as terms are used again.
 */
export class TermPostings {
  private readonly postings = new Map<string, Postings>();
  private readonly fuzzyCache = new Map<string, FuzzyTerm[]>();
  private terms = new SearchableMap<true>();
  /** Counts resets, so warming in slices stops when the index changes under it. */
  private epoch = 0;

  constructor(
    private readonly miniSearch: MiniSearch,
    private readonly rowOf: (id: string) => number | undefined,
  ) {}

  /** Call after documents were added or removed, with every term the index now holds. */
  reset(vocabulary: Iterable<string>): void {
    this.epoch += 1;
    this.postings.clear();
    this.fuzzyCache.clear();
    this.terms = new SearchableMap<true>();
    for (const term of vocabulary) this.terms.set(term, true);
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  exact(term: string): Postings {
    const cached = this.postings.get(term);
    if (cached) return cached;
    if (!this.terms.has(term)) return EMPTY;
    const results = this.miniSearch.search({ queries: [term] });
    const rows = new Int32Array(results.length);
    const scores = new Float64Array(results.length);
    let n = 0;
    for (const result of results) {
      const row = this.rowOf(result.id as string);
      if (row === undefined) continue;
      rows[n] = row;
      scores[n] = result.score;
      n += 1;
    }
    const postings = { rows: rows.subarray(0, n), scores: scores.subarray(0, n) };
    this.postings.set(term, postings);
    return postings;
  }

  /** Other terms of the index within `maxDistance` edits of `term`, as MiniSearch's fuzzy search finds them. */
  fuzzy(term: string, maxDistance: number): FuzzyTerm[] {
    if (maxDistance <= 0) return [];
    const key = `${maxDistance}:${term}`;
    const cached = this.fuzzyCache.get(key);
    if (cached) return cached;
    const found: FuzzyTerm[] = [];
    for (const [other, [, distance]] of this.terms.fuzzyGet(term, maxDistance)) {
      if (distance === 0) continue;
      found.push({ term: other, weight: (FUZZY_WEIGHT * other.length) / (other.length + distance) });
    }
    // Citizens' spellings are unbounded, unlike the index's own terms: start over rather than grow forever.
    if (this.fuzzyCache.size >= FUZZY_CACHE_MAX) this.fuzzyCache.clear();
    this.fuzzyCache.set(key, found);
    return found;
  }

  /** Fills the cache for every term, so the first questions after a build are as fast as the rest. */
  warm(): void {
    for (const term of this.terms.keys()) this.exact(term);
  }

  /**
   * Warms in slices between other work, so a reload goes live at once and questions in the meantime only
   * score the terms they use. Stops when the index changes again (that change starts its own warming).
   */
  warmInSlices(termsPerSlice = 250): void {
    const epoch = this.epoch;
    const terms = this.terms.keys();
    const slice = (): void => {
      if (this.epoch !== epoch) return;
      for (let n = 0; n < termsPerSlice; n += 1) {
        const next = terms.next();
        if (next.done) return;
        this.exact(next.value);
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  }
}
