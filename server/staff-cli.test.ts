import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { verifyPassword } from './auth/password.ts';
import { openStore } from './store/store.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

async function staff(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['server/staff-cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, SVAR_DATA_DIR: dataDir },
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

it('adds, lists and disables staff with scrypt-hashed passwords', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-cli-'));
  expect(
    await staff(dataDir, 'add', 'kari', '--name', 'Kari', '--role', 'agent', '--password', 'correct horse'),
  ).toEqual({
    code: 0,
    out: 'Added agent kari (Kari).\n',
  });
  expect(
    (await staff(dataDir, 'add', 'kari', '--name', 'K', '--role', 'agent', '--password', 'correct horse'))
      .code,
  ).toBe(1);
  expect(
    (await staff(dataDir, 'add', 'ola', '--name', 'Ola', '--role', 'boss', '--password', 'correct horse'))
      .out,
  ).toMatch(/use agent, editor or admin/);
  expect(
    (await staff(dataDir, 'add', 'ola', '--name', 'Ola', '--role', 'admin', '--password', 'short')).out,
  ).toMatch(/at least 10 characters/);
  await staff(dataDir, 'disable', 'kari');
  expect((await staff(dataDir, 'list')).out).toBe('kari\tKari\tagent\t(disabled)\n');
  const store = openStore(join(dataDir, 'svar.db'));
  const kari = (await store.staff.credentials('kari'))!;
  expect(kari.passwordHash).toMatch(/^scrypt\$/);
  expect(await verifyPassword('correct horse', kari.passwordHash)).toBe(true);
  expect(await verifyPassword('wrong horse', kari.passwordHash)).toBe(false);
  expect((await store.audit.recent(5)).map((a) => a.action)).toEqual(['staff_disabled', 'staff_added']);
  await store.close();
});

it('asks for a typed password twice and refuses two different ones', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'svar-staff-prompt-'));
  const typed = (input: string, ...args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const child = execFile(
        join(root, 'node_modules', '.bin', 'tsx'),
        ['server/staff-cli.ts', ...args],
        { cwd: root, env: { ...process.env, SVAR_DATA_DIR: dataDir } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
      );
      child.stdin?.end(input);
    });
  const differ = await typed(
    'correct horse\ncorrect hose\n',
    'add',
    'per',
    '--name',
    'Per',
    '--role',
    'agent',
  );
  expect(differ.code).not.toBe(0);
  expect(differ.out).toMatch(/the two passwords differ/);
  const same = await typed(
    'correct horse\ncorrect horse\n',
    'add',
    'per',
    '--name',
    'Per',
    '--role',
    'agent',
  );
  expect(same.code).toBe(0);
  const store = openStore(join(dataDir, 'svar.db'));
  try {
    const per = await store.staff.credentials('per');
    expect(per && (await verifyPassword('correct horse', per.passwordHash))).toBe(true);
  } finally {
    await store.close();
  }
});
