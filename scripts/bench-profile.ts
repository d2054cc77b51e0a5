/**
 * Where a reply's server CPU goes: forks the bench server (scripts/bench-server.ts), profiles it through the
 * inspector during one rate step driven from the load client's own process, and sums the profile's self
 * time by the part of the server it belongs to; the CPU per thread comes from /proc beside it.
 * `npm run bench -- --parts profile` writes eval/results/bench-profile.{json,md}.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RateStepResult } from '../server/bench/rate-load.ts';
import type { ClientMessage } from './bench-client.ts';
import { ask, forkScript, nextMessage, stopChild } from './bench-process.ts';
import type { ServerMessage, ServerRequest } from './bench-server.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
  hitCount?: number;
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileOptions {
  rate: number;
  seconds: number;
  sockets: number;
  questions: string[];
  /** An unreported step first, at the same rate, so the profile holds a warm server. */
  warmUpSeconds?: number;
  /** Keeps the raw profile at this path (open it in Chrome's DevTools). */
  keepProfile?: string;
}

export interface ProfileResult {
  step: RateStepResult;
  serverCpuMsPerReply: number;
  /** Self time per part as ms of CPU per reply, largest first. */
  parts: { part: string; msPerReply: number; share: number }[];
  /**
   * CPU per reply by thread (from /proc, CPU time proper): the profile sees only the main thread, and
   * samples wall time there.
   */
  threads: { thread: string; msPerReply: number }[];
  /** Heaviest functions by self time. */
  functions: { fn: string; msPerReply: number; share: number }[];
}

type Frame = ProfileNode['callFrame'];
/**
 * What a sample's CPU was spent on, by the frames on its stack: the first rule that matches any frame wins,
 * so the SQLite statements the learning recorder runs count as learning, and JSON.parse called from the
 * socket as frame parsing. `undefined` leaves the sample out (the profiler's own work).
 */
const RULES: [string | undefined, (f: Frame) => boolean][] = [
  [undefined, (f) => f.url === 'node:inspector' || f.url.endsWith('scripts/bench-server.ts')],
  ['decide()', (f) => f.functionName === 'decide' && f.url.endsWith('/bot/decide.ts')],
  ['learning signals', (f) => f.url.includes('/server/learning/')],
  ['event log (analytics)', (f) => f.functionName === 'log' && f.url.endsWith('/server/store/events.ts')],
  ['store (SQLite)', (f) => f.url.includes('/server/store/')],
  ['redaction', (f) => /\/privacy\/|\/safety\/redact|\/safety\/ids/.test(f.url)],
  // decide()'s work after an await (retrieval, language detection) has no decide frame on its stack.
  ['decide()', (f) => /\/bot\/|\/knowledge\/|fasttext|^wasm:/.test(f.url)],
  ['zod validation', (f) => f.url.includes('/node_modules/zod/')],
  ['JSON parse / stringify', (f) => f.url === '' && /^(parse|stringify)$/.test(f.functionName)],
  ['websocket send', (f) => f.url.includes('/node_modules/ws/lib/sender')],
  ['websocket receive', (f) => /\/node_modules\/ws\/lib\/(receiver|websocket)|^node:net$/.test(f.url)],
  ['rate limits', (f) => f.url.includes('rate-limiter-flexible') || f.url.endsWith('/ws/rate-limit.ts')],
  ['chat session', (f) => f.url.includes('/server/chat/') || f.url.includes('/server/ws/')],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
];

export function breakdown(p: CpuProfile): { parts: Map<string, number>; fns: Map<string, number> } {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === '(idle)') continue;
    const stack: Frame[] = [];
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1))
      stack.push(n.callFrame);
    const rule = RULES.find(([, test]) => stack.some(test));
    if (rule && rule[0] === undefined) continue;
    const part = rule?.[0] ?? 'other (event loop, promises, timers)';
    parts.set(part, (parts.get(part) ?? 0) + us);
    const f = leaf.callFrame;
    const fn = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules\/)?/, '')}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
  }
  return { parts, fns };
}

export async function profileServer(o: ProfileOptions): Promise<ProfileResult> {
  const dir = await mkdtemp(join(tmpdir(), 'svar-profile-'));
  const file = join(dir, 'server.cpuprofile');
  const server = forkScript('./bench-server.ts', ['svar-main', '2']);
  const client = forkScript('./bench-client.ts');
  try {
    const { url } = await nextMessage<{ url: string }>(server);
    await ask<ClientMessage>(client, { url, sockets: o.sockets, questions: o.questions });
    // A warm-up step so the profile holds the steady state, not V8's first compilations.
    await ask<ClientMessage>(client, {
      step: { rate: o.rate, seconds: o.warmUpSeconds ?? 30, drainMs: 60_000 },
    });
    await ask<ServerMessage>(server, 'profile-start' satisfies ServerRequest);
    const threadsBefore = (await ask<{ threads: Record<string, number> }>(server, 'threads')).threads;
    const before = (await ask<{ cpuMs: number }>(server, 'cpu')).cpuMs;
    const { result } = await ask<Extract<ClientMessage, { result: RateStepResult }>>(client, {
      step: { rate: o.rate, seconds: o.seconds },
    });
    const used = (await ask<{ cpuMs: number }>(server, 'cpu')).cpuMs - before;
    const threadsAfter = (await ask<{ threads: Record<string, number> }>(server, 'threads')).threads;
    await ask<ServerMessage>(server, { profileTo: file } satisfies ServerRequest);
    const text = await readFile(file, 'utf8');
    if (o.keepProfile) await writeFile(o.keepProfile, text);
    const profile = JSON.parse(text) as CpuProfile;
    const { parts, fns } = breakdown(profile);
    const busy = [...parts.values()].reduce((a, b) => a + b, 0);
    const perReply = used / Math.max(1, result.replied);
    // The profile samples the main thread only: its shares split that thread's CPU.
    const mainMs = (threadsAfter['main thread'] ?? 0) - (threadsBefore['main thread'] ?? 0);
    const mainPerReply = mainMs / Math.max(1, result.replied);
    const scale = (us: number) => Math.round((us / busy) * mainPerReply * 1000) / 1000;
    const share = (us: number) => Math.round((us / busy) * 1000) / 10;
    return {
      step: result,
      serverCpuMsPerReply: Math.round(perReply * 1000) / 1000,
      threads: Object.entries(threadsAfter)
        .map(([thread, ms]) => ({
          thread,
          msPerReply:
            Math.round(((ms - (threadsBefore[thread] ?? 0)) / Math.max(1, result.replied)) * 1000) / 1000,
        }))
        .filter((t) => t.msPerReply > 0)
        .sort((a, b) => b.msPerReply - a.msPerReply),
      parts: [...parts]
        .sort((a, b) => b[1] - a[1])
        .map(([part, us]) => ({ part, msPerReply: scale(us), share: share(us) })),
      functions: [...fns]
        .filter(([fn]) => !fn.startsWith('(idle)'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 40)
        .map(([fn, us]) => ({ fn, msPerReply: scale(us), share: share(us) })),
    };
  } finally {
    await stopChild(client);
    await stopChild(server, 60_000);
    await rm(dir, { recursive: true, force: true });
  }
}
