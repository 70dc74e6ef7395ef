/**
 * Matrix-multiply kernels over row-major Float64Arrays. Loop orders keep the innermost loop on
 * contiguous memory in every variant. They add into `out`, so callers pass a zeroed buffer.
 */

/**
 * Zero rows of the left operand may be skipped (ReLU activations and one-hot inputs are often
 * exactly zero) only when the right operand is all finite: 0 · NaN and 0 · ∞ are NaN, and a NaN
 * weight must show up in the product, as it does in PyTorch. One O(k·n) scan per call.
 */
function canSkipZeros(b: Float64Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! - b[i]! !== 0) return false;
  return true;
}

/** out[m,n] += a[m,k] · b[k,n] */
export function gemmNN(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  const skipZeros = canSkipZeros(b);
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0 && skipZeros) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) out[oi + j]! += av * b[bp + j]!;
    }
  }
}

/** out[m,k] += g[m,n] · b[k,n]ᵀ  (the gradient with respect to the left operand) */
export function gemmNT(g: Float64Array, b: Float64Array, out: Float64Array, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const gi = i * n;
    for (let p = 0; p < k; p++) {
      const bp = p * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += g[gi + j]! * b[bp + j]!;
      out[i * k + p]! += s;
    }
  }
}

/** out[k,n] += a[m,k]ᵀ · g[m,n]  (the gradient with respect to the right operand) */
export function gemmTN(a: Float64Array, g: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  const skipZeros = canSkipZeros(g);
  for (let i = 0; i < m; i++) {
    const gi = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0 && skipZeros) continue;
      const op = p * n;
      for (let j = 0; j < n; j++) out[op + j]! += av * g[gi + j]!;
    }
  }
}
