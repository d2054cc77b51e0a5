/**
 * Processes of `npm run bench`: forked helpers that answer one message per request, CPU time of any process
 * from /proc, and clean-ups that run however the bench ends (a thrown error, Ctrl-C, `kill`), so no server,
 * database or load client outlives it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A TypeScript helper in a process of its own, through tsx whatever runs this one (tsx or vitest). */
export const forkScript = (script: string, argv: string[] = []): ChildProcess =>
  fork(fileURLToPath(new URL(script, import.meta.url)), argv, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });

export const nextMessage = <T>(p: ChildProcess): Promise<T> =>
  new Promise((done, fail) => {
    const onExit = (code: number | null) => fail(new Error(`benchmark process exited with ${code}`));
    p.once('exit', onExit);
    p.once('message', (m) => {
      p.off('exit', onExit);
      done(m as T);
    });
  });

/** Sends `message` and resolves with the answer; an `{ error }` answer rejects. */
export async function ask<T>(p: ChildProcess, message: unknown): Promise<T> {
  const answer = nextMessage<T | { error: string }>(p);
  p.send(message as object);
  const m = await answer;
  if (m && typeof m === 'object' && 'error' in m) throw new Error(m.error);
  return m as T;
}

/** Asks a forked helper to stop and waits for it; kills it if it has not gone within `ms`. */
export async function stopChild(p: ChildProcess, ms = 10_000): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise((r) => p.once('exit', r));
  if (p.connected) p.send('stop');
  const timer = setTimeout(() => p.kill('SIGKILL'), ms);
  await gone;
  clearTimeout(timer);
}

/** User and system CPU milliseconds a process used so far (clock ticks of 10 ms), 0 once it is gone. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const cleanups = new Set<() => Promise<void>>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const onSignal = (signal: NodeJS.Signals): void => {
  process.stderr.write(`${signal}: cleaning up the bench's processes\n`);
  void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
};

/**
 * Registers a clean-up to run on SIGINT or SIGTERM (then the bench exits); returns a function that runs it
 * now, once, and unregisters it, for the normal path. The signal handlers are there only while some
 * clean-up is pending, so a process that embeds the bench (a test runner) keeps its own behaviour after.
 */
export function onExit(cleanup: () => Promise<void>): () => Promise<void> {
  if (cleanups.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  let done: Promise<void> | undefined;
  const run = () => {
    cleanups.delete(run);
    if (cleanups.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
    done ??= cleanup();
    return done;
  };
  cleanups.add(run);
  return run;
}
