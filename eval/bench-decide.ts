/**
 * decide() CPU per labelled text for `npm run bench`: every text of eval/datasets through the same decide()
 * the server runs, over the sample knowledge in lexical mode, timed in CPU (not wall) time so the figures
 * hold up on a shared machine; each text three times after a warm-up round.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBotEnvironment, decide } from '../bot/index.ts';
import { openKnowledge } from '../knowledge/index.ts';
import { percentile } from './bench-support.ts';

export interface DecideCpu {
  texts: number;
  rounds: number;
  cpuMs: { p50: number; p95: number; p99: number; mean: number };
  /**
   * Each text's median over the rounds, then percentiles over texts (issue 22: what makes the p99). A
   * sample far above its text's other rounds is the process, not the text: process.cpuUsage counts every
   * thread (V8's compiler and GC helpers) and a busy machine's cache misses.
   */
  perTextMedianMs: { p50: number; p99: number; max: number };
  /** The texts slowest by their median, with their length in characters. */
  slowest: { chars: number; ms: number }[];
  /** Samples above the overall p99 whose text was above it in another round too. */
  p99RepeatedTexts: number;
}

export async function labelledTexts(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  const lines = (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).flatMap((t) =>
    t.split('\n'),
  );
  return lines.filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
}

export async function benchDecide(o: {
  knowledgeDir: string;
  texts: string[];
  rounds?: number;
}): Promise<DecideCpu> {
  const rounds = o.rounds ?? 3;
  const dataDir = await mkdtemp(join(tmpdir(), 'svar-bench-decide-'));
  try {
    const kb = await openKnowledge({ knowledgeDir: o.knowledgeDir, dataDir });
    const { env } = await createBotEnvironment({
      retriever: kb.retriever,
      ...(kb.policyText !== undefined ? { policyText: kb.policyText } : {}),
    });
    const context = { history: [], widgetLang: 'nb' as const };
    for (const text of o.texts) await decide(text, context, env);
    const times: number[] = [];
    const perText: number[][] = o.texts.map(() => []);
    for (let round = 0; round < rounds; round += 1) {
      for (const [i, text] of o.texts.entries()) {
        const before = process.cpuUsage();
        await decide(text, context, env);
        const used = process.cpuUsage(before);
        times.push((used.user + used.system) / 1000);
        perText[i]?.push((used.user + used.system) / 1000);
      }
    }
    const round3 = (n: number) => Math.round(n * 1000) / 1000;
    const medians = perText.map((t) => percentile(t, 50));
    const p99 = percentile(times, 99);
    const byMedian = medians.map((ms, i) => ({ chars: o.texts[i]?.length ?? 0, ms: round3(ms) }));
    return {
      texts: o.texts.length,
      rounds,
      cpuMs: {
        p50: round3(percentile(times, 50)),
        p95: round3(percentile(times, 95)),
        p99: round3(percentile(times, 99)),
        mean: round3(times.reduce((a, b) => a + b, 0) / times.length),
      },
      perTextMedianMs: {
        p50: round3(percentile(medians, 50)),
        p99: round3(percentile(medians, 99)),
        max: round3(Math.max(...medians)),
      },
      slowest: byMedian.sort((a, b) => b.ms - a.ms).slice(0, 10),
      p99RepeatedTexts: perText.filter((t) => t.filter((ms) => ms >= p99).length >= 2).length,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
