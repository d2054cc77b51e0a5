import {
  env,
  pipeline,
  type FeatureExtractionPipeline,
  type PretrainedModelOptions,
} from '@huggingface/transformers';
import type { Embedder } from './embedder.ts';
import type { WeightsDtype } from './model-files.ts';

/** Texts per forward pass: large enough to amortise overhead, small enough to keep padding waste low. */
export const DEFAULT_BATCH_SIZE = 16;

const QUERY_PREFIX = 'query: ';
const PASSAGE_PREFIX = 'passage: ';

export interface TransformersEmbedderOptions {
  modelId: string;
  /** Absolute path of the folder with config.json, tokenizer.json and onnx/. */
  folder: string;
  modelsDir: string;
  dtype: WeightsDtype;
  batchSize?: number;
}

// pipeline()'s overloads span every task and make tsc give up ("union type too complex"); one task is enough.
const featureExtraction = pipeline as unknown as (
  task: 'feature-extraction',
  model: string,
  options: PretrainedModelOptions,
) => Promise<FeatureExtractionPipeline>;

/**
 * transformers.js keeps its settings in one global object. Svar only ever loads from disk (downloads go
 * through pullModel, which has timeouts and atomic installs), so the library is told never to fetch or cache.
 */
function configureOffline(modelsDir: string): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir;
  env.cacheDir = modelsDir;
  env.useFSCache = false;
  env.useBrowserCache = false;
}

/** Loads a feature-extraction model from a local folder and wraps it with e5 prefixes, batching and pooling. */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  configureOffline(options.modelsDir);
  // An absolute folder is not a valid hub id, so transformers.js reads the files from exactly there.
  const extractor = await featureExtraction('feature-extraction', options.folder, {
    dtype: options.dtype,
    device: 'cpu',
    local_files_only: true,
    session_options: { logSeverityLevel: 3 },
  });
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);

  const embed = async (texts: string[], prefix: string): Promise<Float32Array[]> => {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize).map((text) => prefix + text);
      const output = await extractor(batch, { pooling: 'mean', normalize: true });
      const [rows, width] = output.dims;
      if (rows !== batch.length || width === undefined) {
        throw new Error(
          `embedding model returned shape [${output.dims.join(', ')}] for ${batch.length} texts`,
        );
      }
      const data = output.data as Float32Array;
      for (let row = 0; row < rows; row++) vectors.push(data.slice(row * width, (row + 1) * width));
    }
    return vectors;
  };

  // One probe tells the real output width and proves the graph runs before anyone relies on it.
  const [probe] = await embed(['probe'], QUERY_PREFIX);
  if (!probe || probe.length === 0) throw new Error('embedding model returned no vector');

  return {
    modelId: options.modelId,
    dimensions: probe.length,
    embedQueries: (texts) => embed(texts, QUERY_PREFIX),
    embedPassages: (texts) => embed(texts, PASSAGE_PREFIX),
  };
}
