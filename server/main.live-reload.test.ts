import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from './log.ts';
import { startSvar, type Svar } from './main.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { OPEN_HOURS, testConfig } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'knowledge', 'sample');
const FILES = ['helse/legevakt.md', 'oppvekst/barnehage-soknadsfrist.md', 'policy.yaml', 'glossary.yaml'];
const QUESTION = 'Hva er nummeret til legevakten?';

let svar: Svar;
let origin: string;
let knowledgeDir: string;

// The real server, knowledge layer and bot with the folder watcher on; files are changed as an editor would.
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-live-'));
  const config = testConfig(dataDir, (c) => {
    c.knowledge.reloadDebounceMs = 50;
  });
  knowledgeDir = config.paths.knowledgeDir;
  for (const file of FILES) {
    mkdirSync(dirname(join(knowledgeDir, file)), { recursive: true });
    cpSync(join(SAMPLE, file), join(knowledgeDir, file));
  }
  svar = await startSvar(config, { log: silentLogger, clock: new FakeClock(OPEN_HOURS), useModel: false });
  origin = svar.app.url;
});
afterAll(async () => {
  await svar?.close();
});

const citizen = () => TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });
let asked = 0;
async function ask(c: TestSocket, text: string): Promise<{ text: string; kind: string }> {
  asked += 1;
  c.send({ type: 'message', clientId: `q${asked}`, text });
  return (await c.next('bot', () => true, 20_000)) as unknown as { text: string; kind: string };
}
async function askFresh(text: string): Promise<string> {
  const c = await citizen();
  await c.start();
  try {
    return (await ask(c, text)).text;
  } finally {
    c.close();
  }
}
const health = async () =>
  (
    (await (await fetch(`${origin}/health`)).json()) as {
      knowledge: { reload: { version: number; errors: number; keptLastGood: number; trigger: string } };
    }
  ).knowledge.reload;

it('answers with a file edited on disk, without a restart and without dropping an open chat', async () => {
  const open = await citizen();
  await open.start();
  expect((await ask(open, QUESTION)).text).toContain('116 117');
  const before = await health();

  const path = join(knowledgeDir, 'helse/legevakt.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('116 117, døgnet rundt', '116 118, døgnet rundt'));
  await expect.poll(() => askFresh(QUESTION), { timeout: 15_000, interval: 200 }).toContain('116 118');

  // The chat that was open across the reload keeps working and gets the new text too.
  expect((await ask(open, QUESTION)).text).toContain('116 118');
  const after = await health();
  expect(after.version).toBeGreaterThan(before.version);
  expect(after.trigger).toBe('watch');
  open.close();
});

it('keeps a file that breaks on disk answering in its last good version, and reports the error', async () => {
  const path = join(knowledgeDir, 'helse/legevakt.md');
  const good = readFileSync(path, 'utf8');
  writeFileSync(path, good.replace('title: Legevakt i Fjordvik', 'title: [Legevakt'));
  await expect.poll(async () => (await health()).errors, { timeout: 15_000, interval: 200 }).toBe(1);
  expect((await health()).keptLastGood).toBe(1);
  expect(await askFresh(QUESTION)).toContain('116 118');

  writeFileSync(path, good);
  await expect.poll(async () => (await health()).errors, { timeout: 15_000, interval: 200 }).toBe(0);
});

it('reloads policy.yaml: a new way to ask for a person hands over without a restart', async () => {
  const question = 'Kan jeg få havnefogden på tråden?';
  const kind = async (): Promise<string> => {
    const c = await citizen();
    await c.start();
    try {
      return (await ask(c, question)).kind;
    } finally {
      c.close();
    }
  };
  expect(await kind()).not.toBe('handover');
  const path = join(knowledgeDir, 'policy.yaml');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace('human_request: [', 'human_request: [havnefogden, '),
  );
  await expect.poll(kind, { timeout: 15_000, interval: 200 }).toBe('handover');
});
