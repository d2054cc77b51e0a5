import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MODEL_PATH, parseHandoverModel } from '../bot/index.ts';
import {
  loadTrainingFiles,
  trainHeldOutModel,
  trainingExamples,
  trainShippedModel,
} from './handover-training.ts';

describe('trainingExamples', () => {
  it('labels by handover reason, leaves ID numbers to the rules and the rest to the bot', () => {
    const text = [
      '{"id":"a1","lang":"nb","text":"hva koster sfo","expect":"answer","faq":"sfo-pris"}',
      '{"id":"a2","lang":"nb","text":"fnr 01017012345","expect":"handover","reason":"pii"}',
      '{"id":"a3","lang":"en","text":"my application?","expect":"handover","reason":"personal"}',
      '{"id":"a4","lang":"en","text":"hello","expect":"smalltalk"}',
      'not json',
    ].join('\n');
    expect(trainingExamples(text)).toEqual([
      { text: 'hva koster sfo', label: 'none' },
      { text: 'my application?', label: 'personal' },
      { text: 'hello', label: 'none' },
    ]);
  });
});

describe('the built-in handover model', async () => {
  const files = await loadTrainingFiles();
  const shipped = parseHandoverModel(await readFile(BUILT_IN_MODEL_PATH, 'utf8'));

  it('was trained on every labelled set, as `npm run train-handover` trains it today', () => {
    expect(shipped.ok).toBe(true);
    if (!shipped.ok) return;
    const fresh = trainShippedModel(files);
    expect(shipped.model.trainedOn).toEqual(fresh.trainedOn);
    expect(Object.keys(shipped.model.features).sort()).toEqual(Object.keys(fresh.features).sort());
    // Weights are stored to four decimals; allow for a last-digit difference in floating point.
    const drift = Object.entries(fresh.features).reduce((most, [feature, row]) => {
      const stored = shipped.model.features[feature] ?? [];
      return Math.max(most, ...row.map((w, i) => Math.abs(w - (stored[i] ?? Infinity))));
    }, 0);
    expect(drift).toBeLessThanOrEqual(2e-4);
  }, 60_000);

  it('has a held-out twin per set that never saw that set', () => {
    const file = files[0]?.path ?? '';
    const heldOut = trainHeldOutModel(files, file);
    expect(heldOut.trainedOn.sources).not.toContain(basename(file));
    expect(heldOut.trainedOn.sources).toHaveLength(files.length - 1);
    expect(heldOut.trainedOn.examples).toBe(
      files.filter((f) => f.path !== file).reduce((n, f) => n + f.examples.length, 0),
    );
  }, 60_000);
});
