import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { startSvar, type Svar } from '../main.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { OPEN_HOURS, testConfig } from '../test-support/test-app.ts';
import { TestSocket } from '../test-support/ws-client.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'knowledge', 'sample');
const FILES = ['oppvekst/barnehage-soknadsfrist.md', 'helse/legevakt.md', 'policy.yaml', 'glossary.yaml'];
const QUESTION = 'Når er fristen for å søke barnehageplass?';

let svar: Svar;
let origin: string;

// The real server with one decision worker thread over a copy of a few sample files.
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-pool-'));
  const config = testConfig(dataDir, (c) => {
    c.decisionPool = { enabled: true, size: 1, runtime: 'worker_threads', timeoutMs: 1_000 };
  });
  for (const file of FILES) {
    mkdirSync(dirname(join(config.paths.knowledgeDir, file)), { recursive: true });
    cpSync(join(SAMPLE, file), join(config.paths.knowledgeDir, file));
  }
  svar = await startSvar(config, { log: silentLogger, clock: new FakeClock(OPEN_HOURS), useModel: false });
  origin = svar.app.url;
  await svar.pool?.start();
}, 120_000);
afterAll(async () => {
  await svar?.close();
});

const citizen = async () => {
  const c = await TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });
  await c.start();
  return c;
};

it('decides in the worker as the main thread would', async () => {
  const pool = svar.pool;
  if (!pool) throw new Error('no decision pool');
  const c = await citizen();
  c.send({ type: 'message', clientId: 'q1', text: QUESTION });
  const reply = await c.next('bot', () => true, 20_000);
  expect(reply).toMatchObject({ kind: 'answer', source: { fileId: 'barnehage-soknadsfrist' } });
  expect(pool.fallbacks).toBe(0);
  const onMain = await svar.live.ask(async (env) =>
    (await import('../../bot/index.ts')).decide(QUESTION, { history: [], widgetLang: 'nb' }, env),
  );
  expect(reply.text).toBe(onMain.reply.text);
}, 60_000);

it('answers a message whose worker dies while deciding it, and goes on with a new worker', async () => {
  const pool = svar.pool;
  if (!pool) throw new Error('no decision pool');
  const c = await citizen();
  c.send({ type: 'message', clientId: 'q1', text: QUESTION });
  // The task is with the worker as soon as the frame is handled; kill the worker under it.
  await new Promise((r) => setImmediate(r));
  await Promise.all(pool.workers.map((w) => w.terminate()));
  expect(await c.next('bot', () => true, 20_000)).toMatchObject({
    kind: 'answer',
    source: { fileId: 'barnehage-soknadsfrist' },
  });
  expect(pool.fallbacks).toBe(1);
  // The replacement worker loads the knowledge; until then the main thread keeps answering.
  c.send({ type: 'message', clientId: 'q2', text: 'Hva er telefonnummeret til legevakten?' });
  expect(await c.next('bot', (f) => f.kind !== undefined, 60_000)).toMatchObject({ kind: 'answer' });
  expect(pool.workers.length).toBe(1);
}, 120_000);
