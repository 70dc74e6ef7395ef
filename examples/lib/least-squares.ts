/** A regression data set as plain arrays: `x` is n × d, row-major; `y` has n targets. */
export interface Rows {
  x: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
}

/**
 * The exact minimiser of mean((x·w + b − y)²) + (λ/2)·(‖w‖² + b²), weights then bias — ridge regression
 * with the bias penalised too, as an optimizer's weight decay does; λ = 0 is ordinary least squares.
 * Solves the (d + 1) normal equations (2/n)·X̃ᵀX̃ + λI by Gauss–Jordan elimination with partial pivoting.
 */
export function leastSquares({ x, y, n, d }: Rows, lambda: number): number[] {
  const m = d + 1;
  const a = Array.from({ length: m }, () => new Array<number>(m + 1).fill(0));
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    row.set(x.subarray(i * d, i * d + d));
    row[d] = 1;
    for (let p = 0; p < m; p++) {
      for (let q = 0; q < m; q++) a[p]![q]! += (2 / n) * row[p]! * row[q]!;
      a[p]![m]! += (2 / n) * row[p]! * y[i]!;
    }
  }
  for (let p = 0; p < m; p++) a[p]![p]! += lambda;
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const factor = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= m; k++) a[r]![k]! -= factor * a[c]![k]!;
    }
  }
  return a.map((r, i) => r[m]! / r[i]!);
}

/**
 * The same features made exactly uncorrelated over the rows (and centred): Gram–Schmidt on the columns
 * against the constant column and each earlier one, each rescaled to its own original length. The
 * targets are rebuilt as the sum of the new features plus the same noise, so the true weights stay 1.
 */
export function decorrelate({ x, y, n, d }: Rows): Rows {
  const out = new Float64Array(n * d);
  const basis: Float64Array[] = [new Float64Array(n).fill(1 / Math.sqrt(n))];
  for (let j = 0; j < d; j++) {
    const column = Float64Array.from({ length: n }, (_, i) => x[i * d + j]!);
    const length = Math.hypot(...column);
    for (const b of basis) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += column[i]! * b[i]!;
      for (let i = 0; i < n; i++) column[i]! -= dot * b[i]!;
    }
    const norm = Math.hypot(...column);
    for (let i = 0; i < n; i++) column[i]! /= norm;
    basis.push(Float64Array.from(column));
    for (let i = 0; i < n; i++) out[i * d + j] = column[i]! * length;
  }
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let before = 0,
      after = 0;
    for (let j = 0; j < d; j++) {
      before += x[i * d + j]!;
      after += out[i * d + j]!;
    }
    targets[i] = after + (y[i]! - before);
  }
  return { x: out, y: targets, n, d };
}
