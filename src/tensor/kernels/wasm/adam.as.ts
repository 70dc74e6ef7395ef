// AssemblyScript source of adam.wasm (build: `npm run build:wasm`; test/tensor/kernels/wasm.test.ts
// checks that the committed .wasm matches this file). The Adam step over a range of elements, in f64x2 SIMD,
// with exactly the operations of `adamReference` in src/optim/adam.ts, the one readable reference of Adam's
// arithmetic (IEEE mul, add, sqrt and div are correctly rounded in both, and neither fuses a multiply-add),
// so the results are bit-identical; test/optim/adam-wasm.test.ts holds this kernel to it.
// Each large parameter has an instance with a memory of its own (not shared: V8 copies into shared
// memory word by word, 2–3× slower) that holds its moments m, v for good; see src/optim/adam-wasm.ts.

/** `flags` bits: decoupled weight decay (θ·decay), L2 decay (g + l2·θ), amsgrad. */
const DECAY = 1,
  L2 = 2,
  AMSGRAD = 4;

/**
 * One Adam step over `n` doubles at byte offsets p, g, m, v (and vmax with AMSGRAD), in place:
 * m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g·g, θ ← θ + value·m / (√v·rbc2 + eps).
 */
export function adam(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vmax: usize,
  n: i32,
  beta1: f64,
  beta2: f64,
  oneMinusBeta1: f64,
  oneMinusBeta2: f64,
  value: f64,
  rbc2: f64,
  eps: f64,
  decay: f64,
  l2: f64,
  flags: i32,
): void {
  const useDecay = (flags & DECAY) != 0,
    useL2 = (flags & L2) != 0,
    amsgrad = (flags & AMSGRAD) != 0;
  const b1 = f64x2.splat(beta1),
    b2 = f64x2.splat(beta2),
    c1 = f64x2.splat(oneMinusBeta1),
    c2 = f64x2.splat(oneMinusBeta2);
  const valueV = f64x2.splat(value),
    rbc2V = f64x2.splat(rbc2),
    epsV = f64x2.splat(eps),
    decayV = f64x2.splat(decay),
    l2V = f64x2.splat(l2);
  const pairs = ((<usize>n) & ~1) << 3;
  for (let i: usize = 0; i < pairs; i += 16) {
    let pi = v128.load(p + i);
    if (useDecay) pi = f64x2.mul(pi, decayV);
    let gi = v128.load(g + i);
    if (useL2) gi = f64x2.add(gi, f64x2.mul(l2V, pi));
    const mi = f64x2.add(f64x2.mul(v128.load(m + i), b1), f64x2.mul(c1, gi));
    const vi = f64x2.add(f64x2.mul(v128.load(v + i), b2), f64x2.mul(f64x2.mul(c2, gi), gi));
    v128.store(m + i, mi);
    v128.store(v + i, vi);
    let second = vi;
    if (amsgrad) {
      second = f64x2.max(v128.load(vmax + i), vi);
      v128.store(vmax + i, second);
    }
    const denom = f64x2.add(f64x2.mul(f64x2.sqrt(second), rbc2V), epsV);
    v128.store(p + i, f64x2.add(pi, f64x2.div(f64x2.mul(valueV, mi), denom)));
  }
  if (n & 1) {
    const i = pairs;
    let pi = load<f64>(p + i);
    if (useDecay) pi = pi * decay;
    let gi = load<f64>(g + i);
    if (useL2) gi = gi + l2 * pi;
    const mi = load<f64>(m + i) * beta1 + oneMinusBeta1 * gi;
    const vi = load<f64>(v + i) * beta2 + oneMinusBeta2 * gi * gi;
    store<f64>(m + i, mi);
    store<f64>(v + i, vi);
    let second = vi;
    if (amsgrad) {
      second = max(load<f64>(vmax + i), vi);
      store<f64>(vmax + i, second);
    }
    store<f64>(p + i, pi + (value * mi) / (sqrt(second) * rbc2 + eps));
  }
}
