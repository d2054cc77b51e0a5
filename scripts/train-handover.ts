/**
 * `npm run train-handover`: retrains bot/safety/classifier/handover-model.json from every file in
 * eval/training/handover (drop new corpus files there and run it again), with per-reason threshold offsets
 * chosen by cross-validation on the corpus (eval/handover-calibration.ts; `--no-calibrate` skips that).
 * `npm run train-handover -- --cv [--misses]`: leave-one-file-out cross-validation of the whole safety
 * decision on the corpus instead, per reason and language (eval/handover-cv.ts); the model file is untouched.
 * `npm run train-handover -- --loco [--misses] [--json FILE] [--corpora-only | --spent-only]`: the honest figure, leave one corpus out plus the
 * spent sets, per reason, language, crisis kind and mechanism (eval/handover-loco.ts).
 */
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { BUILT_IN_MODEL_PATH, DEFAULT_THRESHOLDS } from '../bot/index.ts';
import { calibrateOffsets, type Calibration } from '../eval/handover-calibration.ts';
import { crossValidate, formatSummary, summarise } from '../eval/handover-cv.ts';
import {
  formatHonest,
  formatMisses,
  leaveOneCorpusOut,
  spentSets,
  trainCalibrated,
} from '../eval/handover-loco.ts';
import { loadTrainingFiles, trainShippedModel } from '../eval/handover-training.ts';

const started = performance.now();
const files = await loadTrainingFiles();
if (process.argv.includes('--loco')) {
  // The honest figure: each corpus decided by a model trained and calibrated without it, then the spent sets.
  const min = DEFAULT_THRESHOLDS.handoverModelMin;
  const only = process.argv.includes('--hold-out')
    ? process.argv[process.argv.indexOf('--hold-out') + 1]
    : undefined;
  // `--spent-only`: the spent sets alone, for a before/after on them without the four corpus folds.
  const rows = process.argv.includes('--spent-only')
    ? []
    : await leaveOneCorpusOut(files, min, (c) => console.error(`held out: corpus ${c}`), only);
  if (!process.argv.includes('--corpora-only')) rows.push(...(await spentSets(trainCalibrated(files, min))));
  console.log(formatHonest(rows));
  if (process.argv.includes('--misses')) console.log(formatMisses(rows));
  const out = process.argv[process.argv.indexOf('--json') + 1];
  if (process.argv.includes('--json') && out) await writeFile(out, `${JSON.stringify(rows)}\n`);
} else if (process.argv.includes('--cv')) {
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
  // Per-reason offsets by cross-validation on the corpus; `--no-calibrate` keeps one threshold for all.
  if (!process.argv.includes('--no-calibrate')) {
    const calibration = calibrateOffsets(files, DEFAULT_THRESHOLDS.handoverModelMin);
    model.offsets = calibration.offsets;
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const line = (o: Calibration['before']) =>
      `false handovers ${pct(o.falseHandovers)}; ${Object.entries(o.recall)
        .map(([r, x]) => `${r} ${pct(x)}`)
        .join(', ')}`;
    console.log(`out of fold, one threshold: ${line(calibration.before)}`);
    console.log(
      `out of fold, with offsets ${JSON.stringify(calibration.offsets)}: ${line(calibration.after)}`,
    );
  }
  await writeFile(BUILT_IN_MODEL_PATH, `${JSON.stringify(model)}\n`);
  console.log(
    `${relative(process.cwd(), BUILT_IN_MODEL_PATH)}: ${model.trainedOn.examples} examples from ${files.length} corpus files, ` +
      `${Object.keys(model.features).length} features, ${Math.round(performance.now() - started)} ms`,
  );
}
