import { seededRandom } from './synthetic-knowledge.ts';
export { percentile } from './metrics.ts';

/** Queries of 2–8 words drawn from a vocabulary, the same in every run. */
export function seededQueries(vocabulary: readonly string[], count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const words = 2 + Math.floor(random() * 7);
    return Array.from(
      { length: words },
      () => vocabulary[Math.floor(random() * vocabulary.length)] ?? '',
    ).join(' ');
  });
}
