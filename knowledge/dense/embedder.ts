/**
 * What the knowledge layer needs from an embedding model. e5 models are trained with "query: " and
 * "passage: " prefixes, so the two sides are separate methods and implementations apply the prefixes.
 */
export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** Applies the e5 "query: " prefix; vectors are L2-normalised. */
  embedQueries(texts: string[]): Promise<Float32Array[]>;
  /** Applies the e5 "passage: " prefix; vectors are L2-normalised. */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
}

export const DEFAULT_MODEL_ID = 'Xenova/multilingual-e5-small';
