/**
 * Logistic regression, fitted by Newton's method (iteratively reweighted least squares) with a Gaussian
 * prior: the weights are pulled towards `prior` with strength `l2`. Small enough to read in one sitting, and
 * deterministic (no random start, no sampling), so the same examples always give the same weights. The
 * features are few (see features.ts) so the Hessian is a tiny dense matrix.
 *
 * No library: the npm packages for this either pull in a matrix library several times this size, or fit by
 * stochastic gradient descent, which is neither deterministic nor able to take a prior.
 */

export interface LogisticWeights {
  /** Intercept first, then one weight per feature. */
  coefficients: number[];
}

export interface FitOptions {
  /** Weights the fit is pulled towards (intercept included); zeros when absent. */
  prior?: readonly number[];
  /** Strength of the pull, as a number of pseudo-examples. */
  l2: number;
  /** Per-example weights (e.g. to balance positives and negatives); 1 when absent. */
  sampleWeights?: readonly number[];
  iterations?: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

export function linear(coefficients: readonly number[], x: readonly number[]): number {
  let z = coefficients[0] ?? 0;
  for (let j = 0; j < x.length; j += 1) z += (coefficients[j + 1] ?? 0) * (x[j] ?? 0);
  return z;
}

export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: FitOptions,
): LogisticWeights {
  const d = (rows[0]?.length ?? 0) + 1;
  const prior = options.prior ?? new Array<number>(d).fill(0);
  const w = [...prior];
  const iterations = options.iterations ?? 25;
  for (let it = 0; it < iterations; it += 1) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    rows.forEach((row, i) => {
      const x = [1, ...row];
      const p = sigmoid(linear(w, row));
      const s = options.sampleWeights?.[i] ?? 1;
      const r = s * (p - (labels[i] ?? 0));
      const h = s * Math.max(p * (1 - p), 1e-6);
      for (let a = 0; a < d; a += 1) {
        gradient[a] = (gradient[a] as number) + r * (x[a] as number);
        const ha = hessian[a] as number[];
        for (let b = 0; b < d; b += 1) ha[b] = (ha[b] as number) + h * (x[a] as number) * (x[b] as number);
      }
    });
    for (let a = 0; a < d; a += 1) {
      // The intercept is pulled only lightly: it carries the base rate, which differs between knowledges.
      const strength = options.l2;
      gradient[a] = (gradient[a] as number) + strength * ((w[a] as number) - (prior[a] ?? 0));
      (hessian[a] as number[])[a] = ((hessian[a] as number[])[a] as number) + strength + 1e-9;
    }
    const step = solve(hessian, gradient);
    let change = 0;
    for (let a = 0; a < d; a += 1) {
      w[a] = (w[a] as number) - (step[a] as number);
      change = Math.max(change, Math.abs(step[a] as number));
    }
    if (change < 1e-7) break;
  }
  return { coefficients: w };
}

/** Gaussian elimination with partial pivoting; the matrix is symmetric positive definite by construction. */
function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs((a[r] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number))
        pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const head = a[col] as number[];
    const p = head[col] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / p;
      if (factor === 0) continue;
      for (let c = col; c <= n; c += 1) row[c] = (row[c] as number) - factor * (head[c] as number);
    }
  }
  return a.map((row, i) => {
    const p = row[i] as number;
    return Math.abs(p) < 1e-12 ? 0 : (row[n] as number) / p;
  });
}
