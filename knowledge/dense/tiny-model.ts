import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { modelFolder } from './model-files.ts';
import { encodeTinyBertOnnx } from './tiny-onnx-graph.ts';
import { buildVocabulary, modelConfigJson, tokenizerConfigJson, tokenizerJson } from './tiny-tokenizer.ts';

export const TINY_MODEL_ID = 'svar/tiny-e5';

export interface TinyModelOptions {
  /** Texts whose words become whole tokens; other words are spelled out letter by letter. */
  texts?: readonly string[];
  /** 32 keeps the model file small; the real e5-small has 384. */
  dimensions?: number;
  seed?: number;
  /** Cap on whole-word tokens, most frequent first. */
  maxWords?: number;
  modelId?: string;
}

export interface TinyModel {
  modelId: string;
  folder: string;
  vocabSize: number;
  dimensions: number;
}

/**
 * Writes a tiny BERT-shaped model to `<modelsDir>/svar/tiny-e5` (config.json, tokenizer files and
 * onnx/model.onnx), loadable offline by loadEmbedder like a real model. Written to a hidden folder and
 * renamed into place, so a reader never sees half a model.
 */
export async function writeTinyModel(modelsDir: string, options: TinyModelOptions = {}): Promise<TinyModel> {
  const modelId = options.modelId ?? TINY_MODEL_ID;
  const dimensions = options.dimensions ?? 32;
  const vocab = buildVocabulary(options.texts ?? [], options.maxWords ?? 20_000);
  const onnxBytes = await encodeTinyBertOnnx({
    vocabSize: vocab.length,
    dimensions,
    seed: options.seed ?? 1,
  });

  const folder = modelFolder(modelsDir, modelId);
  const staging = join(modelsDir, `.tiny-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(join(staging, 'onnx'), { recursive: true });
    const json = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;
    await writeFile(join(staging, 'config.json'), json(modelConfigJson(vocab.length, dimensions)));
    await writeFile(join(staging, 'tokenizer.json'), json(tokenizerJson(vocab)));
    await writeFile(join(staging, 'tokenizer_config.json'), json(tokenizerConfigJson()));
    await writeFile(join(staging, 'onnx', 'model.onnx'), onnxBytes);
    await mkdir(dirname(folder), { recursive: true });
    await rm(folder, { recursive: true, force: true });
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return { modelId, folder, vocabSize: vocab.length, dimensions };
}
