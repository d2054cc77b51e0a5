import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG_FILE } from '../../config/load.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The default configuration, open day and night (the test must not depend on the hour it runs at), with no
 * model download, no file watcher, and a cheap password hash for test logins.
 */
export function writeClusterConfig(
  dir: string,
  patch?: (c: { limits: Record<string, unknown>; retention: Record<string, unknown> }) => void,
): string {
  const config = JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Record<string, unknown> & {
    schedules: Record<string, unknown>;
    session: Record<string, unknown>;
    model: Record<string, unknown>;
    limits: Record<string, unknown>;
    retention: Record<string, unknown>;
  };
  const allDay = [['00:00', '24:00']];
  for (const id of Object.keys(config.schedules)) {
    config.schedules[id] = {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    };
  }
  config.publicHolidays = false;
  config.holidays = [];
  config.session.passwordCost = 14;
  config.model.allowRemote = false;
  config.knowledge = { watch: false, reloadDebounceMs: 300 };
  // Every test client comes from 127.0.0.1, and the per-address bounds hold for the whole cluster.
  config.limits.maxWaitingPerIp = 1000;
  config.limits.maxConnectionsPerIp = 10_000;
  patch?.(config);
  const file = join(dir, 'cluster-config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

export interface Node {
  name: string;
  url: string;
  child: ChildProcess;
  log: string[];
  /** Waits for a log line matching `pattern`, seen already or to come. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `server/main.ts` as its own process, as production runs it; resolves once it says where it listens.
 * `built` runs dist/server/main.js (what `npm start` runs) instead of the source through tsx; `root` is
 * another checkout of Svar (the benchmark's older commit).
 */
export function startNode(
  name: string,
  env: Record<string, string>,
  o: { built?: boolean; root?: string } = {},
): Promise<Node> {
  const root = o.root ?? ROOT;
  // Only what tsx needs to run is inherited; the server's own settings all come from `env`.
  // eslint-disable-next-line no-restricted-properties
  const { PATH = '', HOME = '/tmp' } = process.env;
  // Node itself with tsx's loader, not the tsx wrapper: SIGKILL must reach the server, not a parent of it.
  const entry = o.built
    ? [join(root, 'dist', 'server', 'main.js')]
    : ['--import', 'tsx', join(root, 'server', 'main.ts')];
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: {
      PATH,
      HOME,
      SVAR_PORT: '0',
      SVAR_HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const waiters = new Set<() => void>();
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log.push(line);
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onLine);
  child.stderr?.on('data', onLine);
  const waitForLog = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = log.find((l) => pattern.test(l));
        if (line) {
          cleanup();
          resolve(line);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`${name} exited before logging ${pattern}:\n${log.join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${name} did not log ${pattern} within ${timeoutMs} ms:\n${log.join('\n')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
        child.off('exit', check);
      };
      waiters.add(check);
      child.on('exit', check);
      check();
    });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return waitForLog(/listening on http:\/\/127\.0\.0\.1:\d+/, 120_000).then(
    (line) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)![0];
      return { name, url, child, log, waitForLog, kill };
    },
    async (error: unknown) => {
      await kill('SIGKILL');
      throw error;
    },
  );
}
