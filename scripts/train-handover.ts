/**
 * `npm run train-handover`: retrains bot/safety/classifier/handover-model.json from every file in
 * eval/training/handover (drop new corpus files there and run it again).
 * `npm run train-handover -- --cv [--misses]`: leave-one-file-out cross-validation of the whole safety
 * decision on the corpus instead, per reason and language (eval/handover-cv.ts); the model file is untouched.
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { BUILT_IN_MODEL_PATH } from '../bot/index.ts';
import { crossValidate, formatSummary, summarise } from '../eval/handover-cv.ts';
import { loadTrainingFiles, trainShippedModel } from '../eval/handover-training.ts';

const started = performance.now();
const files = await loadTrainingFiles();
if (process.argv.includes('--cv')) {
  const rows = await crossValidate(files, (file) => console.error(`fold ${file}`));
  console.log(formatSummary(summarise(rows)));
  if (process.argv.includes('--misses')) {
    for (const r of rows) {
      const miss = r.label === 'none' ? r.reason !== undefined : r.reason === undefined;
      if (miss) console.log(`${r.file}\t${r.label}\t${r.reason ?? '-'}\t${r.text}`);
    }
  }
} else {
  const model = trainShippedModel(files);
  await writeFile(BUILT_IN_MODEL_PATH, `${JSON.stringify(model)}\n`);
  console.log(
    `${relative(process.cwd(), BUILT_IN_MODEL_PATH)}: ${model.trainedOn.examples} examples from ${files.length} corpus files, ` +
      `${Object.keys(model.features).length} features, ${Math.round(performance.now() - started)} ms`,
  );
}
