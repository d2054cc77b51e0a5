import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ModelLoad } from './knowledge-live/background-model.ts';
import { startSvar, type Svar } from './main.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { recordingLogger } from './test-support/recording-logger.ts';
import { OPEN_HOURS, testConfig } from './test-support/test-app.ts';
import { copySampleFiles } from './test-support/sample-knowledge.ts';
import { TestSocket } from './test-support/ws-client.ts';

const FILES = ['oppvekst/barnehage-soknadsfrist.md', 'helse/legevakt.md', 'policy.yaml', 'glossary.yaml'];

/** A model hub that answers only when the test says so. */
let settle: (result: Awaited<ReturnType<ModelLoad>>) => void = () => {};
let loads = 0;
const loadModel: ModelLoad = () => {
  loads += 1;
  return new Promise((resolve) => {
    settle = resolve;
  });
};
const log = recordingLogger();
const { lines } = log;

let svar: Svar;
let origin: string;

// startSvar resolves only once the server listens: with a loader that never answers, it must not wait on it.
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-bg-model-'));
  const config = testConfig(dataDir);
  copySampleFiles(config.paths.knowledgeDir, FILES);
  svar = await startSvar(config, { log, clock: new FakeClock(OPEN_HOURS), loadModel });
  origin = svar.app.url;
});
afterAll(async () => {
  await svar?.close();
});

interface PublicHealth {
  status: string;
  knowledge: { mode: string; model: string; reload: { trigger: string } };
}
const health = async (): Promise<PublicHealth> =>
  (await (await fetch(`${origin}/health`)).json()) as PublicHealth;

it('listens and answers citizens lexically while the embedding model has not come', async () => {
  expect(loads).toBe(1);
  expect(await health()).toMatchObject({
    status: 'ok',
    knowledge: { mode: 'lexical', model: 'loading', reload: { trigger: 'start' } },
  });
  expect(svar.knowledge.status().notice).toMatch(/loading in the background/);
  const c = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });
  await c.start();
  c.send({ type: 'message', clientId: 'q1', text: 'Når er fristen for å søke barnehageplass?' });
  expect(await c.next('bot', () => true, 20_000)).toMatchObject({
    kind: 'answer',
    source: { fileId: 'barnehage-soknadsfrist' },
  });
  c.close();
});

it('stays lexical and says why when the model cannot be had', async () => {
  settle({ ok: false, reason: 'the model hub could not be reached (getaddrinfo ENOTFOUND)' });
  await svar.model?.settled;
  expect(await health()).toMatchObject({ knowledge: { mode: 'lexical', model: 'unavailable' } });
  expect(svar.knowledge.status().notice).toBe(
    'Lexical-only mode: the model hub could not be reached (getaddrinfo ENOTFOUND).',
  );
  expect(lines).toContain('Lexical-only mode: the model hub could not be reached (getaddrinfo ENOTFOUND).');
  // No reload was spent on a model that did not come.
  expect(svar.live.info().trigger).toBe('start');
});
