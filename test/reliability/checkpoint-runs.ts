import type { CheckpointFile } from '../../src/checkpoint/index.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { Adam } from '../../src/optim/adam.ts';

/** Step losses per epoch in the runs checkpoint-writer.ts saves. */
export const STEPS_PER_EPOCH = 13;

/** The model the writers save: 4→width→3 (GRADLAB_CRASH_WIDTH, default 64: a checkpoint of a few KB). */
export function writerModel(width = Number(process.env.GRADLAB_CRASH_WIDTH ?? 64)): { model: MLP; optimizer: Adam } {
  const model = new MLP([4, width, 3], { seed: 1 });
  return { model, optimizer: new Adam(model.parameters()) };
}

/** What run `run` (a letter) holds after `epoch` epochs: every weight, and every step loss, follow from the two. */
export function expectedRun(run: string, epoch: number) {
  const code = run.charCodeAt(0);
  const stepLoss = Array.from({ length: epoch * STEPS_PER_EPOCH }, (_, j) => code + j / 8);
  const history = {
    epochs: [],
    loss: [],
    valLoss: [],
    metrics: {},
    lr: [],
    steps: stepLoss.length,
    batchSize: 8,
    timeMs: 0,
    stopped: false,
  };
  return { weight: code * 1000 + epoch, stepLoss, history };
}

/** The run a checkpoint read back belongs to, after checking that its weights and step losses are that run's at its epoch. */
export function runOf(file: CheckpointFile): { run: string; epoch: number } {
  const run = file.metadata.run as string;
  const expected = expectedRun(run, file.epoch);
  const weights = Object.values(file.model.parameters).flatMap((p) => p.data);
  if (weights.some((w) => w !== expected.weight)) throw new Error(`run ${run} epoch ${file.epoch}: the weights are another save's`);
  const losses = file.history?.stepLoss ?? [];
  if (losses.length !== expected.stepLoss.length || losses.some((v, i) => v !== expected.stepLoss[i]))
    throw new Error(
      `run ${run} epoch ${file.epoch}: the step losses are not this run's (${losses.length} of them, first ${String(losses[0])})`,
    );
  return { run, epoch: file.epoch };
}
