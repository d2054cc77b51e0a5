/**
 * Start-up: time from `npm start` to the first 200 on /health, on throwaway clones with the default
 * configuration and the sample knowledge, against a trivial `node -e` http server started in the same runs
 * (the machine is shared and noisy, so the ratio is the figure that travels). Each clone is prepared as
 * `npm install` would (`npm run prepare`, with this checkout's node_modules linked in), and each run gets a
 * fresh data folder, as a first start does.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface StartupVariant {
  label: string;
  commit: string;
  /** Milliseconds from spawning `npm start` to the first 200 on /health, one per run. */
  healthMs: number[];
  medianMs: number;
  /** Median over runs of (this run's time / the `node -e` server's time in the same run). */
  medianRatio: number;
  /** Median over runs of (this run's time / the first variant's time in the same run). */
  medianRatioToFirst: number;
}

export interface StartupBench {
  runs: number;
  /** The trivial `node -e` http server: milliseconds from spawn to its first 200. */
  baselineMs: number[];
  baselineMedianMs: number;
  variants: StartupVariant[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });

/** Spawns a command in its own process group, polls `path` until it answers 200, then kills the group. */
async function timeToOk(
  command: string,
  args: string[],
  o: { cwd: string; env: Record<string, string>; path: string; timeoutMs: number },
): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: o.cwd,
    env: { ...process.env, ...o.env, PORT: String(port), SVAR_PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}${o.path}`)
        .then(async (res) => {
          await res.arrayBuffer();
          return res.status === 200;
        })
        .catch(() => false);
      const elapsed = performance.now() - started;
      if (ok) return elapsed;
      if (elapsed > o.timeoutMs || child.exitCode !== null)
        throw new Error(`${command} ${args.join(' ')} in ${o.cwd}: no 200 on ${o.path}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}

/** A clone of `commit` from this repository, prepared as `npm install` prepares one. */
function prepareClone(root: string, commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'svar-startup-clone-'));
  execFileSync('git', ['clone', '--quiet', '--no-checkout', root, dir]);
  execFileSync('git', ['checkout', '--quiet', commit], { cwd: dir });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npm', ['run', 'prepare'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

export async function benchStartup(o: {
  /** Commits to start, with a label each (e.g. HEAD and the commit before the start-up work). */
  commits: { label: string; commit: string }[];
  runs: number;
  root?: string;
  log?: (line: string) => void;
}): Promise<StartupBench> {
  const root = resolve(o.root ?? '.');
  const clones = o.commits.map((c) => ({
    ...c,
    dir: prepareClone(root, c.commit),
    healthMs: [] as number[],
  }));
  const baselineMs: number[] = [];
  const nodeServer = "require('http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT)";
  try {
    for (let run = 0; run < o.runs; run += 1) {
      // Interleaved, so a busy minute on the machine falls on every variant alike.
      baselineMs.push(
        await timeToOk(process.execPath, ['-e', nodeServer], {
          cwd: root,
          env: {},
          path: '/',
          timeoutMs: 30_000,
        }),
      );
      for (const clone of clones) {
        const dataDir = mkdtempSync(join(tmpdir(), 'svar-startup-data-'));
        try {
          clone.healthMs.push(
            await timeToOk('npm', ['start'], {
              cwd: clone.dir,
              env: { SVAR_DATA_DIR: dataDir },
              path: '/health',
              timeoutMs: 120_000,
            }),
          );
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
      o.log?.(
        `  start-up run ${run + 1}: node -e ${Math.round(baselineMs[run] ?? 0)} ms; ${clones
          .map((c) => `${c.label} ${Math.round(c.healthMs[run] ?? 0)} ms`)
          .join('; ')}`,
      );
    }
  } finally {
    for (const clone of clones) rmSync(clone.dir, { recursive: true, force: true });
  }
  const round = (n: number): number => Math.round(n);
  return {
    runs: o.runs,
    baselineMs: baselineMs.map(round),
    baselineMedianMs: round(median(baselineMs)),
    variants: clones.map((c) => ({
      medianRatioToFirst:
        Math.round(median(c.healthMs.map((ms, i) => ms / (clones[0]?.healthMs[i] ?? ms))) * 100) / 100,
      label: c.label,
      commit: execFileSync('git', ['rev-parse', '--short', c.commit], { cwd: root }).toString().trim(),
      healthMs: c.healthMs.map(round),
      medianMs: round(median(c.healthMs)),
      medianRatio: Math.round(median(c.healthMs.map((ms, i) => ms / (baselineMs[i] ?? ms))) * 10) / 10,
    })),
  };
}

export function startupMarkdown(b: StartupBench): string {
  return `Start-up: \`npm start\` to the first 200 on /health on a fresh clone, default configuration, sample knowledge, fresh data folder (${b.runs} runs, interleaved; a trivial \`node -e\` http server in the same runs: median ${b.baselineMedianMs} ms)

| commit | median ms | runs ms | × node -e (median of runs) | × ${b.variants[0]?.label ?? 'first'} (median of runs) |
| --- | --- | --- | --- | --- |
${b.variants.map((v) => `| ${v.label} (${v.commit}) | ${v.medianMs} | ${v.healthMs.join(', ')} | ${v.medianRatio} | ${v.medianRatioToFirst} |`).join('\n')}
`;
}
