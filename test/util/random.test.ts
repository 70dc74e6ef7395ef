import { describe, expect, it } from 'vitest';
import { Rng, manualSeed, resolveRng } from '../../src/util/random.ts';

const draw = (rng: Rng, n: number, f: (r: Rng) => number): number[] => Array.from({ length: n }, () => f(rng));

describe('Rng', () => {
  it('same seed gives bit-identical streams; different seeds differ', () => {
    expect(draw(new Rng(1), 20, (r) => r.uniform())).toEqual(draw(new Rng(1), 20, (r) => r.uniform()));
    expect(draw(new Rng('abc'), 20, (r) => r.normal())).toEqual(draw(new Rng('abc'), 20, (r) => r.normal()));
    expect(draw(new Rng(1), 20, (r) => r.uniform())).not.toEqual(draw(new Rng(2), 20, (r) => r.uniform()));
    // numbers and their string forms are the same seed
    expect(new Rng(5).uniform()).toBe(new Rng('5').uniform());
  });

  it('uniform() is in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const u = draw(new Rng(3), 10_000, (r) => r.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const mean = u.reduce((s, v) => s + v, 0) / u.length;
    const variance = u.reduce((s, v) => s + (v - mean) ** 2, 0) / u.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.012); // sd of the mean ≈ 0.0029
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.004);
  });

  it('normal() has mean ≈ 0, variance ≈ 1 and symmetric tails', () => {
    const z = draw(new Rng(4), 10_000, (r) => r.normal());
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.04);
    expect(Math.abs(variance - 1)).toBeLessThan(0.06);
    const beyond2 = z.filter((v) => Math.abs(v) > 2).length / z.length; // 4.55% for N(0,1)
    expect(beyond2).toBeGreaterThan(0.035);
    expect(beyond2).toBeLessThan(0.056);
  });

  it('int(n) covers 0..n−1 roughly evenly and nothing else', () => {
    const counts = new Array<number>(5).fill(0);
    const rng = new Rng(6);
    for (let i = 0; i < 5000; i++) counts[rng.int(5)]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5000);
    counts.forEach((c) => expect(Math.abs(c - 1000)).toBeLessThan(130)); // sd ≈ 28
  });

  it('shuffle and permutation return permutations, reproducibly', () => {
    const p = new Rng(7).permutation(50);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(p)).toEqual(Array.from(new Rng(7).permutation(50)));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const items = ['a', 'b', 'c', 'd'];
    const same = new Rng(8).shuffle(items);
    expect(same).toBe(items);
    expect([...items].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('every ordering of 3 items is reachable by shuffle', () => {
    const rng = new Rng(9);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.shuffle([1, 2, 3]).join(''));
    expect(seen.size).toBe(6);
  });

  it('state() / fromState() continues the exact stream, including a pending Box–Muller normal', () => {
    const rng = new Rng(10);
    rng.normal(); // leaves the spare of the pair pending
    const saved = JSON.parse(JSON.stringify(rng.state())) as ReturnType<Rng['state']>;
    const expected = [rng.normal(), rng.uniform(), rng.normal(), rng.normal()];
    const restored = Rng.fromState(saved);
    expect([restored.normal(), restored.uniform(), restored.normal(), restored.normal()]).toEqual(expected);
    expect(saved.spare).not.toBeNull();
  });
});

describe('global generator', () => {
  it('manualSeed makes unseeded draws reproducible; resolveRng prefers rng, then seed', () => {
    manualSeed(42);
    const a = resolveRng().uniform();
    manualSeed(42);
    expect(resolveRng().uniform()).toBe(a);
    expect(resolveRng({ seed: 42 }).uniform()).toBe(new Rng(42).uniform());
    const own = new Rng(1);
    expect(resolveRng({ rng: own, seed: 99 })).toBe(own);
  });
});
