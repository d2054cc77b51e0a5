/**
 * The server half of `npm run bench`'s rate steps, forked by scripts/bench.ts: Svar (decisions on the main
 * thread, in worker threads or in worker processes) or the plain `ws` baseline, in a process of its own.
 * Sends `{ url }` when it listens; answers `cpu` with the CPU milliseconds it (and its worker processes) used
 * so far; `stop` closes it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startPlainWsServer } from '../server/bench/plain-ws-server.ts';
import { benchConfigPatch } from '../server/bench/ws-load.ts';
import { loadConfig } from '../server/config/load.ts';
import { startSvar } from '../server/main.ts';

export type ServerVariant = 'plain' | 'svar-main' | 'svar-threads' | 'svar-processes';
export type ServerMessage =
  { url: string } | { cpuMs: number } | { profiled: string } | { threads: Record<string, number> };
/** Requests besides `cpu` and `stop`: a CPU profile of this process between the two (bench-profile.ts). */
export type ServerRequest = 'cpu' | 'stop' | 'profile-start' | 'threads' | { profileTo: string };

/**
 * CPU milliseconds per thread of this process so far, summed by thread name (from /proc, 10 ms ticks):
 * the main thread, V8's helpers (garbage collection, compilation), libuv's pool, worker threads. The
 * main thread is the thread whose id is the process's.
 */
function threadCpuMs(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name =
        Number(tid) === process.pid
          ? 'main thread'
          : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[name] = (out[name] ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

const variant = (process.argv[2] ?? 'svar-main') as ServerVariant;
const poolSize = Number(process.argv[3] ?? 2);
// Only Svar keeps data; the plain server leaves no folder behind if it is killed.
const dataDir = variant === 'plain' ? undefined : await mkdtemp(join(tmpdir(), 'svar-bench-server-'));
const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** CPU of processes that are not this one (pool workers as processes), from /proc: clock ticks of 10 ms. */
const procCpuMs = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
};

let close: () => Promise<void>;
let workerPids: () => number[] = () => [];
let url: string;
if (variant === 'plain') {
  const plain = await startPlainWsServer();
  url = plain.url;
  close = plain.close;
} else {
  const config = loadConfig({ env: { SVAR_DATA_DIR: dataDir!, SVAR_PORT: '0' } });
  benchConfigPatch(config);
  config.server.host = '127.0.0.1';
  config.knowledge.watch = false;
  config.decisionPool.enabled = variant !== 'svar-main';
  config.decisionPool.size = poolSize;
  config.decisionPool.runtime = variant === 'svar-processes' ? 'child_process' : 'worker_threads';
  // A busy machine can hold a worker's answer back for a while; the bench measures it, not the fallback.
  config.decisionPool.timeoutMs = 60_000;
  const svar = await startSvar(config, { useModel: false, log: silent });
  await svar.pool?.start();
  url = svar.app.url;
  close = svar.close;
  if (variant === 'svar-processes') workerPids = () => svar.pool?.workers.map((w) => w.threadId) ?? [];
}

const cpuMs = (): number => {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1000 + workerPids().reduce((sum, pid) => sum + procCpuMs(pid), 0);
};
let profiler: Session | undefined;
const profile = async (message: ServerRequest): Promise<void> => {
  if (message === 'profile-start') {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.post('Profiler.start');
    process.send?.({ profiled: '' } satisfies ServerMessage);
  } else if (typeof message === 'object' && profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    profiler.disconnect();
    await writeFile(message.profileTo, JSON.stringify(profile));
    process.send?.({ profiled: message.profileTo } satisfies ServerMessage);
  }
};
process.on('message', (message: ServerRequest) => {
  if (message === 'profile-start' || typeof message === 'object') void profile(message);
  if (message === 'cpu') process.send?.({ cpuMs: cpuMs() } satisfies ServerMessage);
  if (message === 'threads') process.send?.({ threads: threadCpuMs() } satisfies ServerMessage);
  if (message === 'stop') {
    void close()
      .then(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined))
      .then(() => process.disconnect?.());
  }
});
process.send?.({ url } satisfies ServerMessage);
