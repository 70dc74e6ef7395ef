/**
 * Matrix-multiply kernels over row-major Float64Arrays. Loop orders keep the innermost loop on
 * contiguous memory in every variant. They add into `out`, so callers pass a zeroed buffer.
 */

/** out[m,n] += a[m,k] · b[k,n] */
export function gemmNN(a: Float64Array, b: Float64Array, out: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const oi = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue; // ReLU activations and one-hot inputs are often exactly zero
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
  for (let i = 0; i < m; i++) {
    const gi = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue;
      const op = p * n;
      for (let j = 0; j < n; j++) out[op + j]! += av * g[gi + j]!;
    }
  }
}
