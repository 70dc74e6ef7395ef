import { describe, expect, it } from 'vitest';
import { tensor } from '../../src/tensor/index.ts';
import { assertGradcheck } from '../../src/tensor/gradcheck.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';

const x = tensor([
  [1, 2],
  [-1, 0.5],
  [3, -2],
  [0, 1],
]);
const y = [1, 0, 1, 0];

describe('LogisticRegression (binary)', () => {
  it('starts at zero: logits 0, loss log 2', () => {
    const model = new LogisticRegression(2);
    const logits = model.forward(x);
    expect(logits.shape).toEqual([4, 1]);
    expect(Array.from(logits.data)).toEqual([0, 0, 0, 0]);
    expect(model.loss(logits, y).item()).toBeCloseTo(Math.LN2, 15);
  });

  it('gradient at the zero start is (σ(0) − y)·x / N', () => {
    const model = new LogisticRegression(2);
    model.loss(model.forward(x), y).backward();
    const r = y.map((t) => 0.5 - t); // σ(0) − y
    const xs = x.toArray() as number[][];
    const gw = [0, 1].map((j) => xs.reduce((s, row, i) => s + r[i]! * row[j]!, 0) / 4);
    expect(Array.from(model.linear.weight.grad!.data)).toEqual(gw); // r = σ(0) − y = [−½, ½, −½, ½]
    expect(gw).toEqual([-0.625, 0.1875]);
    expect(Array.from(model.linear.bias!.grad!.data)).toEqual([0]);
  });

  it('loss with l2 = mean BCE + (λ/2)·‖W‖² (bias not penalised)', () => {
    const l2 = 0.3;
    const model = new LogisticRegression(2, { l2 });
    model.linear.weight.data.set([0.5, -1]);
    model.linear.bias!.data.set([0.25]);
    const xs = x.toArray() as number[][];
    let bce = 0;
    xs.forEach((row, i) => {
      const z = 0.5 * row[0]! - 1 * row[1]! + 0.25;
      const p = 1 / (1 + Math.exp(-z));
      bce -= y[i]! * Math.log(p) + (1 - y[i]!) * Math.log(1 - p);
    });
    const expected = bce / 4 + (l2 / 2) * (0.25 + 1);
    expect(model.loss(model.forward(x), y).item()).toBeCloseTo(expected, 14);
  });

  it('l2 adds λ·W to the weight gradient and matches finite differences', () => {
    const plain = new LogisticRegression(2);
    const reg = new LogisticRegression(2, { l2: 0.5 });
    for (const m of [plain, reg]) {
      m.linear.weight.data.set([0.2, -0.4]);
      m.linear.bias!.data.set([0.1]);
      m.loss(m.forward(x), y).backward();
    }
    const diff = Array.from(reg.linear.weight.grad!.data, (g, i) => g - plain.linear.weight.grad!.data[i]!);
    expect(diff[0]).toBeCloseTo(0.5 * 0.2, 15);
    expect(diff[1]).toBeCloseTo(0.5 * -0.4, 15);
    expect(reg.linear.bias!.grad!.data[0]).toBe(plain.linear.bias!.grad!.data[0]);
    assertGradcheck(() => reg.loss(reg.forward(x), y), reg.parameters());
  });

  it('reports labels outside {0, 1}', () => {
    const model = new LogisticRegression(2);
    expect(() => model.loss(model.forward(x), [0, 1, 2, 0])).toThrow(
      'LogisticRegression.loss: label at index 2 is 2, outside 0..1 for 2 classes',
    );
    expect(() => model.loss(model.forward(x), [0, 1])).toThrow('LogisticRegression.loss: 2 labels for a batch of 4 rows');
  });
});

describe('LogisticRegression (multinomial)', () => {
  it('starts at loss log C and gradient (1/C − onehot(y))ᵀ·x / N', () => {
    const model = new LogisticRegression(2, { classes: 3 });
    const labels = [0, 2, 1, 2];
    const loss = model.loss(model.forward(x), labels);
    expect(loss.item()).toBeCloseTo(Math.log(3), 15);
    loss.backward();
    const xs = x.toArray() as number[][];
    const expected: number[] = [];
    for (let j = 0; j < 2; j++) {
      for (let c = 0; c < 3; c++) expected.push(xs.reduce((s, row, i) => s + (1 / 3 - (labels[i] === c ? 1 : 0)) * row[j]!, 0) / 4);
    }
    Array.from(model.linear.weight.grad!.data).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 15));
    expect(model.linear.bias!.grad!.data[1]).toBeCloseTo((4 / 3 - 1) / 4, 15);
  });

  it('has config() for saving', () => {
    expect(new LogisticRegression(5, { classes: 4, l2: 0.01 }).config()).toEqual({
      type: 'LogisticRegression',
      inFeatures: 5,
      classes: 4,
      l2: 0.01,
    });
  });

  it('rejects bad options', () => {
    expect(() => new LogisticRegression(2, { classes: 1 })).toThrow('LogisticRegression: classes must be an integer ≥ 2, got 1');
    expect(() => new LogisticRegression(2, { l2: -1 })).toThrow('LogisticRegression: l2 must be a finite number ≥ 0, got -1');
    expect(() => new LogisticRegression(2, { l2: NaN })).toThrow(/l2 must be a finite number/);
  });
});
