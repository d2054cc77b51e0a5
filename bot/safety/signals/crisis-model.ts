import type { Thresholds } from '../../policy/thresholds.ts';
import type { ModelVerdict } from '../classifier/handover-model.ts';

/**
 * The classifier's P(crisis) read as an asymmetric cost. Missing a crisis is far worse than asking "are you
 * safe right now?", so the crisis probability counts even when another reason is more likely:
 * - `crisis` from crisisUpgradeMin: a handover the rules or the model make for another reason goes out as a
 *   crisis, with the numbers at once ("mor har demens og er borte" is not only a care matter);
 * - `uncertain` from crisisCheckInMin: where the bot has nothing to offer, it checks in gently with the
 *   numbers instead of saying it does not know. It never turns a message into a handover on its own.
 */
export function crisisFromModel(
  verdict: ModelVerdict | undefined,
  t: Pick<Thresholds, 'crisisUpgradeMin' | 'crisisCheckInMin'>,
): { level: 'crisis' | 'uncertain' | 'none'; why: string } {
  if (!verdict) return { level: 'none', why: '' };
  const p = verdict.crisis.toFixed(2);
  if (verdict.crisis >= t.crisisUpgradeMin) {
    return { level: 'crisis', why: `classifier P(crisis) ${p} ≥ crisisUpgradeMin ${t.crisisUpgradeMin}` };
  }
  if (verdict.crisis >= t.crisisCheckInMin) {
    return { level: 'uncertain', why: `classifier P(crisis) ${p} ≥ crisisCheckInMin ${t.crisisCheckInMin}` };
  }
  return { level: 'none', why: '' };
}
