import type { Thresholds } from '../../policy/thresholds.ts';
import type { ModelVerdict } from '../classifier/handover-model.ts';

/**
 * The classifier's P(crisis) read as an asymmetric cost. Missing a crisis is far worse than asking "are you
 * safe right now?", so the crisis probability counts on its own, whatever else the model or the rules find:
 * - `crisis` from crisisUpgradeMin: a crisis handover with the numbers at once, whether the message would
 *   otherwise stay with the bot or go to a person for another reason ("mor har demens og er borte" is not only
 *   a care matter; "planen er å kjøre utfor i helga" inside a question about a parking card is no FAQ);
 * - `uncertain` from crisisCheckInMin: where the bot has nothing to offer, it checks in gently with the
 *   numbers instead of saying it does not know.
 * A crisis is never read from the model's most likely reason alone: when the handover probability is spread
 * over five reasons, crisis can be the largest share of a little ("søppelet ble ikke hentet i dag", 0.31).
 */
export function crisisFromModel(
  verdict: ModelVerdict | undefined,
  t: Pick<Thresholds, 'crisisUpgradeMin' | 'crisisCheckInMin'>,
): { level: 'crisis' | 'uncertain' | 'none'; why: string } {
  if (!verdict) return { level: 'none', why: '' };
  const p = verdict.crisis.toFixed(2);
  const words = verdict.crisisEvidence.length ? `; ${verdict.crisisEvidence.join(', ')}` : '';
  if (verdict.crisis >= t.crisisUpgradeMin) {
    return {
      level: 'crisis',
      why: `classifier P(crisis) ${p} ≥ crisisUpgradeMin ${t.crisisUpgradeMin}${words}`,
    };
  }
  if (verdict.crisis >= t.crisisCheckInMin) {
    return {
      level: 'uncertain',
      why: `classifier P(crisis) ${p} ≥ crisisCheckInMin ${t.crisisCheckInMin}${words}`,
    };
  }
  return { level: 'none', why: '' };
}
