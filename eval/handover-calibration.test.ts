import { describe, expect, it } from 'vitest';
import { chooseOffsets } from './handover-calibration.ts';

describe('per-reason offsets to the classifier threshold', () => {
  // Complaints score low but are never confused with messages that stay with the bot; crises score high.
  const verdicts = [
    ...Array.from({ length: 20 }, (_, i) => ({
      label: 'complaint' as const,
      handover: 0.5 + i * 0.005,
      reason: 'complaint' as const,
      reasonProbability: 0.45,
    })),
    ...Array.from({ length: 20 }, () => ({
      label: 'crisis' as const,
      handover: 0.95,
      reason: 'crisis' as const,
      reasonProbability: 0.9,
    })),
    ...Array.from({ length: 50 }, (_, i) => ({
      label: 'none' as const,
      handover: i < 2 ? 0.75 : 0.1,
      reason: 'personal' as const,
      reasonProbability: 0.3,
    })),
  ];

  it('lowers the threshold where it buys recall without more false handovers', () => {
    const { offsets, before, after } = chooseOffsets(verdicts, 0.7);
    expect(offsets.complaint).toBeLessThan(0);
    expect(after.recall.complaint).toBeGreaterThan(before.recall.complaint ?? 1);
    expect(after.falseHandovers).toBeLessThanOrEqual(before.falseHandovers);
  });

  it('moves no threshold that buys no recall, and keeps false handovers within the budget', () => {
    const { offsets, after, before } = chooseOffsets(verdicts, 0.7);
    expect(offsets.personal).toBeUndefined(); // no personal message to gain, only near misses to lose
    expect(offsets.crisis).toBeUndefined(); // every crisis is already above the threshold
    expect(after.falseHandovers).toBeLessThanOrEqual(before.falseHandovers);
  });
});
