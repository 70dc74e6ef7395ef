import { describe, expect, it } from 'vitest';
import {
  Tensor,
  add,
  assertGradgradcheck,
  div,
  formatGradcheckReport,
  gradgradcheck,
  mul,
  permute,
  sub,
  tensor,
  type Gradient,
} from '../../src/tensor/index.ts';
import { bceWithLogits, crossEntropy, mse } from '../../src/nn/losses.ts';
import { samples } from '../support/samples.ts';

const { normal, uniform, awayFromZero } = samples(2121);

describe('gradgradcheck: second derivatives of every primitive op against finite differences of the gradient', () => {
  const broadcasts: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[3, 1], [4]],
    [[], [2, 2]],
    [
      [2, 1, 3],
      [4, 1],
    ],
  ];
  for (const [sa, sb] of broadcasts) {
    it(`add, sub, mul, div for [${sa.join(',')}] and [${sb.join(',')}]`, () => {
      const a = normal(sa),
        b = normal(sb),
        d = uniform(sb, 0.5, 2);
      assertGradgradcheck((x, y) => add(x, y), [a, b]);
      assertGradgradcheck((x, y) => sub(x, y), [a, b]);
      assertGradgradcheck((x, y) => mul(x, y), [a, b]);
      assertGradgradcheck((x, y) => div(x, y), [a, d]);
    });
  }
  it('neg, exp, tanh, sigmoid', () => {
    const x = normal([3, 2]);
    for (const f of [(t: Tensor) => t.neg(), (t: Tensor) => t.exp(), (t: Tensor) => t.tanh(), (t: Tensor) => t.sigmoid()])
      assertGradgradcheck(f, [x]);
  });
  it('log, sqrt and pow on positive inputs', () => {
    const x = uniform([3, 2], 0.5, 2);
    assertGradgradcheck((t) => t.log(), [x]);
    assertGradgradcheck((t) => t.sqrt(), [x]);
    for (const p of [2, 3, 1, 0, -1, 0.5, 1.7]) assertGradgradcheck((t) => t.pow(p), [x]);
  });
  it('relu and abs away from 0 (their second derivative is 0)', () => {
    const x = awayFromZero([4, 3]);
    assertGradgradcheck((t) => t.relu(), [x]);
    assertGradgradcheck((t) => t.abs(), [x]);
    assertGradgradcheck((t) => t.relu().mul(t), [x]);
  });
  it('matmul: 2-D and every 1-D case', () => {
    assertGradgradcheck((a, b) => a.matmul(b), [normal([3, 4]), normal([4, 2])]);
    assertGradgradcheck((a, b) => a.matmul(b), [normal([4]), normal([4])]);
    assertGradgradcheck((a, b) => a.matmul(b), [normal([4]), normal([4, 3])]);
    assertGradgradcheck((a, b) => a.matmul(b), [normal([2, 4]), normal([4])]);
    assertGradgradcheck((a) => a.matmul(a.T).tanh(), [normal([3, 2])]);
  });
  it('reshape, transpose, permute, expand, sumTo', () => {
    assertGradgradcheck((t) => t.reshape(3, 2).tanh(), [normal([2, 3])]);
    assertGradgradcheck((t) => t.T.mul(t.T), [normal([2, 3])]);
    assertGradgradcheck((t) => permute(t, [1, 2, 0]).exp(), [normal([2, 3, 2])]);
    assertGradgradcheck((t) => t.expand([4, 3, 2]).tanh(), [normal([3, 1])]);
    assertGradgradcheck((t) => t.sumTo([1, 2]).pow(2), [normal([3, 2])]);
  });
  it('sum, mean and max over everything and along an axis', () => {
    const x = normal([2, 3, 2]);
    assertGradgradcheck((t) => t.sum().tanh(), [x]);
    assertGradgradcheck((t) => t.mean().exp(), [x]);
    for (const axis of [0, 1, -1]) {
      assertGradgradcheck((t) => t.sum(axis).pow(2), [x]);
      assertGradgradcheck((t) => t.mean(axis, true).mul(t), [x]);
      assertGradgradcheck((t) => t.max(axis).pow(2), [x]);
    }
    assertGradgradcheck((t) => t.max().exp(), [x]);
  });
  it('softmax and logSoftmax along each axis', () => {
    const x = normal([3, 4]);
    for (const axis of [0, 1]) {
      assertGradgradcheck((t) => t.softmax(axis), [x]);
      assertGradgradcheck((t) => t.logSoftmax(axis), [x]);
    }
  });
  it('the fused losses: crossEntropy, bceWithLogits (w.r.t. logits and targets), mse', () => {
    assertGradgradcheck((x) => crossEntropy(x, [2, 0, 1, 3]), [normal([4, 4])]);
    assertGradgradcheck((x, y) => bceWithLogits(x, y), [normal([5]), uniform([5], 0, 1)]);
    assertGradgradcheck((p, t) => mse(p, t), [normal([3, 2]), normal([3, 2])]);
  });
});

describe('gradgradcheck reports', () => {
  /** x³ with a first derivative that is right in value but wrong as a function: its gradient uses the constant 3x². */
  function frozenCube(x: Tensor): Tensor {
    const gradient: Gradient = (g, [input]) => [
      g.mul(
        new Tensor(
          input!.data.map((v) => 3 * v * v),
          input!.shape,
        ),
      ),
    ];
    return Tensor.fromGradientOp(
      'frozenCube',
      x.data.map((v) => v ** 3),
      x.shape,
      [x],
      gradient,
    );
  }
  /** x³ whose gradient is built from tensor ops, so it differentiates again. */
  function cube(x: Tensor): Tensor {
    return Tensor.fromGradientOp(
      'cube',
      x.data.map((v) => v ** 3),
      x.shape,
      [x],
      (g, [input]) => [g.mul(input!.pow(2).mul(3))],
    );
  }

  it('passes a custom op whose gradient is written with tensor ops, and names the checked tensors', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    const report = assertGradgradcheck((t) => cube(t), [x]);
    expect(report.inputs.map((r) => r.shape)).toEqual([[3], [3]]); // x, then the random gradOutputs v
    expect(report.inputs[0]!.maxRelError).toBeLessThan(1e-7);
  });

  it('catches a gradient whose value is right but whose own derivative is not (d²/dx² x³ = 6x, not 0)', () => {
    const x = tensor([1, -2, 0.5], { requiresGrad: true });
    const report = gradgradcheck((t) => frozenCube(t), [x]);
    expect(report.passed).toBe(false);
    expect(report.inputs.map((r) => r.passed)).toEqual([false, true]); // ∂/∂v (the first derivative) is right
    const w = report.inputs[0]!.worst!;
    // Σ rᵢ·vᵢ·3xᵢ² differentiated in x: analytic 0, numeric 6·r·v·x.
    expect(w.analytic).toBe(0);
    expect(Math.abs(w.numeric)).toBeGreaterThan(0.1);
    expect(() => assertGradgradcheck((t) => frozenCube(t), [x])).toThrow(
      /^gradgradcheck failed \(the last input is the random gradOutputs v\):\ninput 0 \[3\]: MISMATCH — .*\ninput 1 \[3\]: ok — /,
    );
    expect(formatGradcheckReport(report).split('\n')).toHaveLength(2);
  });

  it('is seeded: the same seed gives the same report', () => {
    const x = normal([2, 2]);
    const a = gradgradcheck((t) => t.tanh().matmul(t), [x], { seed: 5 });
    const b = gradgradcheck((t) => t.tanh().matmul(t), [x], { seed: 5 });
    expect(a).toEqual(b);
  });
});
