/** `npm run train-handover`: retrains bot/safety/classifier/handover-model.json from eval/training/handover. */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { BUILT_IN_MODEL_PATH } from '../bot/index.ts';
import { loadTrainingFiles, trainShippedModel } from '../eval/handover-training.ts';

const started = performance.now();
const files = await loadTrainingFiles();
const model = trainShippedModel(files);
await writeFile(BUILT_IN_MODEL_PATH, `${JSON.stringify(model)}\n`);
console.log(
  `${relative(process.cwd(), BUILT_IN_MODEL_PATH)}: ${model.trainedOn.examples} examples from ${files.length} corpus files, ` +
    `${Object.keys(model.features).length} features, ${Math.round(performance.now() - started)} ms`,
);
