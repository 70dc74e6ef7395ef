import { describe, expect, it } from 'vitest';
import { randn } from '../../src/tensor/index.ts';
import { assertModelGradcheck } from '../../src/nn/gradcheck.ts';
import { Rng } from '../../src/util/random.ts';
import { ResidualBlock, ResidualMLP, main } from '../../examples/custom-model.ts';

// The unit tests a user writes for their own model: shapes, parameter count, gradients, modes.
describe('examples/custom-model: the residual MLP', () => {
  it('maps [batch, 64] to [batch, 10] logits with the parameter count worked out by hand', () => {
    const model = new ResidualMLP(64, 64, 10, { blocks: 2, seed: 0 });
    expect(model.forward(randn([5, 64], { seed: 1 })).shape).toEqual([5, 10]);
    // input 64·64 + 64; per block LayerNorm 2·64 and Linear 64·64 + 64; final LayerNorm 2·64; head 64·10 + 10.
    expect(model.parameterCount()).toBe(4160 + 2 * (128 + 4160) + 128 + 650);
    expect(model.namedParameters().map(([n]) => n)).toContain('blocks.1.linear.weight');
  });

  it('passes gradcheck in evaluation mode (dropout off), every parameter and the input', () => {
    const model = new ResidualMLP(4, 3, 2, { blocks: 2, dropout: 0.5, seed: 3 }).eval();
    assertModelGradcheck(model, randn([3, 4], { seed: 4 }));
  });

  it('is deterministic in evaluation mode and draws new dropout masks in training mode', () => {
    const model = new ResidualMLP(8, 6, 3, { dropout: 0.5, seed: 5 });
    const x = randn([4, 8], { seed: 6 });
    expect(Array.from(model.forward(x).data)).not.toEqual(Array.from(model.forward(x).data));
    model.eval();
    expect(Array.from(model.forward(x).data)).toEqual(Array.from(model.forward(x).data));
    expect(model.blocks.every((b) => !b.dropout.training)).toBe(true);
  });

  it('a block with its Linear zeroed is the identity: the residual path carries the input', () => {
    const block = new ResidualBlock(3, 0.5, new Rng(1));
    block.linear.weight.data.fill(0);
    const x = randn([2, 3], { seed: 2 });
    expect(Array.from(block.forward(x).data)).toEqual(Array.from(x.data));
  });

  it('the same seed gives the same model and the same training, bit for bit', () => {
    const a = main({ quick: true, seed: 1, log: () => {} });
    const b = main({ quick: true, seed: 1, log: () => {} });
    expect(b).toEqual(a);
  });

  it('quick run: both models learn the digits, and the table reports what was measured', () => {
    const lines: string[] = [];
    const result = main({ quick: true, log: (line) => lines.push(line) });
    expect(result.residual.parameters).toBe(13514);
    expect(result.plain.parameters).toBe(4810);
    expect(result.residual.testAccuracy).toBeGreaterThan(0.93);
    expect(result.plain.testAccuracy).toBeGreaterThan(0.93);
    const row = lines.find((l) => l.startsWith('residual MLP'))!;
    expect(row).toContain(`${(100 * result.residual.testAccuracy).toFixed(1)} %`);
    expect(row).toContain(result.residual.valLoss.toFixed(4));
  });
});
