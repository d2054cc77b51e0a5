/**
 * The websocket half of `npm run bench`, forked by scripts/bench.ts so the server runs in a clean process:
 * receives the bot questions over IPC, starts the real server on port 0 with 20 staff accounts, drives the
 * load and sends the figures back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../server/auth/password.ts';
import { runQueueLoad } from '../server/bench/queue-load.ts';
import { benchConfigPatch, runWsLoad } from '../server/bench/ws-load.ts';
import { loadConfig } from '../server/config/load.ts';
import { startSvar } from '../server/main.ts';

const citizens = Number(process.argv[2] ?? 2000);
/** `queue`: the waiting-queue flood, with `citizens` waiting, instead of the bot and handover load. */
const mode = process.argv[3] ?? 'chat';
const floodRate = Number(process.argv[4] ?? 200);
const questions = await new Promise<string[]>((resolve) => {
  process.once('message', (message) => resolve(message as string[]));
});

const dataDir = await mkdtemp(join(tmpdir(), 'svar-bench-server-'));
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const config = loadConfig({ env: { SVAR_DATA_DIR: dataDir, SVAR_PORT: '0' } });
benchConfigPatch(config);
const svar = await startSvar(config, { useModel: false, log: silent });
try {
  const hash = await hashPassword('bench password');
  const staff = Array.from({ length: 20 }, (_, i) => ({
    username: `agent${i + 1}`,
    password: 'bench password',
  }));
  for (const s of staff) {
    await svar.app.store.staff.create({
      username: s.username,
      displayName: `Agent${s.username}`,
      role: 'agent',
      passwordHash: hash,
      at: new Date().toISOString(),
    });
  }
  const result =
    mode === 'queue'
      ? await runQueueLoad({
          url: svar.app.url,
          staff: staff[0]!,
          waiting: citizens,
          messagesPerSecond: floodRate,
          questions,
        })
      : await runWsLoad({ url: svar.app.url, citizens, staff, questions });
  await new Promise<void>((resolve, reject) =>
    process.send?.(result, (error: Error | null) => (error ? reject(error) : resolve())),
  );
} finally {
  await svar.close();
  await rm(dataDir, { recursive: true, force: true });
}
process.disconnect?.();
