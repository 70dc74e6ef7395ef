/**
 * `npm run bench:higher-order`: what each higher-order call costs, as a multiple of one gradient
 * (forward + backward) of the same loss, measured in one run. The model is a digits MLP
 * 64→32→10 (tanh, cross-entropy) on a batch of 256 rows; `hessian` and `jacobian` are timed on
 * a function of a 64-element vector (the first layer's input weights for one unit).
 */
import '../src/node/index.ts';
import { cpus, loadavg } from 'node:os';
import { MLP, crossEntropy, hessianVectorProduct, lossHvp, topHessianEigenvalue } from '../src/nn/index.ts';
import { Tensor, grad, hessian, hvp, jacobian, noGrad } from '../src/tensor/index.ts';
import { digits } from './data.ts';

const table = digits();
const rows = 256;
const x = new Tensor(table.x.slice(0, rows * table.features), [rows, table.features]);
const labels = Array.from(table.y.subarray(0, rows));
const model = new MLP([64, 32, 10], { activation: 'tanh', seed: 0 });
const params = model.parameters();
const loss = (): Tensor => crossEntropy(model.forward(x), labels);
const v = params.map((p) => new Tensor(new Float64Array(p.size).fill(0.01), p.shape));
const w = params[0]!.data.slice(0, 64);
const f = (t: Tensor): Tensor =>
  crossEntropy(
    x
      .mul(t)
      .sum(1, true)
      .tanh()
      .matmul(new Tensor(w.slice(0, 10), [1, 10])),
    labels,
  );

/** Median ms of `fn` over samples of ~150 ms each, after a warm-up. */
function time(fn: () => unknown): number {
  for (const start = performance.now(); performance.now() - start < 300;) fn();
  const once = ((s) => (fn(), performance.now() - s))(performance.now());
  const n = Math.max(1, Math.round(150 / Math.max(once, 1e-3)));
  const samples = Array.from({ length: 7 }, () => {
    const s = performance.now();
    for (let i = 0; i < n; i++) fn();
    return (performance.now() - s) / n;
  });
  return samples.sort((a, b) => a - b)[3]!;
}

const product = hessianVectorProduct(loss(), params);
const rowsOf = [
  ['forward only (noGrad)', () => noGrad(loss)],
  ['gradient: forward + backward', () => grad(loss(), params)],
  ['forward + recorded gradient (createGraph)', () => grad(loss(), params, { createGraph: true })],
  ['one H·v after the recorded gradient', () => product(v)],
  ['lossHvp: forward + recorded gradient + H·v', () => lossHvp(loss(), params, v)],
  ['topHessianEigenvalue, 20 products', () => topHessianEigenvalue(loss(), params, { iterations: 20, tolerance: 0 })],
  ['hvp(f, x, v), x of 64 elements', () => hvp(f, new Tensor(w, [64]), new Tensor(w, [64]))],
  ['hessian(f, x), x of 64 elements (64 × 64)', () => hessian(f, new Tensor(w, [64]))],
  [
    'jacobian of the 256 × 10 logits of f, x of 64',
    () =>
      jacobian(
        (t) =>
          x
            .mul(t)
            .sum(1, true)
            .tanh()
            .matmul(new Tensor(w.slice(0, 10), [1, 10])),
        new Tensor(w, [64]),
      ),
  ],
] as const;

console.log(
  `higher-order costs — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(2)}`,
);
console.log(`model MLP 64→32→10 (${params.reduce((s, p) => s + p.size, 0)} parameters), batch ${rows}`);
const results = rowsOf.map(([name, fn]) => [name, time(fn)] as const);
const base = results[1]![1];
for (const [name, ms] of results)
  console.log(`${name.padEnd(48)} ${ms.toFixed(3).padStart(9)} ms  ${(ms / base).toFixed(2).padStart(6)} × gradient`);
const gradF = time(() => {
  const t = new Tensor(w, [64], true);
  return grad(f(t), t);
});
console.log(`(f itself: gradient ${gradF.toFixed(3)} ms)`);
