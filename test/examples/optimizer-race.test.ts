import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../examples/optimizer-race.ts';
import { METHODS } from '../../src/train/methods.ts';
import { formatNumber } from '../../src/util/format-number.ts';

describe('examples/optimizer-race (quick)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-race-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const lines: string[] = [];
  const r = await main({ quick: true, out: dir, log: (l) => lines.push(l) });
  const output = lines.join('\n');

  it('races all seven methods from one initialisation', () => {
    expect(r.entries.map((e) => e.method)).toEqual(['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam']);
    const initial = r.entries[0]!.trainLoss[0]!;
    for (const e of r.entries) expect(e.trainLoss[0]).toBe(initial); // same weights, same loss, bit for bit
    expect(initial).toBeGreaterThan(1.5); // about ln 10 = 2.3 for an untrained 10-class model
  });

  it('gives every method the same epochs: 1437 training digits → gd 2 steps, sgd 2874, batches of 32 → 90', () => {
    const steps = Object.fromEntries(r.entries.map((e) => [e.method, e.steps]));
    expect(steps).toEqual({ gd: 2, sgd: 2874, minibatch: 90, momentum: 90, adagrad: 90, rmsprop: 90, adam: 90 });
    for (const e of r.entries) {
      expect(e.trainLoss).toHaveLength(3);
      expect(e.finalTrainLoss).toBeLessThan(e.trainLoss[0]!);
    }
  });

  it('prints the comparison table, the chart and the file paths', () => {
    expect(output).toMatch(/method\s+lr\s+batch\s+steps\s+final train loss\s+test accuracy\s+time\s+ms\/epoch/);
    expect(output).toMatch(/^sgd\s+0\.01\s+1\s+2,874\s+\d\.\d{4}/m);
    expect(output).toMatch(/^gd\s+1\s+1437 \(all\)\s+2\s/m);
    expect(output).toContain('[7/7] adam');
    expect(output).toContain('ranking by final train loss:');
    expect(output).toContain(`loss curves: ${join(dir, 'optimizer-race.svg')}`);
    const best = Math.min(...r.entries.map((e) => e.testAccuracy));
    expect(best).toBeGreaterThan(0.5);
  });

  it('names what each number is, and its claims hold for the numbers it prints', () => {
    // the progress lines are epoch means (gd: the loss before its one step); the notes quote the loss on all rows after the epoch
    expect(output).toContain('train loss (epoch mean)');
    const by = Object.fromEntries(r.entries.map((e) => [e.method, e]));
    const gd = by.gd!,
      sgd = by.sgd!,
      minibatch = by.minibatch!,
      momentum = by.momentum!,
      adam = by.adam!;
    expect(gd.epochLoss[0]).toBeCloseTo(gd.trainLoss[0]!, 12); // one step per epoch: the epoch mean is the loss before it
    expect(output).toContain(
      `${formatNumber(gd.trainLoss[1]!)} for gd, ${formatNumber(sgd.trainLoss[1]!)} for sgd (gd's progress line said ${formatNumber(gd.epochLoss[0]!)}`,
    );
    expect(sgd.trainLoss[1]).toBeLessThan(gd.trainLoss[1]!); // per pass, sgd's many steps get further
    // the learning rates say where they come from
    expect(output).toContain('picked by hand for this MLP');
    expect(output).toContain(`(the library's defaults: gd ${METHODS.gd.lr}`);
    // momentum at lr 0.01 behaves like minibatch at lr/(1 − μ) = 0.1: final losses within 30 % of each other
    expect(momentum.lr / 0.1).toBeCloseTo(minibatch.lr, 12);
    expect(Math.abs(momentum.finalTrainLoss - minibatch.finalTrainLoss) / minibatch.finalTrainLoss).toBeLessThan(0.3);
    const ratio = minibatch.finalTrainLoss / adam.finalTrainLoss;
    expect(output).toContain(
      `adam's final train loss is ${ratio >= 1 ? `${ratio.toFixed(1)}× lower` : `${(1 / ratio).toFixed(1)}× higher`}`,
    );
  });

  it('writes the loss-curve SVG and the JSON results', () => {
    expect(readFileSync(r.figure, 'utf8')).toContain('adam (lr 0.003)');
    const json = JSON.parse(readFileSync(r.json, 'utf8')) as { entries: { method: string; trainLoss: number[] }[] };
    expect(json.entries.map((e) => e.method)).toHaveLength(7);
    expect(json.entries[6]!.trainLoss).toEqual(r.entries[6]!.trainLoss);
  });

  it('is deterministic for a seed', async () => {
    const again = await main({ quick: true, out: dir, log: () => {} });
    expect(again.entries.map((e) => e.trainLoss)).toEqual(r.entries.map((e) => e.trainLoss));
  });
});
