/**
 * `npm run train-answers [-- --knowledge DIR --questions FILE...]`: refits the shipped answer model
 * (bot/answer/answer-model.json) from labelled questions over a knowledge folder and that knowledge's own
 * probes. Deterministic: the same inputs give the same file.
 */
import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SHIPPED_MODEL_URL } from '../bot/index.ts';
import { answerTrainingRecords, trainShippedAnswerModel } from '../eval/answer-training.ts';
import { DEFAULT_QUESTIONS } from '../eval/default-questions.ts';

const opts = new Command('train-answers')
  .option('--knowledge <dir>', 'knowledge folder', 'knowledge/sample')
  .option('--questions <file...>', 'JSON Lines question file(s)', DEFAULT_QUESTIONS)
  .option('--out <file>', 'where to write the model', fileURLToPath(SHIPPED_MODEL_URL))
  .parse()
  .opts<{ knowledge: string; questions: string[]; out: string }>();

const started = performance.now();
const records = await answerTrainingRecords(opts.knowledge, opts.questions);
const model = trainShippedAnswerModel(
  records,
  `shipped: ${records.labelled.length} labelled questions and ${records.probes.length} probes over ${opts.knowledge}, lexical`,
);
await writeFile(opts.out, `${JSON.stringify(model, null, 2)}\n`);
console.log(`${model.source}; ${Math.round(performance.now() - started)} ms`);
