import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MODEL_PATH, parseHandoverModel } from '../bot/index.ts';
import {
  corpusExamples,
  loadTrainingFiles,
  trainHeldOutModel,
  trainShippedModel,
} from './handover-training.ts';
import { parseCorpus } from './training-corpus.ts';

describe('the training corpus', () => {
  it('labels by handover reason and leaves ID numbers to the rules', () => {
    const { rows, issues } = parseCorpus(
      [
        '{"id":"a1","lang":"nb","text":"hva koster sfo","label":"none"}',
        '{"id":"a2","lang":"nb","text":"fnr 01017012345","label":"pii"}',
        '{"id":"a3","lang":"en","text":"my application?","label":"personal","context":["hi"]}',
      ].join('\n'),
      'x.jsonl',
    );
    expect(issues).toEqual([]);
    expect(corpusExamples(rows)).toEqual([
      { text: 'hva koster sfo', label: 'none' },
      { text: 'my application?', label: 'personal' },
    ]);
  });

  it('reports bad lines with file and line, and ids used twice', () => {
    const { rows, issues } = parseCorpus(
      [
        '{"id":"a1","lang":"nb","text":"ok","label":"none"}',
        'not json',
        '{"id":"a2","lang":"xx","text":"t","label":"none"}',
        '{"id":"a3","lang":"nb","text":"t","label":"urgent"}',
        '{"id":"a1","lang":"nb","text":"again","label":"none"}',
        '{"id":"a4","lang":"nb","text":"t","label":"none","expect":"answer"}',
      ].join('\n'),
      'x.jsonl',
    );
    expect(rows).toHaveLength(1);
    expect(issues.map((i) => `${i.path}:${i.line}`)).toEqual([
      'x.jsonl:2',
      'x.jsonl:3',
      'x.jsonl:4',
      'x.jsonl:5',
      'x.jsonl:6',
    ]);
    expect(issues[3]?.message).toMatch(/used twice/);
  });
});

describe('the built-in handover model', async () => {
  const files = await loadTrainingFiles();
  const shipped = parseHandoverModel(await readFile(BUILT_IN_MODEL_PATH, 'utf8'));

  it('is trained on the corpus only, as `npm run train-handover` trains it today', () => {
    expect(shipped.ok).toBe(true);
    if (!shipped.ok) return;
    expect(
      shipped.model.trainedOn.sources.every((s) => !s.startsWith('heldout') && !s.startsWith('tuning')),
    ).toBe(true);
    const fresh = trainShippedModel(files);
    expect(shipped.model.trainedOn).toEqual(fresh.trainedOn);
    expect(Object.keys(shipped.model.features).sort()).toEqual(Object.keys(fresh.features).sort());
    // Weights are stored to four decimals; allow for a last-digit difference in floating point.
    const drift = Object.entries(fresh.features).reduce((most, [feature, row]) => {
      const stored = shipped.model.features[feature] ?? [];
      return Math.max(most, ...row.map((w, i) => Math.abs(w - (stored[i] ?? Infinity))));
    }, 0);
    expect(drift).toBeLessThanOrEqual(2e-4);
  }, 120_000);

  it('a labelled set is scored by the corpus model; a corpus file held out is left out', () => {
    const file = files[0]?.path ?? '';
    const heldOut = trainHeldOutModel(files, file);
    expect(heldOut.trainedOn.sources).not.toContain(basename(file));
    expect(heldOut.trainedOn.sources).toHaveLength(files.length - 1);
    const forSet = trainHeldOutModel(files, 'eval/datasets/tuning.jsonl');
    expect(forSet.trainedOn.sources).toHaveLength(files.length);
    expect(trainHeldOutModel(files, 'eval/datasets/heldout.jsonl')).toBe(forSet);
  }, 600_000);
});
