import { Tensor } from '../../src/tensor/index.ts';
import { initWeights } from '../data.ts';
import { glModel, glTrainStep, labelsFor } from '../models.ts';
import { tinyMlpData, tinyMlpSpec } from './train.ts';

/**
 * Workload 1 for `steps` steps: heap + ArrayBuffer memory after a full GC at the start (after a
 * warm-up, so compiled code and optimizer state exist) and at the end. Flat means no leak: every
 * step's graph and buffers become garbage once the step is over.
 */
export function leakCheck(steps: number): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return 'leak check skipped: run node with --expose-gc';
  const table = tinyMlpData();
  const model = glModel(tinyMlpSpec, initWeights(tinyMlpSpec.sizes, 1));
  const x = new Tensor(table.x.subarray(0, 32 * table.features), [32, table.features]);
  const y = labelsFor(tinyMlpSpec, table.y.subarray(0, 32), 2).gl;
  const used = (): number => {
    gc();
    const m = process.memoryUsage();
    return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
  };
  for (let i = 0; i < 500; i++) glTrainStep(model, x, y);
  const start = used();
  let loss = 0;
  for (let i = 0; i < steps; i++) loss = glTrainStep(model, x, y);
  const end = used();
  const growth = end - start;
  const verdict = growth < 0.5 ? 'flat (no leak)' : 'GROWING (leak?)';
  return `leak check, workload 1 × ${steps.toLocaleString('en-US')} steps: heap + buffers after GC ${start.toFixed(2)} MB → ${end.toFixed(2)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB): ${verdict}; final loss ${loss.toFixed(4)}`;
}
