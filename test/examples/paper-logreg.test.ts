import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, paperVerdict, type PaperRun } from '../../examples/paper-logreg.ts';

const mnistDir = fileURLToPath(new URL('../../../shared/mnist', import.meta.url));
const haveMnist = existsSync(`${mnistDir}/t10k-images-idx3-ubyte.gz`);

describe('examples/paper-logreg', () => {
  it('runs the Adam paper protocol on digits (quick)', async () => {
    const lines: string[] = [];
    const r = await main({ quick: true, log: (l) => lines.push(l) });
    const output = lines.join('\n');
    expect(r.source).toBe('digits');
    expect(r.samples).toBe(1797);
    expect(r.runs.map((x) => x.method)).toEqual(['adam', 'adagrad', 'sgd-nesterov']);
    for (const run of r.runs) {
      expect(run.trainLoss).toHaveLength(4); // before training + 3 epochs
      expect(run.trainLoss[0]).toBeCloseTo(Math.log(10), 12); // zero weights: uniform over 10 classes
      expect(run.trainLoss[3]!).toBeLessThan(0.6);
      expect(run.testAccuracy).toBeGreaterThan(0.85);
    }
    expect(output).toContain('protocol: mini-batches of 128, α_t = α/√t');
    expect(output).toMatch(/^method\s+1\s+2\s+3$/m);
    expect(r.figure).toBeNull();
    const [adam, adagrad, sgd] = r.runs as [PaperRun, PaperRun, PaperRun];
    const verdict = paperVerdict(adam, adagrad, sgd);
    expect(output).toContain(verdict);
    const loss = (x: PaperRun): number => x.trainLoss.at(-1)!;
    if (verdict === "the paper's ordering") expect(loss(adam) < loss(sgd) && loss(sgd) < loss(adagrad)).toBe(true);
    expect(output).not.toContain('ever-shrinking steps are a cost');
  });

  it('rejects half an IDX pair', async () => {
    await expect(main({ images: 'x.gz', log: () => {} })).rejects.toThrow(/--images and --labels must be given together/);
  });

  it.skipIf(!haveMnist)('reads MNIST IDX files by path (first 1000 images)', async () => {
    const r = await main({ mnist: mnistDir, limit: 1000, epochs: 2, log: () => {}, quick: true });
    expect(r.source).toBe('mnist');
    expect(r.samples).toBe(1000);
    for (const run of r.runs) expect(run.trainLoss[2]!).toBeLessThan(run.trainLoss[0]!);
  });
  if (!haveMnist) it.skip(`MNIST not found at ${mnistDir}; skipping the IDX run`, () => {});
});
