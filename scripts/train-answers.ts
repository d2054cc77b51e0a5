/**
 * `npm run train-answers [-- --knowledge DIR --questions FILE...] [--all-folders]`: refits the shipped answer
 * model (bot/answer/answer-model.json) from labelled questions over a knowledge folder and that knowledge's
 * own probes (by default knowledge/sample and the public sets). The out-of-scope words
 * (bot/answer/scope-words.ts) are learnt from every knowledge folder with labelled questions
 * (eval/leave-one-out.ts) but kommune-a, whose blind set eval/floors.json guards as the cross-knowledge run:
 * fitted on one folder's sets they learn that folder's topics, not what municipal FAQs leave out. --all-folders
 * pools every folder for both, the procedure `npm run eval -- --leave-one-out` measures. Deterministic: the same
 * inputs give the same file.
 */
import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_MODEL_URL } from '../bot/index.ts';
import { answerTrainingRecords, trainShippedAnswerModel } from '../eval/answer-training.ts';
import { DEFAULT_QUESTIONS } from '../eval/default-questions.ts';
import { MUNICIPALITIES } from '../eval/leave-one-out.ts';

const opts = new Command('train-answers')
  .option('--knowledge <dir>', 'knowledge folder', 'knowledge/sample')
  .option('--questions <file...>', 'JSON Lines question file(s)', DEFAULT_QUESTIONS)
  .option('--all-folders', 'pool every knowledge folder with labelled questions (eval/leave-one-out.ts)')
  .option('--out <file>', 'where to write the model', fileURLToPath(SHIPPED_MODEL_URL))
  .parse()
  .opts<{ knowledge: string; questions: string[]; allFolders?: boolean; out: string }>();

/** The cross-knowledge run eval/floors.json guards: never trained on. */
const FLOORS_FOLDER = 'kommune-a';

const started = performance.now();
const folders = opts.allFolders
  ? MUNICIPALITIES
  : [{ label: opts.knowledge, knowledge: opts.knowledge, questions: opts.questions }];
const scopeFolders = opts.allFolders ? folders : MUNICIPALITIES.filter((m) => m.label !== FLOORS_FOLDER);
const read = new Map<string, Awaited<ReturnType<typeof answerTrainingRecords>>>();
const recordsOf = async (folder: { knowledge: string; questions: readonly string[] }) => {
  const key = `${resolve(folder.knowledge)}|${folder.questions.map((q) => resolve(q)).join(',')}`;
  let hit = read.get(key);
  if (!hit) read.set(key, (hit = await answerTrainingRecords(folder.knowledge, folder.questions)));
  return { label: resolve(folder.knowledge), ...hit };
};
const records = [];
for (const folder of folders) records.push(await recordsOf(folder));
const scopeRecords = [];
for (const folder of scopeFolders) scopeRecords.push(await recordsOf(folder));
const labelled = records.reduce((n, r) => n + r.labelled.length, 0);
const probes = records.reduce((n, r) => n + r.probes.length, 0);
const model = trainShippedAnswerModel(
  records,
  `shipped: ${labelled} labelled questions and ${probes} probes over ${folders.map((f) => f.label).join(', ')}, lexical; out-of-scope words from ${scopeFolders.map((f) => f.label).join(', ')}`,
  scopeRecords,
);
await writeFile(opts.out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`${model.source}; ${Math.round(performance.now() - started)} ms`);
