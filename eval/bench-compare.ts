/**
 * Two checkouts side by side in one process, for speed work on a shared, noisy machine:
 * `npx tsx eval/bench-compare.ts <other checkout> [--rounds 3] [--files 5000] [--edits 7]` (e.g. a `git
 * worktree` of main with its node_modules linked). decide() runs on every labelled text in both, text by
 * text in alternating order, so both see the same load; then one file of a knowledge folder with that many
 * extra files is edited in each in turn, and the reload plus the first question after it is timed. Prints
 * both checkouts' figures, the ratios (this one / the other) and the load average of the run.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as BotModule from '../bot/index.ts';
import type * as KnowledgeModule from '../knowledge/index.ts';
import type * as BenchDecide from './bench-decide.ts';
import { percentile } from './bench-support.ts';
import type * as Synthetic from './synthetic-knowledge.ts';

type Bot = typeof BotModule;
type Knowledge = typeof KnowledgeModule;
type Support = typeof BenchDecide & typeof Synthetic;

interface Checkout {
  root: string;
  bot: Bot;
  knowledge: Knowledge;
  support: Support;
}

async function load(root: string): Promise<Checkout> {
  const from = (path: string): Promise<unknown> => import(join(root, path));
  return {
    root,
    bot: (await from('bot/index.ts')) as Bot,
    knowledge: (await from('knowledge/index.ts')) as Knowledge,
    support: {
      ...((await from('eval/bench-decide.ts')) as typeof BenchDecide),
      ...((await from('eval/synthetic-knowledge.ts')) as typeof Synthetic),
    },
  };
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fixed = (n: number): string => n.toFixed(3);
const summary = (xs: number[]) => ({ p50: percentile(xs, 50), p99: percentile(xs, 99) });

/** decide() CPU per labelled text, both checkouts interleaved text by text. */
async function compareDecide(checkouts: Checkout[], work: string, rounds: number): Promise<number[][]> {
  const setups = await Promise.all(
    checkouts.map(async (c, i) => {
      const kb = await c.knowledge.openKnowledge({
        knowledgeDir: resolve(c.root, 'knowledge/sample'),
        dataDir: join(work, `decide-${i}`),
      });
      const { env } = await c.bot.createBotEnvironment({
        retriever: kb.retriever,
        ...(kb.policyText !== undefined ? { policyText: kb.policyText } : {}),
      });
      return { c, env, times: [] as number[] };
    }),
  );
  const texts = await (checkouts[0] as Checkout).support.labelledTexts(resolve('eval/datasets'));
  const context = { history: [], widgetLang: 'nb' as const };
  for (const s of setups) for (const text of texts) await s.c.bot.decide(text, context, s.env);
  for (let round = 0; round < rounds; round += 1) {
    for (const [n, text] of texts.entries()) {
      for (const s of (round + n) % 2 ? setups : [...setups].reverse()) {
        const before = cpuMs();
        await s.c.bot.decide(text, context, s.env);
        s.times.push(cpuMs() - before);
      }
    }
  }
  return setups.map((s) => s.times);
}

/** Reload after one edit plus the first question, wall and CPU ms, the checkouts taking turns. */
async function compareRebuild(checkouts: Checkout[], work: string, files: number, edits: number) {
  const setups = [];
  for (const [i, c] of checkouts.entries()) {
    const dir = join(work, `knowledge-${i}`);
    await cp(resolve(c.root, 'knowledge/sample'), dir, { recursive: true });
    // The same synthetic folder as eval/bench-rebuild.ts: the sample knowledge's words, seeded.
    const probe = await c.knowledge.openKnowledge({ knowledgeDir: dir, dataDir: join(work, `probe-${i}`) });
    const texts = probe.retriever.files().map((f) => `${f.title} ${f.questions.join(' ')} ${f.body}`);
    const words = new Set(texts.flatMap((t) => t.split(/\s+/)).filter((w) => /^\p{L}{3,}$/u.test(w)));
    await c.support.writeSyntheticKnowledge(join(dir, 'synthetic'), files, [...words], files);
    const kb = await c.knowledge.openKnowledge({ knowledgeDir: dir, dataDir: join(work, `data-${i}`) });
    await kb.retriever.search('barnehage søknadsfrist');
    const all = kb.retriever.files();
    const path = join(dir, all[Math.floor(all.length / 2)]?.path ?? '');
    setups.push({
      kb,
      path,
      original: await readFile(path, 'utf8'),
      wall: [] as number[],
      cpu: [] as number[],
    });
  }
  for (let edit = 1; edit <= edits; edit += 1) {
    for (const s of edit % 2 ? setups : [...setups].reverse()) {
      await writeFile(s.path, `${s.original}\nEndret for måling ${edit}.\n`);
      const t0 = performance.now();
      const c0 = cpuMs();
      await s.kb.reload();
      await s.kb.retriever.search(`søknad om plass ${edit}`);
      s.wall.push(performance.now() - t0);
      s.cpu.push(cpuMs() - c0);
      // Terms are scored again in the background after an edit: let that finish between edits.
      await new Promise((done) => setTimeout(done, 2000));
    }
  }
  return setups.map((s) => ({ wall: summary(s.wall).p50, cpu: summary(s.cpu).p50 }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number): number => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const other = args[0];
  if (!other || other.startsWith('--')) throw new Error('usage: bench-compare.ts <other checkout> [options]');
  const checkouts = [await load(resolve('.')), await load(resolve(other))];
  const work = await mkdtemp(join(tmpdir(), 'svar-bench-compare-'));
  const names = ['this checkout', other];
  try {
    const load0 = loadavg()[0] ?? 0;
    const decide = await compareDecide(checkouts, work, option('rounds', 3));
    decide.forEach((times, i) => {
      const s = summary(times);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      console.log(
        `decide() CPU ms, ${names[i]}: p50 ${fixed(s.p50)} p99 ${fixed(s.p99)} mean ${fixed(mean)}`,
      );
    });
    const [mine, theirs] = decide.map(summary) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
    console.log(`ratio: p50 ${fixed(mine.p50 / theirs.p50)} p99 ${fixed(mine.p99 / theirs.p99)}`);
    const rebuild = await compareRebuild(checkouts, work, option('files', 5000), option('edits', 7));
    rebuild.forEach((r, i) =>
      console.log(
        `reload + first question, ${names[i]}: ${Math.round(r.wall)} ms wall, ${Math.round(r.cpu)} ms CPU`,
      ),
    );
    console.log(`load average ${load0.toFixed(1)} at the start, ${loadavg()[0]?.toFixed(1)} at the end`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
