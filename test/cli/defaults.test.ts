import { describe, expect, it } from 'vitest';
import { CLI_ADAM_LR, COMPARE_BUDGET, defaultEpochs, defaultL2, defaultLr, stillFalling } from '../../src/cli/defaults.ts';
import { lrGrid } from '../../src/cli/tune.ts';
import { runCli } from './run-cli.ts';

describe('training defaults', () => {
  it('gives every method its registry lr except Adam, which the commands raise to 0.01', () => {
    expect(defaultLr('adam')).toBe(CLI_ADAM_LR);
    expect(CLI_ADAM_LR).toBe(0.01);
    expect(defaultLr('gd')).toBe(0.1);
    expect(defaultLr('momentum')).toBe(0.01);
  });

  it("penalises the logistic model as scikit-learn's C = 1 does (λ = 1/n) and leaves the MLP alone", () => {
    expect(defaultL2('logistic', 120)).toBeCloseTo(1 / 120, 15);
    expect(defaultL2('mlp', 120)).toBe(0);
  });

  it('trains at least 100 epochs and 2000 steps: iris (120 rows, batches of 32 → 4 per epoch) gets 500', () => {
    expect(defaultEpochs(120, 32)).toBe(500);
    expect(defaultEpochs(142, 32)).toBe(400); // wine: 5 batches per epoch
    expect(defaultEpochs(1437, 32)).toBe(100); // digits: 45 batches, 4500 steps already
    expect(defaultEpochs(120, 32, COMPARE_BUDGET)).toBe(250);
  });

  it('flags a loss that still falls by more than 1% between the last two tenths of the epochs', () => {
    const falling = Array.from({ length: 100 }, (_, i) => 1 / (1 + i));
    const r = stillFalling(falling);
    expect(r).not.toBeNull();
    expect(r!.epochs).toBe(10);
    expect(r!.before).toBeCloseTo(falling.slice(80, 90).reduce((a, b) => a + b) / 10, 12);
    expect(stillFalling(Array.from({ length: 100 }, (_, i) => 0.2 + 0.5 * Math.exp(-i / 5)))).toBeNull();
    // Losses near zero may halve without mattering: the drop must also exceed 1e-3.
    expect(stillFalling(Array.from({ length: 100 }, (_, i) => 1e-3 / (1 + i)))).toBeNull();
    expect(stillFalling([3, 2, 1])).toBeNull();
  });
});

describe('gradlab compare: ties and --tune-lr', () => {
  it('names every method that shares the best test accuracy as a tie', async () => {
    // gd with an lr of 1e-9 and 1.1e-9 barely moves from the zero start: both predict alike.
    const r = await runCli([
      'compare',
      '--dataset',
      'iris',
      '--model',
      'logistic',
      '--optimizers',
      'gd,minibatch',
      '--lr',
      '1e-9',
      '--epochs',
      '2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/best test accuracy: a tie between gd, minibatch \(0\.\d{4}\)/);
  });

  it('tries five lrs per method on a validation split of the training rows and reports the chosen one', async () => {
    expect(lrGrid('adam')).toEqual([0.001, 0.003, 0.01, 0.03, 0.1]);
    const r = await runCli([
      'compare',
      '--dataset',
      'iris',
      '--model',
      'logistic',
      '--optimizers',
      'gd,adam',
      '--epochs',
      '5',
      '--tune-lr',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as {
      runs: { optimizer: string; lr: number; tuning: { lr: number; trials: { lr: number; validationAccuracy: number }[] } }[];
    };
    for (const run of doc.runs) {
      expect(run.tuning.trials.map((t) => t.lr)).toEqual(lrGrid(run.optimizer as 'gd' | 'adam'));
      expect(run.lr).toBe(run.tuning.lr);
      const best = Math.max(...run.tuning.trials.map((t) => t.validationAccuracy));
      expect(run.tuning.trials.find((t) => t.lr === run.lr)!.validationAccuracy).toBe(best);
    }
    const refused = await runCli(['compare', '--dataset', 'iris', '--tune-lr', '--lr', '0.1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--tune-lr');
  });
});

describe('gradlab train: convergence note', () => {
  it('says "did not converge" when the budget ends while the training loss still falls', async () => {
    const r = await runCli(['train', '--dataset', 'iris', '--model', 'logistic', '--lr', '0.001', '--epochs', '30']);
    expect(r.stdout).toMatch(
      /did not converge: the train loss \(epoch mean\) was still falling at the last epoch \([\d.]+ → [\d.]+ over the last 6 epochs\), and its val loss was lowest at that last epoch/,
    );
    const json = JSON.parse(
      (await runCli(['train', '--dataset', 'iris', '--model', 'logistic', '--lr', '0.001', '--epochs', '30', '--json'])).stdout,
    ) as { converged: boolean };
    expect(json.converged).toBe(false);
  });
});

describe('the defaults reach the accuracy bar on iris (mean test accuracy over seeds 3, 4, 5)', () => {
  for (const model of ['logistic', 'mlp']) {
    it(`${model}: ≥ 0.93 (scikit-learn's defaults: 0.957 / 0.953)`, async () => {
      let sum = 0;
      for (const seed of [3, 4, 5]) {
        const r = await runCli(['train', '--dataset', 'iris', '--model', model, '--seed', String(seed), '--json']);
        sum += (JSON.parse(r.stdout) as { testAccuracy: number }).testAccuracy;
      }
      expect(sum / 3).toBeGreaterThanOrEqual(0.93);
    }, 60_000);
  }
});
