import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  BUILT_IN_MODEL_PATH,
  parseHandoverModel,
  trainHandoverModel,
  type HandoverModel,
  type TrainingExample,
} from '../bot/index.ts';
import { parseCorpus, type CorpusIssue, type CorpusLine } from './training-corpus.ts';

/**
 * What the handover model learns from: a corpus written for training by writers who never saw the rules or the
 * labelled sets (eval/training/handover, see its README.md). The labelled sets in eval/datasets only measure.
 */
export const TRAINING_DIR = fileURLToPath(new URL('./training/handover/', import.meta.url));

export interface TrainingFile {
  path: string;
  examples: TrainingExample[];
}

/**
 * ID numbers are the rules' job (exact, checksum-aware), so pii examples teach the model nothing it should
 * use; the rest keep their label, `none` for what stays with the bot.
 */
export function corpusExamples(rows: readonly CorpusLine[]): TrainingExample[] {
  return rows.flatMap((row): TrainingExample[] =>
    row.label === 'pii' ? [] : [{ text: row.text, label: row.label }],
  );
}

export class TrainingCorpusInvalid extends Error {
  constructor(readonly issues: readonly CorpusIssue[]) {
    super(`Invalid training corpus:\n${issues.map((i) => `${i.path}:${i.line}  ${i.message}`).join('\n')}`);
    this.name = 'TrainingCorpusInvalid';
  }
}

/** Every corpus file, validated; any bad line stops training rather than training on half the data. */
export async function loadTrainingFiles(dir = TRAINING_DIR): Promise<TrainingFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  const seen = new Set<string>();
  const issues: CorpusIssue[] = [];
  const files: TrainingFile[] = [];
  for (const name of names) {
    const path = resolve(join(dir, name));
    const parsed = parseCorpus(await readFile(path, 'utf8'), name, seen);
    issues.push(...parsed.issues);
    files.push({ path, examples: corpusExamples(parsed.rows) });
  }
  if (issues.length > 0) throw new TrainingCorpusInvalid(issues);
  return files;
}

/**
 * Half of what the model learns is about messages that stay with the bot: the corpus holds about 45 % of them
 * (written to cover every handover reason), real chats far more, and a balanced fit handed over general
 * questions told in the first person ("vi flytter i juni, når må vi si opp barnehageplassen?").
 */
export const NONE_SHARE = 0.5;

/**
 * Words in more than 3 % of the messages ("jeg", "ikke", "i", "dag") are no features of their own (their pairs
 * and letter n-grams stay). Chosen on leave-one-corpus-out over corpora a-d, classifier alone, against keeping
 * every word: crisis at P(crisis) ≥ 0.4 1,042 -> 1,048 of 1,168, handover probability ≥ 0.7 on ordinary
 * messages 73 -> 64 of 3,659, handover recall 3,442 -> 3,436 of 3,907 (10 %: no change; 5 % and 1.5 % in between).
 */
export const MAX_WORD_SHARE = 0.03;

/** The model as shipped: trained on the whole corpus. */
export function trainShippedModel(files: readonly TrainingFile[]): HandoverModel {
  return trainHandoverModel(
    files.flatMap((f) => f.examples),
    { sources: files.map((f) => basename(f.path)), noneShare: NONE_SHARE, maxWordShare: MAX_WORD_SHARE },
  );
}

const trained = new Map<string, HandoverModel>();

/**
 * A model that never saw `questionFile`. The labelled sets are not in the corpus, so for them this is the
 * shipped model's training, trained once and shared; a corpus file held out gets a model without it.
 */
export function trainHeldOutModel(files: readonly TrainingFile[], questionFile: string): HandoverModel {
  const held = resolve(questionFile);
  const kept = files.filter((f) => f.path !== held);
  const key = kept.map((f) => f.path).join('\n');
  let model = trained.get(key);
  if (!model) trained.set(key, (model = withShippedOffsets(trainShippedModel(kept))));
  return model;
}

/**
 * The per-reason threshold offsets of the shipped model (chosen by cross-validation on the corpus when it was
 * trained, see handover-calibration.ts), so a held-out model decides as the shipped one would.
 */
function withShippedOffsets(model: HandoverModel): HandoverModel {
  const shipped = parseHandoverModel(readFileSync(BUILT_IN_MODEL_PATH, 'utf8'));
  const offsets = shipped.ok ? shipped.model.offsets : undefined;
  return offsets ? { ...model, offsets } : model;
}
