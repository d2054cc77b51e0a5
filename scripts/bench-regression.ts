/**
 * The single-node no-regression figure of `npm run bench` (issue 18): the same reply-rate step on one node
 * with SQLite, on this checkout and on an older commit (by default 2fcf690, the main before the async store),
 * and on the plain `ws` server, interleaved in one run so the machine's noise falls on all of them alike.
 * The older commit is checked out with `git worktree add --detach` into a temporary folder, uses this
 * checkout's packages through links (bench-baseline-modules.ts) and builds its widget (its own `prepare`). Both Svar sides run the
 * same way, `node --import tsx server/main.ts` from their folder, each in a process of its own, with the same
 * bench settings written into a copy of that commit's default configuration; the load client is
 * scripts/bench-client.ts, one process per side.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { RateStepResult } from '../server/bench/rate-load.ts';
import { startNode, type Node } from '../server/cluster/test-support/nodes.ts';
import { baselineModules } from './bench-baseline-modules.ts';
import type { ClientMessage } from './bench-client.ts';
import { ask, forkScript, nextMessage, onExit, processCpuMs, stopChild } from './bench-process.ts';
import type { ServerMessage } from './bench-server.ts';
import { LOAD_CLIENT_LIMITS } from './bench-limits.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export type Side = 'current' | 'baseline' | 'plain';

export interface RegressionOptions {
  baselineCommit: string;
  sockets: number;
  rates: number[];
  stepSeconds: number;
  /** Rounds of every side in turn; the order alternates from round to round. */
  rounds: number;
  /** Questions to ask; only those both Svar sides answer with a bot turn (no handover) are used. */
  questions: string[];
  log?: (line: string) => void;
}

export interface SideStep extends RateStepResult {
  round: number;
  serverCpuMsPerReply?: number;
  loadAverage1m: number;
}

export interface Ratios {
  p50?: number;
  p95?: number;
  p99?: number;
  cpuPerReply?: number;
}

export interface RegressionResult {
  baselineCommit: string;
  currentCommit: string;
  launcher: string;
  sockets: number;
  stepSeconds: number;
  warmUpSeconds: number;
  rounds: number;
  questionsUsed: number;
  /** Why the older commit could not be measured, when it could not. */
  baselineFailed?: string;
  loadAverage: { before: number[]; after: number[] };
  sides: { side: Side; label: string; connected: number; steps: SideStep[] }[];
  /** Per rate: the median over the rounds of each round's ratio (rounds where both sides kept up). */
  ratios: {
    rate: number;
    roundsCompared: number;
    currentVsBaseline: Ratios;
    currentVsPlain: Ratios;
    baselineVsPlain: Ratios;
  }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const WARM_UP_SECONDS = 5;
const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/** Bench settings (no per-address limits on loopback, open all day) in a copy of `root`'s default config. */
function writeConfig(root: string, dir: string): string {
  const config = JSON.parse(readFileSync(join(root, 'server', 'config', 'default.json'), 'utf8')) as {
    limits: Record<string, unknown>;
    schedules: Record<string, unknown>;
    model: Record<string, unknown>;
    holidays?: unknown;
    publicHolidays?: unknown;
  };
  const allDay = [['00:00', '24:00']];
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]));
  for (const id of Object.keys(config.schedules)) config.schedules[id] = week;
  config.holidays = [];
  config.publicHolidays = false;
  config.model.allowRemote = false;
  // An older commit may not know every limit: only those it has are lifted.
  for (const [key, value] of Object.entries(LOAD_CLIENT_LIMITS))
    if (key in config.limits) config.limits[key] = value;
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** The bot's first turn to each question on fresh chats: its kind, or `none` when no bot turn came. */
async function replyKinds(url: string, questions: string[]): Promise<string[]> {
  const ws = `${url.replace(/^http/, 'ws')}/ws/citizen`;
  const kindOf = (text: string) =>
    new Promise<string>((resolve) => {
      const s = new WebSocket(ws, { headers: { origin: url } });
      const timer = setTimeout(() => done('none'), 30_000);
      const done = (kind: string) => {
        clearTimeout(timer);
        s.terminate();
        resolve(kind);
      };
      s.on('message', (data) => {
        const f = JSON.parse(data.toString()) as { type: string; kind?: string };
        if (f.type === 'welcome') s.send(JSON.stringify({ type: 'message', clientId: 'q', text }));
        else if (f.type === 'bot' && f.kind !== 'greeting') done(f.kind ?? 'none');
      });
      s.once('open', () => s.send(JSON.stringify({ type: 'start', v: 1, lang: 'nb' })));
      s.once('error', () => done('none'));
    });
  const kinds: string[] = [];
  for (let i = 0; i < questions.length; i += 20)
    kinds.push(...(await Promise.all(questions.slice(i, i + 20).map(kindOf))));
  return kinds;
}

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : undefined;
const median = (xs: (number | undefined)[]): number | undefined => {
  const v = xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : Math.round(((v[mid - 1]! + v[mid]!) / 2) * 100) / 100;
};
const stepRatios = (a: SideStep | undefined, b: SideStep | undefined): Ratios => ({
  p50: ratio(a?.replyMs?.p50, b?.replyMs?.p50),
  p95: ratio(a?.replyMs?.p95, b?.replyMs?.p95),
  p99: ratio(a?.replyMs?.p99, b?.replyMs?.p99),
  cpuPerReply: ratio(a?.serverCpuMsPerReply, b?.serverCpuMsPerReply),
});

export async function runRegressionBench(o: RegressionOptions): Promise<RegressionResult> {
  const log = o.log ?? (() => {});
  const loadBefore = loadavg().map(round1);
  const dir = mkdtempSync(join(tmpdir(), 'svar-bench-regression-'));
  const tree = join(dir, 'baseline');
  let worktree = false;
  const servers: { side: Side; pid?: number; url: string; stop: () => Promise<void> }[] = [];
  const starting: Promise<unknown>[] = [];
  const clients: ChildProcess[] = [];
  const cleanup = onExit(async () => {
    await Promise.allSettled(clients.map((c) => stopChild(c, 5_000)));
    await Promise.allSettled(starting);
    await Promise.allSettled(servers.map((s) => s.stop()));
    if (worktree) {
      try {
        git(['worktree', 'remove', '--force', tree]);
      } catch {
        git(['worktree', 'prune']);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const startSvarSide = async (side: 'current' | 'baseline', root: string): Promise<void> => {
    const sideDir = mkdtempSync(join(dir, `${side}-`));
    const p = startNode(
      side,
      { SVAR_CONFIG: writeConfig(root, sideDir), SVAR_DATA_DIR: join(sideDir, 'data') },
      { root },
    );
    starting.push(p);
    const node: Node = await p;
    servers.push({ side, pid: node.child.pid, url: node.url, stop: () => node.kill('SIGKILL') });
  };
  try {
    let baselineFailed: string | undefined;
    log(`  single node: checking out ${o.baselineCommit} into a temporary worktree`);
    try {
      git(['worktree', 'add', '--detach', tree, o.baselineCommit]);
      worktree = true;
      const fetched = baselineModules(ROOT, tree);
      if (fetched.length > 0) log(`  single node: fetched for ${o.baselineCommit}: ${fetched.join(', ')}`);
      execFileSync(process.execPath, ['--import', 'tsx', 'widget/build.ts'], { cwd: tree, stdio: 'ignore' });
      await startSvarSide('baseline', tree);
    } catch (error) {
      baselineFailed = `${o.baselineCommit} could not run: ${(error as Error).message.split('\n')[0]}`;
      log(`  single node: ${baselineFailed}`);
    }
    await startSvarSide('current', ROOT);
    const plain = forkScript('./bench-server.ts', ['plain']);
    clients.push(plain);
    const { url: plainUrl } = await nextMessage<Extract<ServerMessage, { url: string }>>(plain);
    servers.push({ side: 'plain', pid: plain.pid, url: plainUrl, stop: () => stopChild(plain) });

    // Questions every Svar side answers with a bot turn: a handed-over citizen gets no bot reply to the next
    // question, which the step would count as lost.
    const keep = new Set(['answer', 'clarify', 'fallback', 'smalltalk']);
    const candidates = o.questions.slice(0, 300);
    const kinds = await Promise.all(
      servers.filter((s) => s.side !== 'plain').map((s) => replyKinds(s.url, candidates)),
    );
    const questions = candidates.filter((_, i) => kinds.every((k) => keep.has(k[i] ?? 'none')));
    log(
      `  single node: ${questions.length} of ${candidates.length} questions answered by the bot on every side`,
    );

    const labels: Record<Side, string> = {
      current: `Svar, this checkout (${git(['rev-parse', '--short', 'HEAD'])})`,
      baseline: `Svar, ${o.baselineCommit} (before the async store)`,
      plain: 'plain ws',
    };
    const sides: RegressionResult['sides'] = [];
    const drivers = new Map<Side, ChildProcess>();
    for (const s of servers) {
      const client = forkScript('./bench-client.ts');
      clients.push(client);
      drivers.set(s.side, client);
      const { connected } = await ask<Extract<ClientMessage, { connected: number }>>(client, {
        url: s.url,
        sockets: o.sockets,
        questions,
      });
      sides.push({ side: s.side, label: labels[s.side], connected, steps: [] });
    }
    log(
      `  single node: ${o.sockets} sockets on each side; ${o.rates.join(' / ')} questions/s for ${o.stepSeconds} s, ${o.rounds} rounds`,
    );
    // One unreported step on each side first: a fresh server's first seconds of load (JIT, caches, the
    // database's first pages) would otherwise fall on whichever side went first.
    for (const s of servers) {
      await ask(drivers.get(s.side)!, { step: { rate: o.rates[0] ?? 50, seconds: WARM_UP_SECONDS } });
    }
    for (let round = 1; round <= o.rounds; round++) {
      const order = servers.map((s) => s.side);
      if (round % 2 === 0) order.reverse();
      for (const side of order) {
        const server = servers.find((s) => s.side === side)!;
        const client = drivers.get(side)!;
        const entry = sides.find((s) => s.side === side)!;
        for (const rate of o.rates) {
          const before = processCpuMs(server.pid);
          const { result } = await ask<Extract<ClientMessage, { result: RateStepResult }>>(client, {
            step: { rate, seconds: o.stepSeconds },
          });
          const used = processCpuMs(server.pid) - before;
          entry.steps.push({
            ...result,
            round,
            ...(result.replied > 0
              ? { serverCpuMsPerReply: Math.round((used / result.replied) * 1000) / 1000 }
              : {}),
            loadAverage1m: round1(loadavg()[0]!),
          });
          log(
            `  round ${round}, ${labels[side]}: ${rate}/s ${result.failed ? `failed (${result.failed})` : `p50 ${result.replyMs?.p50} / p99 ${result.replyMs?.p99} ms`}`,
          );
          // Let the server settle (garbage, late frames) before the next step.
          await new Promise((r) => setTimeout(r, 1000));
          if (result.failed) break;
        }
      }
    }
    const stepOf = (side: Side, rate: number, round: number) =>
      sides
        .find((s) => s.side === side)
        ?.steps.find((x) => x.rate === rate && x.round === round && !x.failed);
    const ratios = o.rates.map((rate) => {
      const rounds = Array.from({ length: o.rounds }, (_, i) => i + 1);
      const per = (a: Side, b: Side) => rounds.map((r) => stepRatios(stepOf(a, rate, r), stepOf(b, rate, r)));
      const med = (xs: Ratios[]): Ratios => ({
        p50: median(xs.map((x) => x.p50)),
        p95: median(xs.map((x) => x.p95)),
        p99: median(xs.map((x) => x.p99)),
        cpuPerReply: median(xs.map((x) => x.cpuPerReply)),
      });
      return {
        rate,
        roundsCompared: rounds.filter((r) => stepOf('current', rate, r) && stepOf('baseline', rate, r))
          .length,
        currentVsBaseline: med(per('current', 'baseline')),
        currentVsPlain: med(per('current', 'plain')),
        baselineVsPlain: med(per('baseline', 'plain')),
      };
    });
    return {
      baselineCommit: o.baselineCommit,
      currentCommit:
        git(['rev-parse', '--short', 'HEAD']) +
        (git(['status', '--porcelain']) ? ' (with uncommitted changes)' : ''),
      launcher: 'node --import tsx server/main.ts, SQLite, lexical mode',
      sockets: o.sockets,
      stepSeconds: o.stepSeconds,
      warmUpSeconds: WARM_UP_SECONDS,
      rounds: o.rounds,
      questionsUsed: questions.length,
      ...(baselineFailed ? { baselineFailed } : {}),
      loadAverage: { before: loadBefore, after: loadavg().map(round1) },
      sides,
      ratios,
    };
  } finally {
    await cleanup();
  }
}
