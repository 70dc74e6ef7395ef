import { describe, expect, it } from 'vitest';
import { main as logistic } from '../../examples/logistic-regression.ts';
import { main as softmax } from '../../examples/softmax-regression.ts';
import { digitAscii, main as mlpDigits } from '../../examples/mlp-digits.ts';
import { formatNumber } from '../../src/util/format-number.ts';

const run = <T>(fn: (o: { quick: boolean; log: (l: string) => void }) => T): { result: T; output: string } => {
  const lines: string[] = [];
  const result = fn({ quick: true, log: (l) => lines.push(l) });
  return { result, output: lines.join('\n') };
};

const total = (m: number[][]): number => m.flat().reduce((a, b) => a + b, 0);

describe('examples/logistic-regression', () => {
  const { result, output } = run(logistic);
  it('splits 569 samples stratified into 455/114 and classifies the test part well', () => {
    expect(output).toContain('breast-cancer: 569 samples × 30 features, 2 classes (malignant, benign)');
    expect(output).toContain('455 train / 114 test');
    expect(total(result.confusion)).toBe(114);
    expect(result.confusion[0]![0]! + result.confusion[0]![1]!).toBe(42); // 212/569 malignant → 42 of 114
    expect(result.testAccuracy).toBeGreaterThan(0.93);
    expect(output).toMatch(new RegExp(`^accuracy\\s+${result.testAccuracy.toFixed(3)}\\s+114$`, 'm'));
  });
  it('watches validation rows held out of the training part, and explains the epoch-1 line: loss before the step vs after', () => {
    expect(output).toContain('validation: 91 of the 455 training rows held out');
    expect(result.firstEpoch.trainLoss).toBeCloseTo(Math.LN2, 12); // zero weights predict ½
    expect(result.firstEpoch.valLoss).toBeLessThan(result.firstEpoch.trainLoss); // after one step
    expect(output).toContain(`epoch 1 shows ${formatNumber(Math.LN2)} (ln 2`);
    expect(output).toMatch(/^epoch +1\/100 · train loss \(epoch mean\) 0\.6931 · .* · val loss /m);
    expect(result.valAccuracy).toBeGreaterThan(0.9);
  });
  it('reads the weights: "worst" size features point towards malignant', () => {
    expect(result.weights).toHaveLength(30);
    const last = result.weights.slice(-6).map((w) => w.feature);
    expect(last.some((f) => f.startsWith('worst_'))).toBe(true);
    expect(output).toContain('strongest towards malignant:');
  });
});

describe('examples/softmax-regression', () => {
  const { result, output } = run(softmax);
  it('fits iris with a 4×3 softmax and prints probabilities that sum to 1', () => {
    expect(output).toContain('W 4×3, 15 parameters');
    expect(total(result.confusion)).toBe(30);
    expect(result.testAccuracy).toBeGreaterThan(0.85);
    for (const row of result.probabilities) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(output).toContain('validation: 24 of the 120 training rows held out');
    expect(output).toContain('test set (30 rows, scored once)');
  });
  it('also runs on wine', () => {
    const lines: string[] = [];
    const wine = softmax({ quick: true, dataset: 'wine', log: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('wine: 178 samples × 13 features, 3 classes');
    expect(total(wine.confusion)).toBe(36);
    expect(wine.testAccuracy).toBeGreaterThan(0.9);
    expect(() => softmax({ dataset: 'mnist' as 'iris', log: () => {} })).toThrow(/--dataset must be iris or wine, got mnist/);
  });
});

describe('examples/mlp-digits', () => {
  const { result, output } = run(mlpDigits);
  it('trains 64 → 64 → 10 and evaluates 360 test digits', () => {
    expect(output).toContain('MLP 64 → 64 (ReLU) → 10 logits, 4810 parameters');
    expect(total(result.confusion)).toBe(360);
    expect(result.testAccuracy).toBeGreaterThan(0.9);
    expect(result.trainLoss[result.trainLoss.length - 1]!).toBeLessThan(result.trainLoss[0]!);
    expect(result.mistakes).toBe(Math.round(360 * (1 - result.testAccuracy)));
    expect(output).toContain('validation: 288 of the 1437 training rows held out');
  });
  it('draws digits as text', () => {
    const pixels = Array.from({ length: 64 }, (_, i) => (i % 8 === 3 ? 16 : 0));
    expect(digitAscii(pixels)[0]).toBe('      ##        ');
    expect(digitAscii(pixels)).toHaveLength(8);
  });
});
