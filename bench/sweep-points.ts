/**
 * The points of `npm run bench:sweep`: a one-hidden-layer MLP 64 → width → 10 (ReLU, cross-entropy,
 * Adam) on seeded synthetic data, swept over the hidden width at a fixed batch and over the batch at a
 * fixed width. Every arm (each in its own process) builds a point from its width and batch alone, so all
 * arms, PyTorch included, train the very same data from the very same initial weights.
 */
import { synthetic } from './data.ts';
import type { Workload } from './harness.ts';
import type { ModelSpec } from './models.ts';
import { POOL, trainWorkload } from './workloads/train.ts';

export interface SweepPoint {
  width: number;
  batch: number;
}

export const INPUTS = 64;
export const CLASSES = 10;
export const FIXED_BATCH = 128;
export const FIXED_WIDTH = 128;

/** Hidden widths 16 … 1,024 (×2) and batches 1 … 4,096 (×4); --quick keeps every other one (ends included). */
export function sweepAxes(quick: boolean): { widths: number[]; batches: number[] } {
  const widths = [16, 32, 64, 128, 256, 512, 1024];
  const batches = [1, 4, 16, 64, 256, 1024, 4096];
  return quick ? { widths: widths.filter((_, i) => i % 2 === 0), batches: batches.filter((_, i) => i % 2 === 0) } : { widths, batches };
}

/** The width sweep (at FIXED_BATCH), then the batch sweep (at FIXED_WIDTH), without the shared point twice. */
export function sweepPoints(quick: boolean): SweepPoint[] {
  const { widths, batches } = sweepAxes(quick);
  const points = [...widths.map((width) => ({ width, batch: FIXED_BATCH })), ...batches.map((batch) => ({ width: FIXED_WIDTH, batch }))];
  return points.filter((p, i) => points.findIndex((q) => q.width === p.width && q.batch === p.batch) === i);
}

/** A stable id per point: it seeds the data and the initial weights, and keys PyTorch's results. */
export const pointId = (p: SweepPoint): number => p.width * 10_000 + p.batch;

export const sweepSpec = (width: number): ModelSpec => ({
  sizes: [INPUTS, width, CLASSES],
  activation: 'relu',
  loss: 'ce',
  optimizer: { kind: 'adam', lr: 1e-3 },
});

export function sweepWorkload(p: SweepPoint): Workload {
  const id = pointId(p);
  return trainWorkload(
    id,
    `MLP ${INPUTS}→${p.width}→${CLASSES} ReLU, CE, Adam, batch ${p.batch}`,
    sweepSpec(p.width),
    () => synthetic(p.batch * POOL, INPUTS, CLASSES, id),
    p.batch,
    { peer: 'wasm', factor: 1 },
  );
}
