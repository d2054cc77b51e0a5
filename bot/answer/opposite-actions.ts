import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { fold, foldedWords } from '../text/normalize.ts';

/** Opposite actions (apply / cancel), data in opposite-actions.yaml. */
const schema = z
  .object({
    pairs: z.array(
      z.object({ start: z.array(z.string().min(2)), stop: z.array(z.string().min(2)) }).strict(),
    ),
  })
  .strict();

const PAIRS = schema
  .parse(parse(readFileSync(new URL('./opposite-actions.yaml', import.meta.url), 'utf8')))
  .pairs.map((p) => ({ start: p.start.map(fold), stop: p.stop.map(fold) }));

/** A stem names a word it begins; a phrase ("si opp") names consecutive words, its last one by prefix. */
const names = (words: readonly string[], stems: readonly string[]): boolean => {
  const text = ` ${words.join(' ')}`;
  return stems.some((s) => text.includes(` ${s}`));
};

type Sides = readonly { start: boolean; stop: boolean }[];

/** One question is held against every candidate's title, and titles recur: remember recent texts. */
const SIDES_CACHE_MAX = 2048;
const sidesCache = new Map<string, Sides>();

/** The sides a text names, per pair: 'start', 'stop', both or neither. */
function sides(text: string): Sides {
  const known = sidesCache.get(text);
  if (known) return known;
  const words = foldedWords(text);
  // Prefixes, not substrings: "avbestille" names cancelling, and does not also name "bestille".
  const found = PAIRS.map((p) => ({ start: names(words, p.start), stop: names(words, p.stop) }));
  if (sidesCache.size >= SIDES_CACHE_MAX) sidesCache.clear();
  sidesCache.set(text, found);
  return found;
}

/**
 * Whether a file titled `title` does the opposite of what the question asks: the question names one side of a
 * pair and not the other, and the title names the other side and not the question's.
 */
export function opposesQuestion(question: string, title: string): boolean {
  const q = sides(question);
  const t = sides(title);
  return q.some((qs, i) => {
    const ts = t[i];
    if (!ts || qs.start === qs.stop) return false;
    return qs.start ? ts.stop && !ts.start : ts.start && !ts.stop;
  });
}
