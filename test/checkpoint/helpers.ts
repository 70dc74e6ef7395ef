import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { MLP } from '../../src/nn/mlp.ts';
import { Adam } from '../../src/optim/adam.ts';
import { LRScheduler } from '../../src/optim/lr-scheduler.ts';
import { cosineDecay } from '../../src/optim/schedules.ts';
import { makeMoons } from '../../src/data/generated.ts';
import type { Module } from '../../src/nn/module.ts';

/** A fresh temporary folder per test: `dir()` inside a test. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

export const moons = makeMoons(40, { seed: 1, noise: 0.2 });

/** The same model, optimizer and schedule every call (a run to save, or the instances to load into). */
export function setup(seed = 3): { model: MLP; optimizer: Adam; scheduler: LRScheduler } {
  const model = new MLP([2, 5, 2], { seed, activation: 'tanh' });
  const optimizer = new Adam(model.parameters(), { lr: 0.02, amsgrad: true });
  return { model, optimizer, scheduler: new LRScheduler(optimizer, cosineDecay({ totalSteps: 20 })) };
}

export const weights = (model: Module): number[][] => model.parameters().map((p) => Array.from(p.data));

/** The step-loss side file that the checkpoint at `path` names. */
export function stepFileOf(path: string): string {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { history: { stepLossFile: string } };
  return join(dirname(path), file.history.stepLossFile);
}

/** A side file's name for checkpoint `name`: `<name>.<pid>-<random>.steps`. */
export const sideFile = (name: string): RegExp => new RegExp(`^${name.replace(/\./g, '\\.')}\\.\\d+-[a-z0-9]{6}\\.steps$`);
