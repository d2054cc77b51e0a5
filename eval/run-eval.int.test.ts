import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder, openKnowledge, writeTinyModel } from '../knowledge/index.ts';
import { jsonReport } from './report-text.ts';
import { runEval } from './run-eval.ts';

describe('runEval with the fixture embedding model', () => {
  it('runs hybrid and dense modes through the same decide() and reports every key', async () => {
    const models = await mkdtemp(join(tmpdir(), 'svar-eval-models-'));
    const probe = await openKnowledge({
      knowledgeDir: 'knowledge/sample',
      dataDir: await mkdtemp(join(tmpdir(), 'svar-probe-')),
    });
    const texts = probe.retriever.files().map((f) => `${f.title} ${f.questions.join(' ')} ${f.body}`);
    const tiny = await writeTinyModel(models, { texts });
    const loaded = await loadEmbedder({ modelId: tiny.modelId, modelsDir: models, allowRemote: false });
    if (!loaded.ok) throw new Error(loaded.reason);
    const text = (await readFile('eval/datasets/tuning.jsonl', 'utf8')).split('\n').slice(0, 40).join('\n');
    for (const mode of ['hybrid', 'dense'] as const) {
      const report = await runEval({
        knowledgeDir: 'knowledge/sample',
        questionFiles: [{ label: 'tuning-40', text }],
        mode,
        embedder: loaded.embedder,
      });
      expect(report.mode).toBe(mode);
      expect(report.questions).toBe(40);
      const json = jsonReport(report);
      for (const key of [
        'answer_accuracy',
        'wrong_answer_rate',
        'handover_recall',
        'per_lang',
        'latency_ms',
        'baseline',
      ]) {
        expect(json).toHaveProperty(key);
      }
      // Safety rules do not depend on retrieval: every crisis and ID question is still handed over.
      expect(report.crisis_recall ?? 1).toBe(1);
      expect(report.pii_recall ?? 1).toBe(1);
      expect(report.outcomes.some((o) => o.top.length > 0)).toBe(true);
    }
  }, 120_000);
});
