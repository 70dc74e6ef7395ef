import { Tensor } from '../../src/tensor/index.ts';
import { initWeights } from '../data.ts';
import { glModel, glTrainStep, labelsFor } from '../models.ts';
import { tinyMlpData, tinyMlpSpec } from './train.ts';

/**
 * Workload 1 for `steps` steps: heap + ArrayBuffer memory after a full GC at the start (after a
 * warm-up, so compiled code and optimizer state exist) and at the end. Flat means no leak: every
 * step's graph and buffers become garbage once the step is over.
 */
export async function leakCheck(steps: number): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return 'leak check skipped: run node with --expose-gc';
  const table = tinyMlpData();
  const model = glModel(tinyMlpSpec, initWeights(tinyMlpSpec.sizes, 1));
  const x = new Tensor(table.x.subarray(0, 32 * table.features), [32, table.features]);
  const y = labelsFor(tinyMlpSpec, table.y.subarray(0, 32), 2).gl;
  // V8 frees ArrayBuffer memory in the background after a GC, so one reading can still count a
  // few MB of dead buffers: the smallest of a few readings, with pauses between, is the live memory.
  const used = async (): Promise<number> => {
    let least = Infinity;
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
      const m = process.memoryUsage();
      least = Math.min(least, (m.heapUsed + m.arrayBuffers) / 2 ** 20);
    }
    return least;
  };
  for (let i = 0; i < 500; i++) glTrainStep(model, x, y);
  const start = await used();
  let loss = 0;
  for (let i = 0; i < steps; i++) loss = glTrainStep(model, x, y);
  const end = await used();
  const growth = end - start;
  const verdict = growth < 0.5 ? 'flat (no leak)' : 'GROWING (leak?)';
  return `leak check, workload 1 × ${steps.toLocaleString('en-US')} steps: heap + buffers after GC ${start.toFixed(2)} MB → ${end.toFixed(2)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MB): ${verdict}; final loss ${loss.toFixed(4)}`;
}
