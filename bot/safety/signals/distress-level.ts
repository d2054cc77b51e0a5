import type { DistressLevel } from '../../types.ts';

/**
 * The distress score as a level callers can rely on. `crisis` from `distressHighMin`; `uncertain` from
 * `distressCheckInMin` (one distress concept told in the first person): enough to ask, not to decide.
 */
export function distressLevel(
  score: number,
  t: { distressHighMin: number; distressCheckInMin: number },
): DistressLevel {
  if (score >= t.distressHighMin) return 'crisis';
  if (score >= t.distressCheckInMin) return 'uncertain';
  return 'none';
}
