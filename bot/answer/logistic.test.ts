import { describe, expect, it } from 'vitest';
import { fitLogistic, linear, sigmoid } from './logistic.ts';

const rows = [[0], [0.2], [0.4], [0.45], [0.55], [0.6], [0.8], [1]];
const labels = [0, 0, 0, 1, 0, 1, 1, 1];

describe('fitLogistic', () => {
  it('learns that a higher feature means a higher probability, the same way every time', () => {
    const a = fitLogistic(rows, labels, { l2: 0.01 });
    const b = fitLogistic(rows, labels, { l2: 0.01 });
    expect(a).toEqual(b);
    expect(sigmoid(linear(a.coefficients, [0.9]))).toBeGreaterThan(0.8);
    expect(sigmoid(linear(a.coefficients, [0.1]))).toBeLessThan(0.2);
  });

  it('stays at the prior when the prior is strong, and leaves it when the data are many', () => {
    const prior = [0, -3];
    const strong = fitLogistic(rows, labels, { l2: 1e6, prior });
    expect(strong.coefficients[1]).toBeCloseTo(-3, 2);
    const weak = fitLogistic(rows, labels, { l2: 0.01, prior });
    expect(weak.coefficients[1]).toBeGreaterThan(0);
  });

  it('weighs examples by their sample weight', () => {
    const even = fitLogistic([[1], [1]], [1, 0], { l2: 0.01, sampleWeights: [1, 1] });
    const tilted = fitLogistic([[1], [1]], [1, 0], { l2: 0.01, sampleWeights: [3, 1] });
    expect(sigmoid(linear(even.coefficients, [1]))).toBeCloseTo(0.5, 2);
    expect(sigmoid(linear(tilted.coefficients, [1]))).toBeCloseTo(0.75, 2);
  });
});
