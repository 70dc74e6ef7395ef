import { gemmNN, gemmNT, gemmTN } from './gemm.ts';
import { wasmAvailable, wasmGemm, wasmGemmFits } from './wasm.ts';

/**
 * Below this many multiply-adds the TypeScript kernels are faster: copying the operands into
 * WebAssembly memory and packing them costs more than the SIMD tiles save (measured with
 * bench/crossover.ts).
 */
export const WASM_MIN_MACS = 512;

const useWasm = (m: number, k: number, n: number): boolean => m * k * n >= WASM_MIN_MACS && wasmAvailable() && wasmGemmFits(m, k, n);

/** a[m,k] · b[k,n] as a new [m,n] array. */
export function matmulNN(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  if (useWasm(m, k, n)) return wasmGemm(a, b, m, k, n, false, false);
  const out = new Float64Array(m * n);
  gemmNN(a, b, out, m, k, n);
  return out;
}

/** g[m,n] · b[k,n]ᵀ as a new [m,k] array (the gradient with respect to the left operand). */
export function matmulNT(g: Float64Array, b: Float64Array, m: number, n: number, k: number): Float64Array {
  if (useWasm(m, n, k)) return wasmGemm(g, b, m, n, k, false, true);
  const out = new Float64Array(m * k);
  gemmNT(g, b, out, m, n, k);
  return out;
}

/** a[m,k]ᵀ · g[m,n] as a new [k,n] array (the gradient with respect to the right operand). */
export function matmulTN(a: Float64Array, g: Float64Array, m: number, k: number, n: number): Float64Array {
  if (useWasm(k, m, n)) return wasmGemm(a, g, k, m, n, true, false);
  const out = new Float64Array(k * n);
  gemmTN(a, g, out, m, k, n);
  return out;
}
