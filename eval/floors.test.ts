import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Metrics } from './metrics.ts';
import { loadTrainingFiles, trainHeldOutModel } from './handover-training.ts';
import { runEval } from './run-eval.ts';

const floorsSchema = z.object({
  sets: z.record(
    z.string(),
    z.object({
      /** The knowledge folder the set is asked of; knowledge/sample when absent. */
      knowledge: z.string().optional(),
      min: z.record(z.string(), z.number()),
      max: z.record(z.string(), z.number()),
    }),
  ),
});

const training = await loadTrainingFiles();

const floors = floorsSchema.parse(
  JSON.parse(await readFile(new URL('./floors.json', import.meta.url), 'utf8')),
);

describe.each(Object.entries(floors.sets))('eval floors for %s (lexical mode)', (file, limits) => {
  it('keeps every figure at or above its floor', async () => {
    const report = await runEval({
      knowledgeDir: limits.knowledge ?? 'knowledge/sample',
      questionFiles: [{ label: file, text: await readFile(file, 'utf8') }],
      mode: 'lexical',
      // The built-in model learnt from these very sets; each is scored by one trained without it.
      handoverModelFor: (label) => trainHeldOutModel(training, label),
    });
    expect(report.problems).toEqual([]);
    const figure = (key: string) => report[key as keyof Metrics] as number | null;
    const below = Object.entries(limits.min).filter(([key, floor]) => (figure(key) ?? -1) < floor - 1e-9);
    const above = Object.entries(limits.max).filter(([key, ceiling]) => (figure(key) ?? 2) > ceiling + 1e-9);
    expect({
      below: below.map(([k, v]) => `${k} ${figure(k)} < ${v}`),
      above: above.map(([k, v]) => `${k} ${figure(k)} > ${v}`),
    }).toEqual({
      below: [],
      above: [],
    });
  }, 120_000);
});
