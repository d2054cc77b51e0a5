/**
 * Rebuild after one edit for `npm run bench`: a 5,000-file synthetic folder beside the sample knowledge,
 * opened in lexical mode; then one file is edited on disk several times, and each time the reload (folder
 * scan, changed file parsed, index updated and live) and the first question after it (which scores its
 * terms afresh, as every BM25 score moved with the edit) are timed, in wall and in CPU time.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledge } from '../knowledge/index.ts';
import { percentile } from './bench-support.ts';
import { writeSyntheticKnowledge } from './synthetic-knowledge.ts';

export interface RebuildBench {
  files: number;
  edits: number;
  /** reload() until the new version is live, ms p50 / max. */
  reloadMs: { p50: number; max: number };
  reloadCpuMs: { p50: number; max: number };
  /** reload() plus the first question after it, ms p50 / max. */
  rebuildMs: { p50: number; max: number };
  rebuildCpuMs: { p50: number; max: number };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const summary = (xs: number[]) => ({
  p50: Math.round(percentile(xs, 50)),
  max: Math.round(Math.max(...xs)),
});

export async function benchRebuild(o: {
  sampleDir: string;
  extraFiles: number;
  edits: number;
}): Promise<RebuildBench> {
  const work = await mkdtemp(join(tmpdir(), 'svar-bench-rebuild-'));
  try {
    const dir = join(work, 'knowledge');
    await cp(o.sampleDir, dir, { recursive: true });
    const probe = await openKnowledge({ knowledgeDir: dir, dataDir: join(work, 'probe') });
    const texts = probe.retriever.files().map((f) => `${f.title} ${f.questions.join(' ')} ${f.body}`);
    const vocabulary = [
      ...new Set(texts.flatMap((t) => t.split(/\s+/)).filter((w) => /^\p{L}{3,}$/u.test(w))),
    ];
    await writeSyntheticKnowledge(join(dir, 'synthetic'), o.extraFiles, vocabulary, o.extraFiles);
    const kb = await openKnowledge({ knowledgeDir: dir, dataDir: join(work, 'data') });
    await kb.retriever.search('barnehage søknadsfrist');
    const files = kb.retriever.files();
    const victim = files[Math.floor(files.length / 2)];
    if (!victim) throw new Error('no files');
    const path = join(dir, victim.path);
    const original = await readFile(path, 'utf8');
    const reload: number[] = [];
    const reloadCpu: number[] = [];
    const rebuild: number[] = [];
    const rebuildCpu: number[] = [];
    for (let edit = 1; edit <= o.edits; edit += 1) {
      await writeFile(path, `${original}\nEndret for måling ${edit}.\n`);
      const t0 = performance.now();
      const c0 = cpuMs();
      await kb.reload();
      reload.push(performance.now() - t0);
      reloadCpu.push(cpuMs() - c0);
      await kb.retriever.search(`søknad om plass ${edit}`);
      rebuild.push(performance.now() - t0);
      rebuildCpu.push(cpuMs() - c0);
      // The rest of the terms are scored in the background after a reload; let that finish between edits.
      await new Promise((r) => setTimeout(r, 1500));
    }
    return {
      files: kb.status().files,
      edits: o.edits,
      reloadMs: summary(reload),
      reloadCpuMs: summary(reloadCpu),
      rebuildMs: summary(rebuild),
      rebuildCpuMs: summary(rebuildCpu),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
