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
    for (let round = 0; round < rounds; round += 1) {
      for (const text of o.texts) {
        const before = process.cpuUsage();
        await decide(text, context, env);
        const used = process.cpuUsage(before);
        times.push((used.user + used.system) / 1000);
      }
    }
    const round3 = (n: number) => Math.round(n * 1000) / 1000;
    return {
      texts: o.texts.length,
      rounds,
      cpuMs: {
        p50: round3(percentile(times, 50)),
        p95: round3(percentile(times, 95)),
        p99: round3(percentile(times, 99)),
        mean: round3(times.reduce((a, b) => a + b, 0) / times.length),
      },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
