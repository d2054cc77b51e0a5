import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript on purpose (see the file), without type declarations
import { buildServer } from './build-server.mjs';

// Inside the repository, so the bundle finds node_modules as the real dist/server does.
const out = join(process.cwd(), 'dist', `test-build-${process.pid}`);
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('builds a server that starts with plain node and answers /health', async () => {
  await (buildServer as (dir: string) => Promise<string>)(out);
  const child = spawn(process.execPath, [join(out, 'main.js')], {
    env: {
      ...process.env,
      SVAR_PORT: '0',
      SVAR_HOST: '127.0.0.1',
      SVAR_DATA_DIR: mkdtempSync(join(tmpdir(), 'svar-built-')),
      SVAR_DECISION_POOL: '0',
      SVAR_MODELS_DIR: mkdtempSync(join(tmpdir(), 'svar-no-models-')),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const look = (chunk: Buffer) => {
        seen += chunk.toString();
        const line = seen.split('\n').find((l) => l.includes('listening on'));
        const url = line?.match(/http:\/\/[\w.:[\]-]+/g)?.at(-1);
        if (url) resolve(url);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
    });
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ checks: { knowledge: 'ok' } });
  } finally {
    child.kill();
  }
}, 120_000);
