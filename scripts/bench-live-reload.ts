/**
 * The live-reload half of `npm run bench`: the real server with its folder watcher over the sample knowledge
 * plus `extraFiles` synthetic files. An editor's change is written to disk and a citizen asks until the
 * answer shows it; the figure is the time from the save to that answer. Not a test: timings here are noisy.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../eval/bench-support.ts';
import { writeSyntheticKnowledge } from '../eval/synthetic-knowledge.ts';
import { loadConfig } from '../server/config/load.ts';
import { startSvar } from '../server/main.ts';
import { TestSocket } from '../server/test-support/ws-client.ts';

export interface LiveReloadBench {
  files: number;
  edits: number;
  /** Server-side rebuild of the index after one changed file (ms). */
  reloadMs: { p50: number; p95: number; max: number };
  /** From the file written to a citizen's answer showing the change, debounce included (ms). */
  saveToAnswerMs: { p50: number; p95: number; max: number };
  debounceMs: number;
}

const QUESTION = 'Hva er nummeret til legevakten?';
const FILE = 'helse/legevakt.md';
const VOCABULARY_FILES = ['oppvekst/barnehage-soknadsfrist.md', 'kultur/bibliotek-lanekort.md'];
const MAX_PROBES = 2_000;
const summary = (values: number[]) => ({
  p50: Math.round(percentile(values, 50)),
  p95: Math.round(percentile(values, 95)),
  max: Math.round(Math.max(...values)),
});

export async function benchLiveReload(o: {
  sampleDir: string;
  extraFiles: number;
  edits: number;
  onProgress?: (line: string) => void;
}): Promise<LiveReloadBench> {
  const work = await mkdtemp(join(tmpdir(), 'svar-bench-live-'));
  const knowledgeDir = join(work, 'knowledge');
  await cp(o.sampleDir, knowledgeDir, { recursive: true });
  if (o.extraFiles > 0) {
    // Words from another department, so the probe question keeps finding its own file among thousands.
    const texts = (
      await Promise.all(VOCABULARY_FILES.map((f) => readFile(join(o.sampleDir, f), 'utf8')))
    ).join(' ');
    const vocabulary = [...new Set(texts.split(/\s+/).filter((w) => /^\p{L}{3,}$/u.test(w)))];
    await writeSyntheticKnowledge(join(knowledgeDir, 'synthetic'), o.extraFiles, vocabulary, 7);
  }
  const config = loadConfig({
    env: { SVAR_DATA_DIR: join(work, 'data'), SVAR_PORT: '0', SVAR_KNOWLEDGE_DIR: knowledgeDir },
  });
  config.server.host = '127.0.0.1';
  // The probe asks as fast as the bot answers; the per-connection limits are for real citizens.
  config.limits.framesPerSecondPerConnection = 1000;
  config.limits.frameBurstPerConnection = 1000;
  config.limits.framesPerMinutePerIp = 100_000;
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  o.onProgress?.(`  starting the server over ${o.extraFiles} extra files`);
  const svar = await startSvar(config, { useModel: false, log: silent });
  o.onProgress?.('  server started');
  const origin = svar.app.url;
  const citizen = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });
  await citizen.start();
  let asked = 0;
  const answer = async (): Promise<string> => {
    asked += 1;
    citizen.send({ type: 'message', clientId: `p${asked}`, text: QUESTION });
    return String((await citizen.next('bot', () => true, 30_000)).text);
  };
  const reloadMs: number[] = [];
  const saveToAnswerMs: number[] = [];
  try {
    const path = join(knowledgeDir, FILE);
    const original = await readFile(path, 'utf8');
    for (let edit = 1; edit <= o.edits; edit += 1) {
      const number = `116 ${String(200 + edit)}`;
      const version = svar.live.info().version;
      await writeFile(path, original.replace('116 117, døgnet rundt', `${number}, døgnet rundt`));
      const saved = performance.now();
      for (let probe = 0; ; probe += 1) {
        const text = await answer();
        if (text.includes(number)) break;
        if (probe === MAX_PROBES) throw new Error(`the change never reached the answer; last: ${text}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      saveToAnswerMs.push(performance.now() - saved);
      // A save can come as two file events; wait for the reload that carried it to be reported.
      while (svar.live.info().version === version) await new Promise((r) => setTimeout(r, 10));
      reloadMs.push(svar.live.info().lastReloadMs);
      o.onProgress?.(`  edit ${edit}: ${Math.round(saveToAnswerMs.at(-1) ?? 0)} ms to the answer`);
    }
    return {
      files: svar.knowledge.status().files,
      edits: o.edits,
      reloadMs: summary(reloadMs),
      saveToAnswerMs: summary(saveToAnswerMs),
      debounceMs: config.knowledge.reloadDebounceMs,
    };
  } finally {
    citizen.close();
    await svar.close();
    await rm(work, { recursive: true, force: true });
  }
}
