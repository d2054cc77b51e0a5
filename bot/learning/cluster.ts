import { contentWords } from '../text/stopwords.ts';
import { foldedWords } from '../text/normalize.ts';

/** Inflected Nordic forms share their first letters ("søknad", "søknaden", "søknader"). */
const STEM_CHARS = 6;

function stems(text: string): Set<string> {
  return new Set(contentWords(foldedWords(text)).map((w) => w.slice(0, STEM_CHARS)));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups questions that ask about the same thing: single linkage on shared word stems, most frequent
 * question first so each cluster is named by its commonest wording. Quadratic, which is fine for the few
 * thousand unanswered questions of a month; callers cluster each language on its own.
 */
export function clusterQuestions<T extends { text: string; count: number }>(
  items: readonly T[],
  similarity: number,
): T[][] {
  const sorted = [...items].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const clusters: { members: T[]; stems: Set<string>[] }[] = [];
  for (const item of sorted) {
    const own = stems(item.text);
    const home = clusters.find((c) => c.stems.some((s) => jaccard(s, own) >= similarity));
    if (home) {
      home.members.push(item);
      home.stems.push(own);
    } else clusters.push({ members: [item], stems: [own] });
  }
  return clusters.map((c) => c.members);
}
