import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotpressApi, type FakeBotpressApi } from './botpress/test-support/fake-botpress-api.ts';

// `npm run botpress -- …` as an operator runs it: a real process, the bot and token only in the environment.

const ROOT = join(import.meta.dirname, '..');
const AUTH = { token: 'bp_pat_cli', botId: 'bot-cli' };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let api: FakeBotpressApi;
let work: string;

beforeAll(async () => {
  api = await startFakeBotpressApi(AUTH);
  work = await mkdtemp(join(tmpdir(), 'svar-botpress-cli-'));
  await cp(join(ROOT, 'knowledge', 'sample'), join(work, 'source'), { recursive: true });
});
afterAll(async () => {
  await api.close();
  await rm(work, { recursive: true, force: true });
});

function botpress(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/botpress.ts', ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SVAR_CONFIG: '',
          SVAR_BOTPRESS_API_URL: api.url,
          SVAR_BOTPRESS_BOT_ID: AUTH.botId,
          SVAR_BOTPRESS_TOKEN: AUTH.token,
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run botpress', () => {
  it('publish --dry-run shows the plan and changes nothing; publish uploads with progress', async () => {
    const dry = await botpress(['--knowledge', join(work, 'source'), 'publish', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would upload svar\/barnehage-soknadsfrist\.md \(new\)/);
    expect(dry.stdout).toMatch(/dry run: \d+ new, 0 changed, 0 unchanged, 0 to delete/);
    expect(api.files.size).toBe(0);

    const run = await botpress(['--knowledge', join(work, 'source'), 'publish']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\[1\/\d+\] uploaded svar\//m);
    expect(run.stdout).toMatch(/published: \d+ uploaded, 0 deleted, 0 unchanged/);
    expect(api.files.size).toBeGreaterThan(40);
  });

  it('import --cloud brings the published knowledge back as drafts', async () => {
    const target = join(work, 'target');
    const run = await botpress(['--knowledge', target, 'import', '--cloud', '--tag', 'source=svar']);
    expect(run.code).toBe(0);
    const drafts = await readdir(join(target, 'drafts'));
    expect(drafts.length).toBe(api.files.size);
    expect(run.stdout).toMatch(/draft file\(s\) in .*drafts/);
  });

  it('imports a v12 export file and lists what it could not map', async () => {
    const target = join(work, 'v12');
    const run = await botpress([
      '--knowledge',
      target,
      'import',
      join(ROOT, 'scripts/botpress/test-support/v12-qna-export.json'),
      '--owner',
      'servicetorget',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Not mapped \(\d+\):/);
    expect(run.stdout).toMatch(/__qna__d3vz8n2k4t {2}redirect/);
    expect((await readdir(join(target, 'drafts'))).length).toBeGreaterThanOrEqual(6);
  });

  it('names the missing variable, and never echoes the token on a failure', async () => {
    const missing = await botpress(['publish'], { SVAR_BOTPRESS_TOKEN: undefined });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/SVAR_BOTPRESS_TOKEN/);

    const wrong = await botpress(['--knowledge', join(work, 'source'), 'publish'], {
      SVAR_BOTPRESS_TOKEN: 'bp_pat_secret_wrong',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/HTTP 401 Unauthorized: Invalid or expired token/);
    expect(wrong.stderr + wrong.stdout).not.toContain('bp_pat_secret_wrong');
  });
});
