/**
 * `npx tsx eval/bench-safety.ts`: CPU of the safety scan on the labelled texts, the compiled trie against a
 * naive scan (every phrase tried at every word, as before the concepts were compiled) in the same run, so the
 * ratio holds on a busy machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileLexicon } from '../bot/safety/lexicons.ts';
import { foldedWords } from '../bot/text/normalize.ts';
import { phraseSpans } from '../bot/text/phrase.ts';

const DIR = fileURLToPath(new URL('./datasets/', import.meta.url));
const ROUNDS = 5;

const texts = readdirSync(DIR)
  .filter((n) => n.endsWith('.jsonl'))
  .flatMap((n) => readFileSync(join(DIR, n), 'utf8').split('\n'))
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const tokens = texts.map(foldedWords);
const { matcher } = compileLexicon().safety;

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function round(scan: (t: readonly string[]) => number): number {
  const start = cpuMs();
  let found = 0;
  for (const t of tokens) found += scan([...t]);
  if (found < 0) throw new Error('unreachable');
  return cpuMs() - start;
}
const compiled = (t: readonly string[]) => matcher.scan(t).size;
const naive = (t: readonly string[]) =>
  matcher.phrases.reduce((n, p) => n + (phraseSpans(p, t).length > 0 ? 1 : 0), 0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const times = { compiled: [] as number[], naive: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  times.compiled.push(round(compiled));
  times.naive.push(round(naive));
}
const per = (xs: number[]) => (median(xs) / texts.length).toFixed(4);
console.log(`${texts.length} labelled texts, ${matcher.phrases.length} compiled phrases, ${ROUNDS} rounds`);
console.log(`compiled trie: ${per(times.compiled)} ms CPU per text`);
console.log(`naive scan:    ${per(times.naive)} ms CPU per text`);
console.log(`ratio compiled/naive: ${(median(times.compiled) / median(times.naive)).toFixed(3)}`);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
