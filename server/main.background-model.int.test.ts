import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadEmbedder, writeTinyModel } from '../knowledge/index.ts';
import type { ModelLoad } from './knowledge-live/background-model.ts';
import { startSvar, type Svar } from './main.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { recordingLogger } from './test-support/recording-logger.ts';
import { OPEN_HOURS, testConfig } from './test-support/test-app.ts';
import { copySampleFiles, SAMPLE_KNOWLEDGE } from './test-support/sample-knowledge.ts';
import { TestSocket } from './test-support/ws-client.ts';

const FILES = ['oppvekst/barnehage-soknadsfrist.md', 'helse/legevakt.md', 'policy.yaml', 'glossary.yaml'];

let release: () => void = () => {};
const log = recordingLogger();
const { lines } = log;
let svar: Svar;
let origin: string;

// The tiny self-made model stands in for e5; its load is held back until the test lets it through.
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-bg-dense-'));
  const config = testConfig(dataDir);
  copySampleFiles(config.paths.knowledgeDir, FILES);
  const modelsDir = join(dataDir, 'models');
  const tiny = await writeTinyModel(modelsDir, {
    texts: FILES.filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(SAMPLE_KNOWLEDGE, f), 'utf8')),
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const loadModel: ModelLoad = async () => {
    await held;
    return loadEmbedder({ modelId: tiny.modelId, modelsDir, allowRemote: false });
  };
  svar = await startSvar(config, { log, clock: new FakeClock(OPEN_HOURS), loadModel });
  origin = svar.app.url;
});
afterAll(async () => {
  await svar?.close();
});

interface PublicHealth {
  knowledge: { mode: string; model: string; reload: { trigger: string; version: number } };
}
const health = async (): Promise<PublicHealth> =>
  (await (await fetch(`${origin}/health`)).json()) as PublicHealth;

it('switches retrieval from lexical to hybrid through a live reload once the model is ready', async () => {
  expect((await health()).knowledge).toMatchObject({ mode: 'lexical', model: 'loading' });
  expect((await svar.knowledge.retriever.search('barnehageplass frist')).mode).toBe('lexical');

  release();
  await svar.model?.settled;

  expect((await health()).knowledge).toMatchObject({
    mode: 'hybrid',
    model: 'ready',
    reload: { trigger: 'model', version: 2 },
  });
  const result = await svar.knowledge.retriever.search('barnehageplass frist');
  expect(result.mode).toBe('hybrid');
  expect(result.candidates.some((c) => c.dense !== undefined)).toBe(true);
  expect(svar.knowledge.status().notice).toBeUndefined();
  expect(lines).toContain(
    'embedding model svar/tiny-e5 ready: retrieval switched from lexical to hybrid (knowledge v2)',
  );

  // Citizens keep being answered, now from the hybrid version.
  const c = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });
  await c.start();
  c.send({ type: 'message', clientId: 'q1', text: 'Hva er nummeret til legevakten?' });
  expect(await c.next('bot', () => true, 20_000)).toMatchObject({
    kind: 'answer',
    source: { fileId: 'legevakt' },
  });
  c.close();
});
