import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../examples/optimizer-race.ts';

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
    expect(output).toMatch(/method\s+lr\s+batch\s+steps\s+train loss\s+test acc\s+time\s+ms\/epoch/);
    expect(output).toMatch(/^sgd\s+0\.01\s+1\s+2,874\s+\d\.\d{4}/m);
    expect(output).toMatch(/^gd\s+1\s+1437 \(all\)\s+2\s/m);
    expect(output).toContain('[7/7] adam');
    expect(output).toContain('ranking by training loss:');
    expect(output).toContain(`loss curves: ${join(dir, 'optimizer-race.svg')}`);
    const best = Math.min(...r.entries.map((e) => e.testAccuracy));
    expect(best).toBeGreaterThan(0.5);
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
