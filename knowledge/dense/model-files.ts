import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The files transformers.js needs to run a feature-extraction model offline. */
export const REQUIRED_MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

export type WeightsDtype = 'q8' | 'fp32';

/** Preference order: int8 weights are 4× smaller and faster on CPU; fp32 is what the test fixture has. */
export const WEIGHT_FILES: readonly { file: string; dtype: WeightsDtype }[] = [
  { file: 'onnx/model_quantized.onnx', dtype: 'q8' },
  { file: 'onnx/model.onnx', dtype: 'fp32' },
];

/** "owner/name" or "name": a model id is also a path under the models folder, so nothing that climbs out. */
const MODEL_ID = /^[A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)?$/;

export function isValidModelId(modelId: string): boolean {
  return MODEL_ID.test(modelId) && !modelId.includes('..');
}

export function modelFolder(modelsDir: string, modelId: string): string {
  return join(modelsDir, ...modelId.split('/'));
}

export type ModelFolderState =
  | { complete: true; dtype: WeightsDtype; weightsFile: string; bytes: number }
  | { complete: false; missing: string[] };

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() && info.size > 0 ? info.size : undefined;
  } catch {
    return undefined;
  }
}

/** Checks that a model folder has everything needed to load it, and which weights it carries. */
export async function inspectModelFolder(folder: string): Promise<ModelFolderState> {
  const missing: string[] = [];
  let bytes = 0;
  for (const file of REQUIRED_MODEL_FILES) {
    const size = await fileSize(join(folder, file));
    if (size === undefined) missing.push(file);
    else bytes += size;
  }
  let weights: { file: string; dtype: WeightsDtype; size: number } | undefined;
  for (const candidate of WEIGHT_FILES) {
    const size = await fileSize(join(folder, candidate.file));
    if (size !== undefined) {
      weights = { ...candidate, size };
      break;
    }
  }
  if (!weights) missing.push(WEIGHT_FILES.map((w) => w.file).join(' or '));
  if (missing.length > 0 || !weights) return { complete: false, missing };
  return { complete: true, dtype: weights.dtype, weightsFile: weights.file, bytes: bytes + weights.size };
}

export interface InstalledModel {
  modelId: string;
  folder: string;
  dtype: WeightsDtype;
  weightsFile: string;
  bytes: number;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    // Dot-folders are unfinished downloads and index generations in progress.
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Complete models under the models folder, as "owner/name" (the hub layout) or a bare "name". */
export async function listInstalledModels(modelsDir: string): Promise<InstalledModel[]> {
  const found: InstalledModel[] = [];
  const consider = async (modelId: string): Promise<boolean> => {
    const folder = modelFolder(modelsDir, modelId);
    const state = await inspectModelFolder(folder);
    if (!state.complete) return false;
    found.push({ modelId, folder, dtype: state.dtype, weightsFile: state.weightsFile, bytes: state.bytes });
    return true;
  };
  for (const first of await subfolders(modelsDir)) {
    if (await consider(first)) continue;
    for (const second of await subfolders(join(modelsDir, first))) await consider(`${first}/${second}`);
  }
  return found;
}
