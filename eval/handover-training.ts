import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trainHandoverModel, type HandoverModel, type TrainingExample } from '../bot/index.ts';
import { parseQuestions } from './dataset.ts';

/** The labelled sets are also what the handover model learns from (bot/README.md, "Handover classifier"). */
export const TRAINING_DIR = fileURLToPath(new URL('./datasets/', import.meta.url));

export interface TrainingFile {
  path: string;
  examples: TrainingExample[];
}

/**
 * ID numbers are the rules' job (exact, checksum-aware), so pii examples teach the model nothing it should
 * use; every question that does not go to a person is `none`.
 */
export function trainingExamples(text: string): TrainingExample[] {
  return parseQuestions(text).questions.flatMap((q): TrainingExample[] => {
    if (q.expect !== 'handover') return [{ text: q.text, label: 'none' }];
    if (!q.reason || q.reason === 'pii') return [];
    return [{ text: q.text, label: q.reason }];
  });
}

export async function loadTrainingFiles(dir = TRAINING_DIR): Promise<TrainingFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  return Promise.all(
    names.map(async (name) => {
      const path = resolve(join(dir, name));
      return { path, examples: trainingExamples(await readFile(path, 'utf8')) };
    }),
  );
}

/** The model as shipped: trained on every labelled set. */
export function trainShippedModel(files: readonly TrainingFile[]): HandoverModel {
  return trainHandoverModel(
    files.flatMap((f) => f.examples),
    { sources: files.map((f) => basename(f.path)) },
  );
}

/**
 * A model that never saw `questionFile`: scoring a set with a model trained on it would measure memory, not
 * the bot. A file outside the training folder gets the shipped model's training.
 */
export function trainHeldOutModel(files: readonly TrainingFile[], questionFile: string): HandoverModel {
  const held = resolve(questionFile);
  return trainShippedModel(files.filter((f) => f.path !== held));
}
