import { resolve } from 'node:path';
import type { Embedder } from './embedder.ts';
import { inspectModelFolder, isValidModelId, modelFolder } from './model-files.ts';
import { pullModel } from './pull-model.ts';

export interface LoadEmbedderOptions {
  modelId: string;
  /** Where `npm run models -- pull` puts models: `<modelsDir>/<owner>/<name>`. */
  modelsDir: string;
  /** A copied model folder for air-gapped servers; used instead of `<modelsDir>/<model id>`. */
  localPath?: string;
  /** Try the model hub once when the model is missing. */
  allowRemote: boolean;
  /** How long the hub may stay silent before the attempt is given up. */
  timeoutMs?: number;
  /** A hub mirror, `<host>/<model id>/resolve/main/<file>`. */
  remoteHost?: string;
  onProgress?: (message: string) => void;
}

export type LoadEmbedderResult = { ok: true; embedder: Embedder } | { ok: false; reason: string };

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim() || 'unknown error';
}

function shown(dir: string): string {
  return dir.endsWith('/') ? dir : `${dir}/`;
}

/**
 * Loads the embedding model from disk, fetching it once first when that is allowed. Every failure comes
 * back as one plain line (for start-up output and the health endpoint), never as a thrown stack trace.
 */
export async function loadEmbedder(options: LoadEmbedderOptions): Promise<LoadEmbedderResult> {
  const { modelId } = options;
  if (!isValidModelId(modelId)) {
    return { ok: false, reason: `embedding model id "${modelId}" is not valid (expected owner/name)` };
  }
  const folder = resolve(options.localPath ?? modelFolder(options.modelsDir, modelId));
  let state = await inspectModelFolder(folder);

  if (!state.complete && options.localPath !== undefined) {
    return {
      ok: false,
      reason: `embedding model folder ${options.localPath} is incomplete (missing ${state.missing.join(', ')})`,
    };
  }
  if (!state.complete && !options.allowRemote) {
    return {
      ok: false,
      reason: `embedding model ${modelId} not found in ${shown(options.modelsDir)} (run: npm run models -- pull)`,
    };
  }
  if (!state.complete) {
    options.onProgress?.(
      `embedding model ${modelId} not found in ${shown(options.modelsDir)}; fetching it once`,
    );
    const pulled = await pullModel({
      modelId,
      modelsDir: options.modelsDir,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.remoteHost !== undefined ? { remoteHost: options.remoteHost } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (!pulled.ok) {
      const where = `embedding model ${modelId} not found in ${shown(options.modelsDir)}`;
      return {
        ok: false,
        reason: pulled.unreachable
          ? `${where} and the model hub could not be reached (${pulled.detail})`
          : `${where} and could not be downloaded: ${pulled.reason}`,
      };
    }
    state = await inspectModelFolder(folder);
    if (!state.complete) {
      return {
        ok: false,
        reason: `embedding model ${modelId} is incomplete after download (missing ${state.missing.join(', ')})`,
      };
    }
  }

  try {
    // Loaded only when there is a model to run: the library costs a good part of a second at every start.
    const { createTransformersEmbedder } = await import('./transformers-embedder.ts');
    const embedder = await createTransformersEmbedder({
      modelId,
      folder,
      modelsDir: resolve(options.modelsDir),
      dtype: state.dtype,
    });
    return { ok: true, embedder };
  } catch (error) {
    return {
      ok: false,
      reason: `embedding model ${modelId} in ${folder} could not be loaded: ${firstLine(error)}`,
    };
  }
}
