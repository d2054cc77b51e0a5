import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  REQUIRED_MODEL_FILES,
  WEIGHT_FILES,
  inspectModelFolder,
  isValidModelId,
  modelFolder,
  type WeightsDtype,
} from './model-files.ts';

export const DEFAULT_MODEL_HOST = 'https://huggingface.co';
/** A download is given up when the hub sends nothing (no headers, no bytes) for this long. */
export const DEFAULT_IDLE_TIMEOUT_MS = 15_000;

export interface PullModelOptions {
  modelId: string;
  modelsDir: string;
  /** A hub mirror; the file layout must be `<host>/<model id>/resolve/main/<file>`. */
  remoteHost?: string;
  timeoutMs?: number;
  onProgress?: (message: string) => void;
}

export type PullModelResult =
  | { ok: true; folder: string; dtype: WeightsDtype; bytes: number; alreadyPresent: boolean }
  /** `unreachable`: the hub did not answer at all, as opposed to answering with an error. */
  | { ok: false; reason: string; unreachable: boolean; detail: string };

class PullError extends Error {
  constructor(
    message: string,
    readonly unreachable: boolean,
    /** For an unreachable hub: just the cause, e.g. "getaddrinfo ENOTFOUND huggingface.co". */
    readonly detail = message,
  ) {
    super(message);
  }
}

const NOT_FOUND = Symbol('not found');

function describeFetchFailure(error: unknown, url: string, timeoutMs: number, timedOut: boolean): PullError {
  const host = new URL(url).host;
  if (timedOut) {
    const detail = `no answer within ${Math.round(timeoutMs / 1000)} s`;
    return new PullError(`${host} gave ${detail}`, true, detail);
  }
  // fetch() wraps network errors as "fetch failed"; the cause says what actually happened.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = cause ?? (error instanceof Error ? error.message : String(error));
  const detail = message.split('\n')[0] ?? message;
  return new PullError(`${host} could not be reached (${detail})`, true, detail);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * Streams one file to disk. The timer restarts on every chunk, so a slow but moving download of a large
 * weights file is fine while a silent connection is dropped.
 */
async function downloadFile(
  url: string,
  destination: string,
  timeoutMs: number,
  report: (loaded: number, total: number) => void,
): Promise<number | typeof NOT_FOUND> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw describeFetchFailure(error, url, timeoutMs, timedOut);
    }
    // The hub answers 401 rather than 404 for repositories that do not exist.
    if (response.status === 404 || response.status === 401) {
      await response.body?.cancel().catch(() => undefined);
      return NOT_FOUND;
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new PullError(`${new URL(url).host} answered HTTP ${response.status} for ${url}`, false);
    }
    const total = Number(response.headers.get('content-length')) || 0;
    await mkdir(dirname(destination), { recursive: true });
    const handle = await open(destination, 'w');
    let loaded = 0;
    try {
      const reader = response.body.getReader();
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          arm();
          chunk = await reader.read();
        } catch (error) {
          throw describeFetchFailure(error, url, timeoutMs, timedOut);
        }
        if (chunk.done) break;
        await handle.write(chunk.value);
        loaded += chunk.value.byteLength;
        report(loaded, total);
      }
    } finally {
      await handle.close();
    }
    if (total && loaded !== total) {
      throw new PullError(`download of ${url} ended early (${loaded} of ${total} bytes)`, false);
    }
    return loaded;
  } finally {
    clearTimeout(timer);
  }
}

function fileUrl(host: string, modelId: string, file: string): string {
  return `${host.replace(/\/+$/, '')}/${modelId}/resolve/main/${file}`;
}

/** Reports each file's progress in steps of 10 % so a log stays readable. */
function progressReporter(
  onProgress: ((message: string) => void) | undefined,
  modelId: string,
  file: string,
) {
  let lastStep = -1;
  return (loaded: number, total: number): void => {
    if (!onProgress || !total) return;
    const step = Math.floor((loaded / total) * 10);
    if (step === lastStep) return;
    lastStep = step;
    onProgress(`${modelId}: ${file} ${step * 10}% (${megabytes(loaded)} of ${megabytes(total)})`);
  };
}

/**
 * Downloads a model's config, tokenizer and ONNX weights (int8 if the hub has them, else fp32) into
 * `<modelsDir>/<model id>`. Everything lands in a hidden temporary folder first and is renamed into place
 * only when complete, so an interrupted or failed pull never leaves a half-written model behind.
 */
export async function pullModel(options: PullModelOptions): Promise<PullModelResult> {
  const { modelId, modelsDir } = options;
  if (!isValidModelId(modelId)) {
    const reason = `"${modelId}" is not a valid model id (expected owner/name)`;
    return { ok: false, reason, unreachable: false, detail: reason };
  }
  const target = modelFolder(modelsDir, modelId);
  const existing = await inspectModelFolder(target);
  if (existing.complete) {
    return { ok: true, folder: target, dtype: existing.dtype, bytes: existing.bytes, alreadyPresent: true };
  }

  const host = options.remoteHost ?? DEFAULT_MODEL_HOST;
  const timeoutMs = options.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const staging = join(modelsDir, `.pull-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(staging, { recursive: true });
    let bytes = 0;
    for (const file of REQUIRED_MODEL_FILES) {
      options.onProgress?.(`${modelId}: downloading ${file}`);
      const size = await downloadFile(
        fileUrl(host, modelId, file),
        join(staging, file),
        timeoutMs,
        () => undefined,
      );
      if (size === NOT_FOUND) {
        throw new PullError(`${file} of ${modelId} was not found on ${new URL(host).host}`, false);
      }
      bytes += size;
    }
    let dtype: WeightsDtype | undefined;
    for (const weights of WEIGHT_FILES) {
      options.onProgress?.(`${modelId}: downloading ${weights.file}`);
      const size = await downloadFile(
        fileUrl(host, modelId, weights.file),
        join(staging, weights.file),
        timeoutMs,
        progressReporter(options.onProgress, modelId, weights.file),
      );
      if (size === NOT_FOUND) continue;
      bytes += size;
      dtype = weights.dtype;
      break;
    }
    if (!dtype) throw new PullError(`${modelId} has no ONNX weights on ${new URL(host).host}`, false);

    await mkdir(dirname(target), { recursive: true });
    // An incomplete folder from an older copy would block the rename; it holds nothing usable.
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    options.onProgress?.(`${modelId}: installed in ${target} (${megabytes(bytes)}, ${dtype} weights)`);
    return { ok: true, folder: target, dtype, bytes, alreadyPresent: false };
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof PullError) {
      return { ok: false, reason: error.message, unreachable: error.unreachable, detail: error.detail };
    }
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.split('\n')[0] ?? message;
    return { ok: false, reason, unreachable: false, detail: reason };
  }
}
