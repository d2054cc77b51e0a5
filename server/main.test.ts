import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from './log.ts';
import { startSvar, type Svar } from './main.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { hashPassword } from './auth/password.ts';
import { login, OPEN_HOURS, PASSWORD, TEST_SCRYPT, testConfig } from './test-support/test-app.ts';
import { copySampleFiles } from './test-support/sample-knowledge.ts';
import { TestSocket } from './test-support/ws-client.ts';

const FILES = [
  'oppvekst/barnehage-soknadsfrist.md',
  'oppvekst/skole-innskriving.md',
  'helse/legevakt.md',
  'servicetorget/servicetorget-apningstider.md',
  'policy.yaml',
  'glossary.yaml',
];

let svar: Svar;
let origin: string;

// The real knowledge layer and bot over a copy of a few sample files, lexical mode (no embedding model).
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-main-'));
  const config = testConfig(dataDir);
  copySampleFiles(config.paths.knowledgeDir, FILES);
  svar = await startSvar(config, { log: silentLogger, clock: new FakeClock(OPEN_HOURS), useModel: false });
  origin = svar.app.url;
});
afterAll(async () => {
  await svar?.close();
});

const citizen = () => TestSocket.open(`${origin.replace('http', 'ws')}/ws/citizen`, { origin });

it('answers from the knowledge files with source and link', async () => {
  const c = await citizen();
  await c.start();
  c.send({ type: 'message', clientId: 'q1', text: 'Når er fristen for å søke barnehageplass?' });
  expect(await c.next('bot', () => true, 20_000)).toMatchObject({
    kind: 'answer',
    source: { fileId: 'barnehage-soknadsfrist' },
    link: 'https://fjordvik.kommune.example/barnehage/sok-plass',
  });
});

it('hands a personal case over with the ID number redacted in the log', async () => {
  const c = await citizen();
  const { conversationId } = await c.start();
  c.send({
    type: 'message',
    clientId: 'q1',
    text: 'Fødselsnummeret mitt er 01019912345, hva skjer med saken min?',
  });
  expect(await c.next('bot', () => true, 20_000)).toMatchObject({ kind: 'handover' });
  expect(await c.next('offline')).toEqual({ type: 'offline', reason: 'no_agent' });
  const log = JSON.stringify(await svar.app.store.events.forConversation(conversationId));
  expect(log).not.toContain('01019912345');
  expect(log).toContain('"kind":"handover"');
});

it('reports the real knowledge status in the staff health details', async () => {
  await svar.app.store.staff.create({
    username: 'anne',
    displayName: 'Anne',
    role: 'admin',
    passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT),
    at: new Date().toISOString(),
  });
  const { cookie } = await login(origin, 'anne');
  const health = (await (await fetch(`${origin}/api/staff/health`, { headers: { cookie } })).json()) as {
    retrievalMode: string;
    knowledge: { files: number };
  };
  expect(health.retrievalMode).toBe('lexical');
  expect(health.knowledge.files).toBe(4);
});
