import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

interface SurfaceDoc {
  function: { name: string; start: number[] };
  runs: {
    optimizer: string;
    lr: number;
    steps: number;
    finalX: number;
    finalY: number;
    finalValue: number;
    distanceToMinimum: number;
    path: number[][];
  }[];
}

describe('gradlab surface', () => {
  it('gd on the quadratic bowl contracts by (1 − 2η) per step: (3, 4)·0.8^t', async () => {
    const r = await runCli(['surface', '--function', 'bowl', '--optimizers', 'gd', '--steps', '20', '--lr', '0.1', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as SurfaceDoc;
    expect(doc.function).toMatchObject({ name: 'bowl', start: [3, 4] });
    const [run] = doc.runs;
    const k = 0.8 ** 20;
    expect(run!.steps).toBe(20);
    expect(run!.path).toHaveLength(21);
    expect(run!.finalX).toBeCloseTo(3 * k, 12);
    expect(run!.finalY).toBeCloseTo(4 * k, 12);
    expect(run!.finalValue).toBeCloseTo(25 * k * k, 12);
    expect(run!.distanceToMinimum).toBeCloseTo(5 * k, 12);
  });

  it('prints a table with one row per optimizer', async () => {
    const r = await runCli(['surface', '--function', 'bowl', '--optimizers', 'gd,adam', '--steps', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Quadratic bowl: f(x, y) = x² + y², start (3, 4), minimum (0, 0)');
    expect(r.stdout).toMatch(/^optimizer +lr +noise +steps +x +y +f\(x, y\) +distance to minimum$/m);
    expect(r.stdout).toMatch(/^gd +0\.1 +0 +20 +0\.0346 +0\.0461 +0\.0033 +0\.0576$/m);
    expect(r.stdout).toMatch(/^adam +0\.3 +0 +20 /m);
  });
});
