import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashPassword } from './auth/password.ts';
import type { Config } from './config/schema.ts';
import { silentLogger } from './log.ts';
import { startSvar, type Svar } from './main.ts';
import { FakeClock } from './test-support/fake-clock.ts';
import { login, OPEN_HOURS, PASSWORD, TEST_SCRYPT, testConfig } from './test-support/test-app.ts';
import { TestSocket } from './test-support/ws-client.ts';

const SAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', 'knowledge', 'sample');

let svar: Svar;
let config: Config;

const CANNED_GOOD = 'responses:\n  - id: hei\n    title: Hilsen\n    text: "Hei, jeg heter {agent}."\n';
// Line 4: `text` must be a string of at least one character.
const CANNED_BROKEN = 'responses:\n  - id: hei\n    title: Hilsen\n    text: ""\n';
// Line 3: a list where the detector expects a list of phrases, with a typo in the key.
const POLICY_BROKEN = 'handover:\n  personal: [min byggesak]\n  sensitve: [pleiepenger]\n';

async function staff(username: string, role: 'agent' | 'editor') {
  await svar.app.store.staff.create({
    username,
    displayName: username,
    role,
    passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT),
    at: new Date().toISOString(),
  });
  return login(svar.app.url, username);
}

beforeEach(async () => {
  config = testConfig(mkdtempSync(join(tmpdir(), 'svar-problems-')));
  const file = 'oppvekst/barnehage-soknadsfrist.md';
  mkdirSync(dirname(join(config.paths.knowledgeDir, file)), { recursive: true });
  cpSync(join(SAMPLE, file), join(config.paths.knowledgeDir, file));
  writeFileSync(join(config.paths.knowledgeDir, 'policy.yaml'), POLICY_BROKEN);
  mkdirSync(join(config.paths.knowledgeDir, 'canned'));
  writeFileSync(join(config.paths.knowledgeDir, 'canned', 'nb.yaml'), CANNED_GOOD);
  svar = await startSvar(config, { log: silentLogger, clock: new FakeClock(OPEN_HOURS), useModel: false });
});
afterEach(async () => {
  await svar?.close();
});

it('editors see a broken policy.yaml and a broken canned file in the status, with path and line', async () => {
  writeFileSync(join(config.paths.knowledgeDir, 'canned', 'nb.yaml'), CANNED_BROKEN);
  const { cookie } = await staff('eva', 'editor');
  const status = (await (
    await fetch(`${svar.app.url}/api/editor/status`, { headers: { cookie } })
  ).json()) as {
    errors: { path: string; line: number; message: string }[];
    warnings: { path: string; line: number; message: string }[];
  };
  const problems = [...status.errors, ...status.warnings];
  expect(problems).toContainEqual(expect.objectContaining({ path: 'policy.yaml', line: 3 }));
  expect(status.errors).toContainEqual(
    expect.objectContaining({ path: 'canned/nb.yaml', line: 4, message: expect.stringContaining('text') }),
  );
});

it('a canned file broken while in use keeps giving staff its last good replies', async () => {
  writeFileSync(join(config.paths.knowledgeDir, 'canned', 'nb.yaml'), CANNED_BROKEN);
  const { cookie } = await staff('kari', 'agent');
  const kari = await TestSocket.open(`${svar.app.url.replace('http', 'ws')}/ws/staff`, {
    origin: svar.app.url,
    cookie,
  });
  await kari.next('hello');
  kari.send({ type: 'canned', lang: 'nb' });
  expect(await kari.next('canned')).toMatchObject({
    lang: 'nb',
    responses: [{ id: 'hei', title: 'Hilsen', text: 'Hei, jeg heter kari.' }],
  });
  kari.close();
});
