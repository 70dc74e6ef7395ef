import { describe, expect, it } from 'vitest';
import { randn, tensor } from '../../src/tensor/index.ts';
import { assertGradcheck } from '../../src/tensor/gradcheck.ts';
import { Activation, Linear } from '../../src/nn/layers.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { crossEntropy } from '../../src/nn/losses.ts';
import { manualSeed } from '../../src/util/random.ts';

describe('MLP', () => {
  it('builds Linear layers with the activation between them and a linear output', () => {
    const model = new MLP([4, 8, 6, 3], { seed: 0, activation: 'tanh' });
    const kinds = model.layers.map((l) =>
      l instanceof Linear ? `Linear(${l.inFeatures},${l.outFeatures})` : l instanceof Activation ? l.kind : l.constructor.name,
    );
    expect(kinds).toEqual(['Linear(4,8)', 'tanh', 'Linear(8,6)', 'tanh', 'Linear(6,3)']);
    expect(model.forward(randn([5, 4], { seed: 1 })).shape).toEqual([5, 3]);
    expect(model.config()).toEqual({ type: 'MLP', sizes: [4, 8, 6, 3], activation: 'tanh' });
  });

  it('defaults to relu and [in, out] is a single linear layer', () => {
    expect(new MLP([2, 3, 1], { seed: 0 }).activation).toBe('relu');
    const linearOnly = new MLP([3, 2], { seed: 0 });
    expect(linearOnly.layers).toHaveLength(1);
  });

  it('rejects fewer than two sizes', () => {
    expect(() => new MLP([3])).toThrow('MLP: sizes must list at least [in, out], got [3]');
  });

  it('one seed fixes the whole network; the layers draw different values from it', () => {
    const a = new MLP([3, 3, 3], { seed: 5 });
    const b = new MLP([3, 3, 3], { seed: 5 });
    a.parameters().forEach((p, i) => expect(Array.from(b.parameters()[i]!.data)).toEqual(Array.from(p.data)));
    expect(Array.from(a.parameters()[2]!.data)).not.toEqual(Array.from(a.parameters()[0]!.data));
    expect(Array.from(new MLP([3, 3, 3], { seed: 6 }).parameters()[0]!.data)).not.toEqual(Array.from(a.parameters()[0]!.data));
  });

  it('without a seed, draws from the global generator (manualSeed makes it reproducible)', () => {
    manualSeed(42);
    const a = new MLP([2, 2], {}).parameters()[0]!.data;
    manualSeed(42);
    const b = new MLP([2, 2], {}).parameters()[0]!.data;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('uses He init for relu (std √(2/in)) and Xavier for tanh (bounded by √(6/(in+out)))', () => {
    const relu = new MLP([500, 400, 1], { seed: 3 }).parameters()[0]!.data;
    let sq = 0;
    for (const v of relu) sq += v * v;
    expect(Math.sqrt(sq / relu.length) / Math.sqrt(2 / 500)).toBeCloseTo(1, 1);
    const tanh = new MLP([500, 400, 1], { seed: 3, activation: 'tanh' }).parameters()[0]!.data;
    const bound = Math.sqrt(6 / 900);
    expect(tanh.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThanOrEqual(bound);
  });

  it.each(['tanh', 'sigmoid', 'relu'] as const)('gradients match finite differences (%s)', (activation) => {
    const model = new MLP([3, 4, 2], { seed: 11, activation });
    // Non-zero biases so relu's kinks are not hit by symmetric inputs.
    model.parameters()[1]!.data.set([0.1, -0.2, 0.3, 0.05]);
    const x = randn([5, 3], { seed: 12, requiresGrad: true });
    const labels = [0, 1, 1, 0, 1];
    assertGradcheck((input) => crossEntropy(model.forward(input), labels), [x, ...model.parameters()]);
  });

  it('output is the affine chain computed by hand', () => {
    const model = new MLP([1, 2, 1], { seed: 0 });
    const [w1, b1, w2, b2] = model.parameters();
    w1!.data.set([1, -1]);
    b1!.data.set([0, 0.5]);
    w2!.data.set([2, 3]);
    b2!.data.set([-1]);
    // x = 2: hidden = relu([2, −1.5]) = [2, 0]; out = 2·2 + 3·0 − 1 = 3
    expect(model.forward(tensor([[2]])).item()).toBe(3);
  });
});

describe('MLP outputInit', () => {
  it("'small' (the default) is 'standard' scaled by 0.01, 'zeros' zeroes it; the hidden layers are the same in all three", () => {
    const [standard, small, zeros, plain] = (['standard', 'small', 'zeros', undefined] as const).map((outputInit) =>
      new MLP([3, 5, 4], { seed: 2, outputInit }).parameters().map((p) => Array.from(p.data)),
    );
    expect(plain).toEqual(small);
    expect(small![0]).toEqual(standard![0]);
    expect(small![1]).toEqual(standard![1]);
    expect(small![2]).toEqual(standard![2]!.map((v) => v * 0.01));
    expect(zeros![2]).toEqual(standard![2]!.map(() => 0));
    expect(zeros![3]).toEqual(standard![3]); // the bias is left as drawn
    expect(() => new MLP([3, 4], { outputInit: 'big' as 'small' })).toThrow(
      `MLP: outputInit must be 'standard', 'small' or 'zeros', got "big"`,
    );
  });

  it('the default starts near chance: loss at init within 1% of log C on 20 seeds, where the standard head is off by more', () => {
    const x = randn([60, 4], { seed: 3 });
    const labels = Array.from({ length: 60 }, (_, i) => i % 3);
    const loss = (outputInit: 'standard' | undefined, seed: number, activation: 'relu' | 'tanh'): number =>
      crossEntropy(new MLP([4, 64, 32, 3], { seed, activation, outputInit }).forward(x), labels).item();
    for (const activation of ['relu', 'tanh'] as const) {
      const small = Array.from({ length: 20 }, (_, seed) => loss(undefined, seed, activation));
      const standard = Array.from({ length: 20 }, (_, seed) => loss('standard', seed, activation));
      for (const l of small) expect(Math.abs(l - Math.log(3))).toBeLessThan(0.01 * Math.log(3));
      expect(Math.max(...standard.map((l) => Math.abs(l - Math.log(3))))).toBeGreaterThan(0.05);
    }
  });
});
