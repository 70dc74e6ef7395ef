// AssemblyScript source of kernels.wasm (build: `npm run build:wasm`; test/tensor/kernels/wasm.test.ts
// checks that the committed .wasm matches this file). The TypeScript kernels in ../gemm.ts are the
// readable reference; these compute the same products with WebAssembly SIMD (f64x2: two doubles per
// instruction). All pointers are byte offsets into linear memory, which the JavaScript side lays out.

// The product is tiled into 4×4 blocks of C, each held in eight f64x2 registers while the whole
// inner dimension streams through (8 accumulators + 2 B vectors + 1 A splat + 1 product fit in the
// 15 vector registers V8 allocates on x64, so nothing spills to the stack).
const MR = 4;
const NR = 4;

/** Rounds up to a whole number of tiles. */
export function padded(size: i32): i32 {
  return (size + 3) & ~3;
}

/**
 * Packs row panels [from, to) of op(A) [m, k], each MR rows stored column by column, so the kernel
 * reads A sequentially: dst[panel][p][r] = op(A)[panel·MR + r, p]. Rows past m are zero.
 * op(A) = A stored [m, k], or Aᵀ when `trans` (A stored [k, m]).
 */
function packA(src: usize, m: i32, k: i32, trans: bool, dst: usize, from: i32, to: i32): void {
  dst += (<usize>from * MR * k) << 3;
  for (let i = from * MR; i < to * MR; i += MR) {
    const rows = min(MR, m - i);
    for (let p = 0; p < k; p++) {
      for (let r = 0; r < MR; r++) {
        let v = 0.0;
        if (r < rows) v = trans ? load<f64>(src + ((<usize>p * m + i + r) << 3)) : load<f64>(src + ((<usize>(i + r) * k + p) << 3));
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/**
 * Packs op(B) [k, n] into column panels of NR columns, each stored row by row:
 * dst[panel][p][c] = op(B)[p, panel·NR + c]. Columns past n are zero.
 * op(B) = B stored [k, n], or Bᵀ when `trans` (B stored [n, k]).
 */
export function packB(src: usize, k: i32, n: i32, trans: bool, dst: usize): void {
  for (let j = 0; j < n; j += NR) {
    const cols = min(NR, n - j);
    for (let p = 0; p < k; p++) {
      if (!trans && cols == NR) {
        // Whole panel row: four contiguous doubles, moved as two vectors.
        const s = src + ((<usize>p * n + j) << 3);
        v128.store(dst, v128.load(s));
        v128.store(dst, v128.load(s, 16), 16);
        dst += 32;
        continue;
      }
      for (let c = 0; c < NR; c++) {
        let v = 0.0;
        if (c < cols) v = trans ? load<f64>(src + ((<usize>(j + c) * k + p) << 3)) : load<f64>(src + ((<usize>p * n + j + c) << 3));
        store<f64>(dst, v);
        dst += 8;
      }
    }
  }
}

/** C[4×4] = Σ_p a[p][0..3] ⊗ b[p][0..3] over packed panels; C rows are `ldc` doubles apart. */
function kernel4x4(a: usize, b: usize, k: i32, c: usize, ldc: i32): void {
  let c00 = f64x2.splat(0),
    c01 = f64x2.splat(0),
    c10 = f64x2.splat(0),
    c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0),
    c21 = f64x2.splat(0),
    c30 = f64x2.splat(0),
    c31 = f64x2.splat(0);
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b),
      b1 = v128.load(b, 16);
    let x = v128.load64_splat(a);
    c00 = f64x2.add(c00, f64x2.mul(x, b0));
    c01 = f64x2.add(c01, f64x2.mul(x, b1));
    x = v128.load64_splat(a, 8);
    c10 = f64x2.add(c10, f64x2.mul(x, b0));
    c11 = f64x2.add(c11, f64x2.mul(x, b1));
    x = v128.load64_splat(a, 16);
    c20 = f64x2.add(c20, f64x2.mul(x, b0));
    c21 = f64x2.add(c21, f64x2.mul(x, b1));
    x = v128.load64_splat(a, 24);
    c30 = f64x2.add(c30, f64x2.mul(x, b0));
    c31 = f64x2.add(c31, f64x2.mul(x, b1));
    a += MR << 3;
    b += NR << 3;
  }
  const row = (<usize>ldc) << 3;
  v128.store(c, c00);
  v128.store(c, c01, 16);
  c += row;
  v128.store(c, c10);
  v128.store(c, c11, 16);
  c += row;
  v128.store(c, c20);
  v128.store(c, c21, 16);
  c += row;
  v128.store(c, c30);
  v128.store(c, c31, 16);
}

/**
 * Rows [from·MR, to·MR) of C = op(A)·op(B): packs those row panels of op(A) [m, k] (see packA for
 * `transA`) and multiplies them by op(B) [k, n], already packed at `packedB` by packB. C is
 * padded(m) rows of padded(n) doubles; `compact` removes the padding. Two threads can each run a
 * disjoint range at once: every element of C is one thread's sum, in the same order either way.
 */
export function rows(a: usize, m: i32, k: i32, n: i32, transA: bool, packedA: usize, packedB: usize, c: usize, from: i32, to: i32): void {
  const pn = padded(n);
  packA(a, m, k, transA, packedA, from, to);
  // Each A panel (MR·k doubles) stays in L1 while every B panel streams past it.
  for (let i = from * MR; i < to * MR; i += MR) {
    const panelA = packedA + ((<usize>i * k) << 3);
    for (let j = 0; j < pn; j += NR) {
      kernel4x4(panelA, packedB + ((<usize>j * k) << 3), k, c + ((<usize>i * pn + j) << 3), pn);
    }
  }
}

/** Moves the m×n result out of its padded(m)×padded(n) layout into contiguous rows (in place). */
export function compact(c: usize, m: i32, n: i32): void {
  const pn = padded(n);
  if (pn == n) return;
  for (let i = 1; i < m; i++) memory.copy(c + ((<usize>i * n) << 3), c + ((<usize>i * pn) << 3), (<usize>n) << 3);
}
