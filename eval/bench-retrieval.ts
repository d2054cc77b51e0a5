import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBotEnvironment, decide } from '../bot/index.ts';
import {
  analyzeTerms,
  loadEmbedder,
  openKnowledge,
  writeTinyModel,
  type Embedder,
} from '../knowledge/index.ts';
import { percentile, seededQueries } from './bench-support.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

export interface KnowledgeBench {
  name: string;
  files: number;
  passages: number;
  lexicalBuildMs: number;
  incrementalRebuildMs: number;
  denseBuildMs?: number;
  /** The first lexical query after the build and one edit, before any warm-up: JIT and caches are cold. */
  firstQueryMs: number;
  lexicalQueryMs: LatencySummary;
  fusedQueryMs?: LatencySummary;
  decisionMs?: LatencySummary;
  rssMb: number;
}

const WARMUP_QUERIES = 30;
/** Enough that p99 is the tenth-slowest query, not the third: one garbage collection should not be the figure. */
const TIMED_QUERIES = 1_000;

const summarise = (values: number[]): LatencySummary => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  n: values.length,
});

async function time<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * Build and query timings for one knowledge folder: lexical build, incremental rebuild after one file
 * changes, dense build with the given embedder, and query latency percentiles.
 */
async function benchFolder(
  name: string,
  dir: string,
  queries: string[],
  warmup: string[],
  embedder: Embedder | undefined,
  withDecisions: boolean,
): Promise<KnowledgeBench> {
  const data = await mkdtemp(join(tmpdir(), 'svar-bench-data-'));
  try {
    const lexical = await time(() => openKnowledge({ knowledgeDir: dir, dataDir: data }));
    const kb = lexical.value;
    const files = kb.retriever.files();
    const victim = files[Math.floor(files.length / 2)];
    let incrementalRebuildMs = 0;
    if (victim) {
      const path = join(dir, victim.path);
      await writeFile(path, `${await readFile(path, 'utf8')}\nEndret for måling.\n`);
      incrementalRebuildMs = (await time(() => kb.reload())).ms;
    }
    const first = await time(() => kb.retriever.search(warmup[0] ?? 'barnehage'));
    // A server answers many questions between restarts: measure it warm, with other questions than the timed
    // ones so that no timed word was looked up before. The cold first query is reported on its own.
    for (const query of warmup) await kb.retriever.search(query);
    const lexicalTimes: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      await kb.retriever.search(query);
      lexicalTimes.push(performance.now() - started);
    }
    let decisionMs: LatencySummary | undefined;
    if (withDecisions) {
      const { env } = await createBotEnvironment({ retriever: kb.retriever });
      await decide('hei', { history: [] }, env);
      const times: number[] = [];
      for (const query of queries) {
        const started = performance.now();
        await decide(query, { history: [], widgetLang: 'nb' }, env);
        times.push(performance.now() - started);
      }
      decisionMs = summarise(times);
    }
    const result: KnowledgeBench = {
      name,
      files: kb.status().files,
      passages: kb.status().passages,
      lexicalBuildMs: lexical.ms,
      incrementalRebuildMs,
      firstQueryMs: first.ms,
      lexicalQueryMs: summarise(lexicalTimes),
      ...(decisionMs ? { decisionMs } : {}),
      rssMb: 0,
    };
    if (embedder) {
      const denseData = await mkdtemp(join(tmpdir(), 'svar-bench-dense-'));
      const dense = await time(() =>
        openKnowledge({
          knowledgeDir: dir,
          dataDir: denseData,
          embedder,
          calibration: { floor: 0, ceiling: 1 },
        }),
      );
      result.denseBuildMs = dense.ms;
      const fused: number[] = [];
      for (const query of queries) {
        const started = performance.now();
        await dense.value.retriever.search(query);
        fused.push(performance.now() - started);
      }
      result.fusedQueryMs = summarise(fused);
      await rm(denseData, { recursive: true, force: true });
    }
    result.rssMb = process.memoryUsage().rss / 1024 / 1024;
    return result;
  } finally {
    await rm(data, { recursive: true, force: true });
  }
}

export async function benchRetrieval(options: {
  sampleDir: string;
  questions: string[];
  /** Asked before timing starts; other questions than `questions`. */
  warmupQuestions: string[];
  sizes: number[];
  onProgress?: (line: string) => void;
}): Promise<KnowledgeBench[]> {
  const log = options.onProgress ?? (() => {});
  const models = await mkdtemp(join(tmpdir(), 'svar-bench-models-'));
  const work = await mkdtemp(join(tmpdir(), 'svar-bench-kb-'));
  try {
    const sampleCopy = join(work, 'sample');
    await cp(options.sampleDir, sampleCopy, { recursive: true });
    const sampleKb = await openKnowledge({ knowledgeDir: sampleCopy, dataDir: join(work, 'probe') });
    const texts = sampleKb.retriever.files().map((f) => `${f.title} ${f.questions.join(' ')} ${f.body}`);
    const tiny = await writeTinyModel(models, { texts });
    const loaded = await loadEmbedder({ modelId: tiny.modelId, modelsDir: models, allowRemote: false });
    const embedder = loaded.ok ? loaded.embedder : undefined;
    const vocabulary = [
      ...new Set(texts.flatMap((t) => t.split(/\s+/)).filter((w) => /^\p{L}{3,}$/u.test(w))),
    ];

    const results: KnowledgeBench[] = [];
    log('sample knowledge');
    results.push(
      await benchFolder('sample', sampleCopy, options.questions, options.warmupQuestions, embedder, true),
    );
    for (const size of options.sizes) {
      log(`synthetic knowledge, ${size} files`);
      const dir = join(work, `synthetic-${size}`);
      await writeSyntheticKnowledge(dir, size, vocabulary, size);
      const queries = seededQueries(vocabulary, TIMED_QUERIES, size).map((q) =>
        analyzeTerms(q).length > 0 ? q : 'barnehage',
      );
      const warmup = seededQueries(vocabulary, WARMUP_QUERIES, size + 1);
      results.push(await benchFolder(`synthetic-${size}`, dir, queries, warmup, embedder, false));
    }
    return results;
  } finally {
    await rm(models, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}
