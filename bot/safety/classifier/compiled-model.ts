import { charGrams, MAX_WORDS, pairFeature, shapeWord, wordFeature } from './features.ts';
import type { HandoverModel } from './handover-model.ts';

/** A message's TF-IDF vector: feature ids in the order `vectorise` gives them, and their values. */
export interface MessageVector {
  ids: number[];
  values: number[];
  /** Where the words block starts: letter n-grams before, words and pairs from here on. */
  wordsFrom: number;
}

interface WordFeatures {
  shaped: string;
  /** Ids of the word's letter n-grams that the model knows, in the order they are cut. */
  grams: Int32Array;
  /** Id of the word feature, or -1. */
  word: number;
}

/** Distinct words remembered per model; beyond this the cache starts over. */
const WORD_CACHE_MAX = 20_000;

const compiled = new WeakMap<HandoverModel, CompiledHandoverModel>();

/**
 * A handover model prepared for scoring one message after another: every feature gets a number, its IDF and
 * weights sit in one typed array, and each word's n-grams are cut and looked up once, then remembered.
 * Looking features up by string in the parsed JSON (tens of thousands of keys) and counting them in maps cost
 * far more than the arithmetic. `vector` gives exactly `vectorise(featureCounts(words), idf)`, in the same
 * order and to the last bit (compiled-model.test.ts), so the scores do not move.
 */
export class CompiledHandoverModel {
  static of(model: HandoverModel): CompiledHandoverModel {
    let found = compiled.get(model);
    if (!found) {
      const stride = model.bias.length + 1;
      const names = Object.keys(model.features);
      const table = new Float64Array(names.length * stride);
      names.forEach((name, id) => {
        const row = model.features[name] ?? [];
        for (let k = 0; k < stride; k += 1) table[id * stride + k] = row[k] ?? 0;
      });
      found = new CompiledHandoverModel(stride, names, table);
      compiled.set(model, found);
    }
    return found;
  }

  /** The table of a model as `of` builds it (`names` in `Object.keys(features)` order): what the build ships. */
  exportTable(): { names: string[]; table: Float64Array } {
    return { names: this.names, table: this.table };
  }

  /**
   * A model whose table the build already made (bot/built-ins.ts): `features` is filled in from the table
   * only if something reads it, since scoring reads the table.
   */
  static fromTable(
    head: Omit<HandoverModel, 'features'>,
    names: string[],
    table: Float64Array,
  ): HandoverModel {
    const stride = head.bias.length + 1;
    let features: HandoverModel['features'] | undefined;
    const model = { ...head } as HandoverModel;
    Object.defineProperty(model, 'features', {
      enumerable: true,
      get: () =>
        (features ??= Object.fromEntries(
          names.map((name, id) => [name, Array.from(table.subarray(id * stride, (id + 1) * stride))]),
        )),
    });
    compiled.set(model, new CompiledHandoverModel(stride, names, table));
    return model;
  }

  private readonly idOf = new Map<string, number>();
  private readonly words = new Map<string, WordFeatures>();
  /** Scratch counts per id while one message is counted; all zero in between. */
  private readonly counts: Int32Array;

  private constructor(
    private readonly stride: number,
    /** Feature names by id. */
    readonly names: string[],
    /** Per id: the IDF, then one weight per class. */
    private readonly table: Float64Array,
  ) {
    names.forEach((name, id) => this.idOf.set(name, id));
    this.counts = new Int32Array(names.length);
  }

  /** The weight of feature `id` for class number `cls` (in the model's `classes` order). */
  weight(id: number, cls: number): number {
    return this.table[id * this.stride + 1 + cls] as number;
  }

  vector(foldedWords: readonly string[]): MessageVector {
    const entries = foldedWords.slice(0, MAX_WORDS).map((w) => this.featuresOf(w));
    const out: MessageVector = { ids: [], values: [], wordsFrom: 0 };
    // Letter n-grams, then words and pairs: two blocks, each normalised on its own (see `vectorise`).
    const grams: number[] = [];
    for (const entry of entries) for (const id of entry.grams) this.count(id, grams);
    this.addBlock(grams, out);
    out.wordsFrom = out.ids.length;
    const words: number[] = [];
    entries.forEach((entry, i) => {
      if (entry.word >= 0) this.count(entry.word, words);
      const next = entries[i + 1];
      if (next === undefined) return;
      const pair = this.idOf.get(pairFeature(entry.shaped, next.shaped));
      if (pair !== undefined) this.count(pair, words);
    });
    this.addBlock(words, out);
    return out;
  }

  /** Counts a feature; `order` keeps the first occurrences, as a Map's insertion order would. */
  private count(id: number, order: number[]): void {
    const before = this.counts[id] as number;
    if (before === 0) order.push(id);
    this.counts[id] = before + 1;
  }

  /** Sublinear term frequency times IDF, normalised to length 1; clears the counts it read. */
  private addBlock(order: readonly number[], out: MessageVector): void {
    const start = out.values.length;
    let norm = 0;
    for (const id of order) {
      const value = (1 + Math.log(this.counts[id] as number)) * (this.table[id * this.stride] as number);
      this.counts[id] = 0;
      out.ids.push(id);
      out.values.push(value);
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = start; k < out.values.length; k += 1) out.values[k] = (out.values[k] as number) * scale;
  }

  private featuresOf(word: string): WordFeatures {
    const cached = this.words.get(word);
    if (cached) return cached;
    const shaped = shapeWord(word);
    const grams: number[] = [];
    for (const gram of charGrams(shaped)) {
      const id = this.idOf.get(gram);
      if (id !== undefined) grams.push(id);
    }
    const entry = { shaped, grams: Int32Array.from(grams), word: this.idOf.get(wordFeature(shaped)) ?? -1 };
    // Citizens' spellings are unbounded: start over rather than grow forever.
    if (this.words.size >= WORD_CACHE_MAX) this.words.clear();
    this.words.set(word, entry);
    return entry;
  }
}
