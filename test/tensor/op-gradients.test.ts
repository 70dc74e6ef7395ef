import { describe, expect, it } from 'vitest';
import { assertGradcheck, add, sub, mul, div, permute } from '../../src/tensor/index.ts';
import { mse, bceWithLogits, crossEntropy } from '../../src/nn/losses.ts';
import { samples } from '../support/samples.ts';

const { normal, uniform, awayFromZero, distinct } = samples(2024);

describe('gradcheck: binary ops with broadcasting', () => {
  const shapePairs: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[3, 1], [4]],
    [[2, 3], [3]],
    [[], [2, 2]],
    [
      [2, 1, 3],
      [4, 1],
    ],
    [[3], [2, 1, 1]],
  ];
  for (const [sa, sb] of shapePairs) {
    it(`add/sub/mul/div for [${sa.join(',')}] and [${sb.join(',')}]`, () => {
      const a = normal(sa),
        b = normal(sb),
        d = uniform(sb, 0.5, 2);
      assertGradcheck((x, y) => add(x, y), [a, b]);
      assertGradcheck((x, y) => sub(x, y), [a, b]);
      assertGradcheck((x, y) => mul(x, y), [a, b]);
      assertGradcheck((x, y) => div(x, y), [a, d]);
      assertGradcheck((x, y) => div(y, x.abs().add(0.5)), [a, d]);
    });
  }
  it('number operands on either side', () => {
    const a = uniform([2, 3], 0.5, 2);
    assertGradcheck((x) => sub(3, x).mul(2).add(1), [a]);
    assertGradcheck((x) => div(3, x).sub(x.div(4)), [a]);
    assertGradcheck((x) => mul(-1.5, x).add(x), [a]);
  });
});

describe('gradcheck: unary ops', () => {
  it('neg, exp, tanh, sigmoid on normal inputs', () => {
    const x = normal([3, 4]);
    assertGradcheck((t) => t.neg(), [x]);
    assertGradcheck((t) => t.exp(), [x]);
    assertGradcheck((t) => t.tanh(), [x]);
    assertGradcheck((t) => t.sigmoid(), [x]);
  });
  it('log, sqrt, pow on positive inputs', () => {
    const x = uniform([3, 4], 0.3, 3);
    assertGradcheck((t) => t.log(), [x]);
    assertGradcheck((t) => t.sqrt(), [x]);
    for (const p of [2, 3, -1, 0.5, 1.7, 0]) assertGradcheck((t) => t.pow(p), [x]);
  });
  it('relu and abs away from 0', () => {
    const x = awayFromZero([4, 5]);
    assertGradcheck((t) => t.relu(), [x]);
    assertGradcheck((t) => t.abs(), [x]);
  });
});

describe('gradcheck: matmul and movement ops', () => {
  it('matmul 2-D and every 1-D case', () => {
    assertGradcheck((a, b) => a.matmul(b), [normal([3, 4]), normal([4, 2])]);
    assertGradcheck((a, b) => a.matmul(b), [normal([4]), normal([4])]);
    assertGradcheck((a, b) => a.matmul(b), [normal([4]), normal([4, 3])]);
    assertGradcheck((a, b) => a.matmul(b), [normal([2, 4]), normal([4])]);
  });
  it('transpose, permute, reshape', () => {
    assertGradcheck((t) => t.T, [normal([3, 4])]);
    assertGradcheck((t) => t.transpose(), [normal([2, 3, 4])]);
    assertGradcheck((t) => permute(t, [1, 2, 0]), [normal([2, 3, 4])]);
    assertGradcheck((t) => t.reshape(4, -1).mul(t.reshape(4, 3)), [normal([2, 6])]);
  });
});

describe('gradcheck: reductions and softmax', () => {
  it('sum and mean over everything and along each axis, keepDims', () => {
    const x = normal([2, 3, 4]);
    assertGradcheck((t) => t.sum(), [x]);
    assertGradcheck((t) => t.mean(), [x]);
    for (const axis of [0, 1, 2, -1, -2, -3]) {
      assertGradcheck((t) => t.sum(axis), [x]);
      assertGradcheck((t) => t.mean(axis, true), [x]);
    }
  });
  it('max over everything and along each axis (no ties)', () => {
    const x = distinct([2, 3, 4]);
    assertGradcheck((t) => t.max(), [x]);
    for (const axis of [0, 1, 2, -1, -3]) {
      assertGradcheck((t) => t.max(axis), [x]);
      assertGradcheck((t) => t.max(axis, true), [x]);
    }
  });
  it('softmax and logSoftmax along each axis', () => {
    const x = normal([3, 4]);
    for (const axis of [-1, 0, 1]) {
      assertGradcheck((t) => t.softmax(axis), [x]);
      assertGradcheck((t) => t.logSoftmax(axis), [x]);
    }
    assertGradcheck((t) => t.logSoftmax(1), [normal([2, 3, 2])]);
  });
  it('a composite expression mixing ops and broadcasts', () => {
    const w = normal([3, 4]),
      b = normal([4]),
      xin = normal([5, 3]);
    const report = assertGradcheck((W, B, X) => X.matmul(W).add(B).tanh().mul(X.sum(1, true)).softmax().log().mean(0), [w, b, xin]);
    expect(report.inputs.map((r) => r.shape)).toEqual([[3, 4], [4], [5, 3]]);
    report.inputs.forEach((r) => expect(r.maxRelError).toBeLessThan(1e-5));
  });
});

describe('gradcheck: losses', () => {
  it('mse w.r.t. both arguments', () => {
    assertGradcheck((p, t) => mse(p, t), [normal([4, 3]), normal([4, 3])]);
  });
  it('bceWithLogits w.r.t. logits and targets, including logits at exactly 0', () => {
    const logits = normal([6]);
    logits.data[0] = 0;
    assertGradcheck((x, y) => bceWithLogits(x, y), [logits, uniform([6], 0, 1)]);
  });
  it('crossEntropy w.r.t. logits', () => {
    const labels = [2, 0, 1, 2, 3];
    assertGradcheck((x) => crossEntropy(x, labels), [normal([5, 4])]);
    assertGradcheck((x) => crossEntropy(x.mul(30), labels), [normal([5, 4])], { atol: 1e-5 });
  });
});
