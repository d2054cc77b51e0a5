import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32) so synthetic knowledge bases are the same in every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `count` knowledge files whose words are drawn from a real vocabulary (e.g. the sample knowledge),
 * so index sizes and term distributions look like a real municipality's, only larger.
 */
export async function writeSyntheticKnowledge(
  dir: string,
  count: number,
  vocabulary: readonly string[],
  seed = 1,
): Promise<string[]> {
  const random = seededRandom(seed);
  const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'kommune';
  const sentence = (words: number): string => {
    const text = Array.from({ length: words }, pick).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = `syn-${String(i).padStart(5, '0')}`;
    const folder = join(dir, `dept-${i % 12}`);
    await mkdir(folder, { recursive: true });
    const questions = Array.from({ length: 2 }, () => `  - ${sentence(6).replace(/\.$/, '?')}`).join('\n');
    const body = Array.from({ length: 3 }, () => sentence(12 + Math.floor(random() * 12))).join(' ');
    const text = `---\nid: ${id}\ntitle: ${sentence(5).replace(/\.$/, '')}\nlang: nb\ntags: [${pick()}, ${pick()}]\nquestions:\n${questions}\nlink: https://synthetic.example/${id}\nowner: dept-${i % 12}\n---\n${body}\n`;
    await writeFile(join(folder, `${id}.md`), text);
    ids.push(id);
  }
  return ids;
}
