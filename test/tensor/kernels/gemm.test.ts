import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { gemmNN, gemmNT, gemmTN } from '../../../src/tensor/kernels/gemm.ts';
import { matmulNN, matmulNT, matmulTN, WASM_MIN_MACS } from '../../../src/tensor/kernels/matmul.ts';
import { THREAD_MIN_MACS, wasmAvailable, wasmGemm, wasmGemmFits, wasmThreads } from '../../../src/tensor/kernels/wasm.ts';
import { Rng } from '../../../src/util/random.ts';

const rng = new Rng(42);
const random = (n: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal());

/** The definition, one dot product per output element: the reference the kernels are checked against. */
function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j]! += a[i * k + p]! * b[p * n + j]!;
  return out;
}

function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j]!;
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected[i]!)));
}

// Odd sizes exercise the partial 4×4 tiles (padding and compaction); 1 and 0 the degenerate ones.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 5, 1],
  [3, 7, 5],
  [4, 4, 4],
  [5, 3, 9],
  [13, 17, 11],
  [32, 2, 16],
  [33, 65, 10],
  [64, 9, 1],
  [2, 0, 3],
  [0, 4, 5],
];

describe('TypeScript reference kernels', () => {
  it.each(SHAPES)('gemmNN, gemmNT, gemmTN agree with the definition for [%i,%i]·[%i]', (m, k, n) => {
    const a = random(m * k),
      b = random(k * n),
      g = random(m * n);
    const nn = new Float64Array(m * n);
    gemmNN(a, b, nn, m, k, n);
    expectClose(nn, naive(a, b, m, k, n));
    const nt = new Float64Array(m * k);
    gemmNT(g, b, nt, m, n, k);
    expectClose(nt, naive(g, transpose(b, k, n), m, n, k));
    const tn = new Float64Array(k * n);
    gemmTN(a, g, tn, m, k, n);
    expectClose(tn, naive(transpose(a, m, k), g, k, m, n));
  });

  it('propagates NaN and Infinity: a zero times ∞ is NaN, never skipped', () => {
    const a = Float64Array.of(0, 1),
      b = Float64Array.of(Infinity, 1, 1, 1); // [0,1]·[[∞,1],[1,1]] = [0·∞ + 1, 0 + 1] = [NaN, 1]
    const nn = new Float64Array(2);
    gemmNN(a, b, nn, 1, 2, 2);
    expect([...nn]).toEqual([NaN, 1]);
    const tn = new Float64Array(4); // [0,1]ᵀ·[∞,1] = [[0·∞, 0·1], [∞, 1]]
    gemmTN(a, Float64Array.of(Infinity, 1), tn, 1, 2, 2);
    expect([...tn]).toEqual([NaN, 0, Infinity, 1]);
  });

  it('adds into the output rather than overwriting it', () => {
    const out = Float64Array.of(10, 20);
    gemmNN(Float64Array.of(1, 2), Float64Array.of(3, 4, 5, 6), out, 1, 2, 2); // [1,2]·[[3,4],[5,6]] = [13,16]
    expect([...out]).toEqual([23, 36]);
  });
});

/** Starts the helper thread (on the first large product) and waits until it is up (a worker can take seconds to start on a loaded machine). */
async function helperThread(): Promise<void> {
  wasmGemm(random(THREAD_MIN_MACS / 256), random(256 * 256), THREAD_MIN_MACS / 256 / 256, 256, 256, false, false);
  for (let waited = 0; wasmThreads() < 2 && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  expect(wasmThreads()).toBe(availableParallelism() >= 2 && process.env.GRADLAB_THREADS !== '1' ? 2 : 1);
}

describe.skipIf(!wasmAvailable())('WebAssembly SIMD kernels', () => {
  // Each output element is the same sum in the same order (p = 0, 1, …, one multiply then one add
  // per term, no fused multiply-add), so the SIMD kernels match the reference bit for bit.
  it.each(SHAPES)('agree bit for bit with the TypeScript kernels for [%i,%i]·[%i] in all three layouts', (m, k, n) => {
    const a = random(m * k),
      b = random(k * n),
      g = random(m * n);
    const expectedNN = new Float64Array(m * n),
      expectedNT = new Float64Array(m * k),
      expectedTN = new Float64Array(k * n);
    gemmNN(a, b, expectedNN, m, k, n);
    gemmNT(g, b, expectedNT, m, n, k);
    gemmTN(a, g, expectedTN, m, k, n);
    expect([...wasmGemm(a, b, m, k, n, false, false)]).toEqual([...expectedNN]);
    expect([...wasmGemm(g, b, m, n, k, false, true)]).toEqual([...expectedNT]);
    expect([...wasmGemm(a, g, k, m, n, true, false)]).toEqual([...expectedTN]);
    // Both operands transposed: op(A)·op(B) = Aᵀᵀ·Bᵀᵀ.
    expect([...wasmGemm(transpose(a, m, k), transpose(b, k, n), m, k, n, true, true)]).toEqual([...expectedNN]);
  });

  it('gives exact results on small integers, and reuses its memory across calls of different sizes', () => {
    const big = wasmGemm(random(300 * 200), random(200 * 100), 300, 200, 100, false, false);
    expect(big.length).toBe(30_000);
    // [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    expect([...wasmGemm(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(7, 8, 9, 10, 11, 12), 2, 3, 2, false, false)]).toEqual([
      58, 64, 139, 154,
    ]);
  });

  it('gives bit-identical products on two threads and on one, in all layouts', async () => {
    const [m, k, n] = [130, 257, 131]; // odd sizes, and enough work to be split between the threads
    expect(m * k * n).toBeGreaterThanOrEqual(THREAD_MIN_MACS);
    await helperThread();
    const a = random(m * k),
      b = random(k * n),
      g = random(m * n);
    for (const [x, y, rows, inner, cols, tx, ty] of [
      [a, b, m, k, n, false, false],
      [g, b, m, n, k, false, true],
      [a, g, k, m, n, true, false],
    ] as const) {
      const two = wasmGemm(x, y, rows, inner, cols, tx, ty);
      expect([...two]).toEqual([...wasmGemm(x, y, rows, inner, cols, tx, ty, false)]);
      const reference = new Float64Array(rows * cols);
      if (!tx && !ty) gemmNN(x, y, reference, rows, inner, cols);
      if (ty) gemmNT(x, y, reference, rows, inner, cols);
      if (tx) gemmTN(x, y, reference, inner, rows, cols);
      expect([...two]).toEqual([...reference]);
    }
  });

  it('keeps the two threads in step over many back-to-back products (no lost wake-up, no deadlock)', async () => {
    await helperThread();
    const [m, k, n] = [64, 256, 256]; // just above THREAD_MIN_MACS, so the threads race closely
    const a = random(m * k),
      b = random(k * n);
    const first = wasmGemm(a, b, m, k, n, false, false);
    for (let i = 0; i < 3000; i++) {
      const again = wasmGemm(a, b, m, k, n, false, false);
      if (again[i % again.length] !== first[i % first.length]) expect.fail(`product ${i} differs`);
    }
  }, 20_000);

  it('propagates NaN and Infinity as the definition does', () => {
    // [[NaN,1],[∞,1]]·I = [[NaN·1 + 1·0, NaN·0 + 1·1], [∞·1 + 1·0, ∞·0 + 1·1]] = [[NaN, NaN], [∞, NaN]]
    expect([...wasmGemm(Float64Array.of(NaN, 1, Infinity, 1), Float64Array.of(1, 0, 0, 1), 2, 2, 2, false, false)]).toEqual([
      NaN,
      NaN,
      Infinity,
      NaN,
    ]);
  });
});

describe('matmul dispatch', () => {
  it('leaves products too large for WebAssembly memory (2 GiB) to the TypeScript kernels', () => {
    expect(wasmGemmFits(512, 512, 512)).toBe(true);
    expect(wasmGemmFits(16_000, 16_000, 16)).toBe(false); // A alone is 2.05 GB
    expect(() => wasmGemm(new Float64Array(0), new Float64Array(0), 16_000, 16_000, 16, false, false)).toThrow(
      wasmAvailable() ? /does not fit/ : /not available/,
    );
  });

  it.each([
    [2, 3, 4],
    [40, 50, 60],
  ])('returns the same products below and above WASM_MIN_MACS ([%i,%i]·[%i])', (m, k, n) => {
    expect(m * k * n < WASM_MIN_MACS).toBe(m === 2);
    const a = random(m * k),
      b = random(k * n),
      g = random(m * n);
    expectClose(matmulNN(a, b, m, k, n), naive(a, b, m, k, n));
    expectClose(matmulNT(g, b, m, n, k), naive(g, transpose(b, k, n), m, n, k));
    expectClose(matmulTN(a, g, m, k, n), naive(transpose(a, m, k), g, k, m, n));
  });
});
