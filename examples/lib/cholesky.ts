/**
 * Solves A·x = b for a symmetric positive-definite n × n matrix A (row-major) by its Cholesky factor
 * A = L·Lᵀ: forward substitution L·y = b, then back substitution Lᵀ·x = y. About n³/3 multiplications,
 * half of Gaussian elimination's, and no pivoting is needed. A matrix that is not positive definite
 * (a non-positive pivot) is refused, naming the row.
 */
export function choleskySolve(a: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  if (a.length !== n * n) throw new RangeError(`choleskySolve: A has ${a.length} entries, expected ${n}² = ${n * n} for b of length ${n}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`choleskySolve: A is not positive definite (pivot ${s} at row ${i})`);
        l[i * n + i] = Math.sqrt(s);
      } else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) x[i]! -= l[i * n + k]! * x[k]!;
    x[i]! /= l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) x[i]! -= l[k * n + i]! * x[k]!;
    x[i]! /= l[i * n + i]!;
  }
  return x;
}
