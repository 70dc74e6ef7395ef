/**
 * `npm run bench:higher-order`: what each higher-order call costs, as a multiple of one gradient
 * (forward + backward) of the same function, measured in one run. Two functions:
 * - a loss: a digits MLP 64→32→10 (tanh, cross-entropy, 2,410 parameters) on a batch of 256 rows,
 *   for the calls on a model's parameters (`grad`, `lossHvp`, `topHessianEigenvalue`);
 * - f(t) = crossEntropy(tanh(X·t)·w, labels) of a 64-element vector t on the same batch, for the
 *   calls on a function of one tensor (`vjp`, `jvp`, `hvp`, `hessian`, `jacobian`); the Jacobian is
 *   that of its 256 × 10 logits.
 */
import '../src/node/index.ts';
import { cpus, loadavg } from 'node:os';
import { MLP, crossEntropy, hessianVectorProduct, lossHvp, topHessianEigenvalue } from '../src/nn/index.ts';
import { Tensor, grad, hessian, hvp, jacobian, jvp, noGrad, vjp } from '../src/tensor/index.ts';
import { digits } from './data.ts';

const table = digits();
const rows = 256;
const x = new Tensor(table.x.slice(0, rows * table.features), [rows, table.features]);
const labels = Array.from(table.y.subarray(0, rows));
const model = new MLP([64, 32, 10], { activation: 'tanh', seed: 0 });
const params = model.parameters();
const loss = (): Tensor => crossEntropy(model.forward(x), labels);
const v = params.map((p) => new Tensor(new Float64Array(p.size).fill(0.01), p.shape));

const w = new Tensor(params[0]!.data.slice(0, 10), [1, 10]);
const t0 = new Tensor(params[0]!.data.slice(0, 64), [64]);
const logits = (t: Tensor): Tensor => x.mul(t).sum(1, true).tanh().matmul(w);
const f = (t: Tensor): Tensor => crossEntropy(logits(t), labels);

/** Median ms of `fn` over 7 samples of ~150 ms each, after a warm-up. */
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

/** Times each row and prints it as a multiple of the first (the gradient). */
function report(title: string, rowsOf: readonly (readonly [string, () => unknown])[]): void {
  console.log(title);
  const results = rowsOf.map(([name, fn]) => [name, time(fn)] as const);
  const base = results[0]![1];
  for (const [name, ms] of results)
    console.log(`  ${name.padEnd(52)} ${ms.toFixed(3).padStart(9)} ms  ${(ms / base).toFixed(2).padStart(7)} × gradient`);
}

console.log(
  `higher-order costs — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(2)}`,
);
const product = hessianVectorProduct(loss(), params);
report(`loss of an MLP 64→32→10 (${params.reduce((s, p) => s + p.size, 0)} parameters), batch ${rows}`, [
  ['grad: forward + backward', () => grad(loss(), params)],
  ['forward only (noGrad)', () => noGrad(loss)],
  ['grad with createGraph: forward + recorded backward', () => grad(loss(), params, { createGraph: true })],
  ['one H·v of hessianVectorProduct (after recording)', () => product(v)],
  ['lossHvp: forward + recorded backward + H·v', () => lossHvp(loss(), params, v)],
  ['topHessianEigenvalue, 20 products', () => topHessianEigenvalue(loss(), params, { iterations: 20, tolerance: 0 })],
]);
const u = new Tensor(new Float64Array(rows * 10).fill(0.01), [rows, 10]);
report(`f of a 64-element vector, batch ${rows}`, [
  [
    'grad: forward + backward',
    () => {
      const t = new Tensor(t0.data, [64], true);
      return grad(f(t), t);
    },
  ],
  ['vjp(f, x)', () => vjp(f, t0)],
  ['jvp(f, x, v)', () => jvp(f, t0, t0)],
  ['hvp(f, x, v)', () => hvp(f, t0, t0)],
  ['hessian(f, x): 64 × 64', () => hessian(f, t0)],
  ['vjp of the 256 × 10 logits', () => vjp(logits, t0, u)],
  ['jacobian of the 256 × 10 logits: 2,560 × 64', () => jacobian(logits, t0)],
]);
