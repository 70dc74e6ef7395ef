import { describe, expect, it } from 'vitest';
import { main } from '../../examples/custom-loop.ts';

describe('examples/custom-loop', () => {
  const lines: string[] = [];
  const r = main({ quick: true, log: (l) => lines.push(l) });

  it('the hand-written loop of trainStep and fit with the same options take the same steps and keep the same weights', () => {
    expect(r.stepLoss).toHaveLength(4 * 36); // 4 epochs of ⌈1149 / 32⌉ batches
    expect(r.stepLoss).toEqual(r.fitStepLoss);
    expect(r.bestEpoch).toBe(r.fitBestEpoch);
    expect(r.sameWeights).toBe(true);
    expect(lines.at(-1)).toBe('fit with the same options: the same 144 step losses, best epoch 4, the same weights, bit for bit');
  });

  it('sets a cosine learning rate each epoch and learns: the loss falls and the test accuracy is high', () => {
    const epochLines = lines.filter((l) => l.startsWith('epoch '));
    // lr = 0.01·½(1 + cos(π(e − 1)/4)): 0.01, 0.00854, 0.005, 0.00146.
    expect(epochLines.map((l) => /lr (\S+)/.exec(l)![1])).toEqual(['0.01000', '0.00854', '0.00500', '0.00146']);
    const losses = epochLines.map((l) => Number(/mean batch loss (\S+)/.exec(l)![1]));
    expect(losses[3]!).toBeLessThan(losses[0]! / 5);
    expect(r.testAccuracy).toBeGreaterThan(0.94);
  });
});
