import type { Summary } from './stats-types.ts';

/** Nearest-rank percentile: always a value that occurred, so "p90 = 300 s" means someone waited 300 s. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean =
    sorted.length === 0 ? null : Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 10) / 10;
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), mean };
}

export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Adds one to `key`, creating it. */
export function bump(record: Record<string, number>, key: string, by = 1): void {
  record[key] = (record[key] ?? 0) + by;
}

/** A record with every known key at zero, so tables and charts show categories that did not occur. */
export function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}
