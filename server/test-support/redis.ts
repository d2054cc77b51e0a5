import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** Why Redis tests are skipped here, or undefined when redis-server is installed. */
export const redisMissing: string | undefined = existsSync(REDIS_SERVER)
  ? undefined
  : `skipped: ${REDIS_SERVER} is missing (apt-get install redis-server)`;

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A free loopback port: redis-server cannot listen on port 0 and tell us which one it took. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway redis-server on a loopback port with its files in a temp folder and nothing saved to disk.
 * Throws when redis-server is missing; check `redisMissing` first to skip with its message.
 */
export async function startRedis(): Promise<TestRedis> {
  if (redisMissing) throw new Error(redisMissing);
  const dir = mkdtempSync(join(tmpdir(), 'svar-redis-'));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ready = await waitReady(child);
    if (ready) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: async () => {
          await stopChild(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    // Another process took the port between the probe and redis-server's bind: try another.
    await stopChild(child);
    if (attempt >= 4) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('redis-server did not start');
    }
  }
}

function waitReady(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) done(true);
    };
    const done = (ok: boolean) => {
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      clearTimeout(timer);
      resolve(ok);
    };
    const onExit = () => done(false);
    const timer = setTimeout(() => done(false), 20_000);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
