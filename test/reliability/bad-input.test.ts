import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tensor, full, rand, tensor, zeros } from '../../src/tensor/index.ts';
import { bceWithLogits, mse } from '../../src/nn/losses.ts';
import { MLP } from '../../src/nn/mlp.ts';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { Adam } from '../../src/optim/adam.ts';
import { AdamW } from '../../src/optim/adamw.ts';
import { LRScheduler } from '../../src/optim/lr-scheduler.ts';
import { parseCsv } from '../../src/data/csv.ts';
import { loadCsv } from '../../src/node/csv.ts';
import { makeMoons } from '../../src/data/generated.ts';
import { fit, type FitOptions } from '../../src/train/fit.ts';
import { Rng } from '../../src/util/random.ts';
import { runCli } from '../cli/run-cli.ts';

/**
 * Bad inputs not already covered by the area tests (test/tensor/create, errors, broadcast, autograd;
 * test/nn/losses, layers, module, serialize; test/optim/optimizer, schedules, state-dict;
 * test/data/csv, batches, split, scaler, generated; test/train/fit, callbacks; test/cli/errors, args;
 * test/checkpoint/format). Each row: where, the input, and what the message must say.
 */
const p = () => [tensor([1, 2], { requiresGrad: true })];
const moons = makeMoons(10, { seed: 1 });
const train = (options: FitOptions, data: Parameters<typeof fit>[1] = moons, model = new MLP([2, 3, 2], { seed: 0 })) =>
  fit(model, data, { epochs: 1, quiet: true, ...options });

const rows: [string, string, () => unknown, RegExp][] = [
  // tensor constructors
  ['zeros', 'a number as the shape', () => zeros(3 as never), /^tensor: shape must be an array of non-negative integers, got a number$/],
  [
    'tensor',
    'NaN in the shape',
    () => tensor([1, 2], { shape: [2, Number.NaN] }),
    /^tensor: invalid shape \[2, NaN\] \(dims must be non-negative integers\)$/,
  ],
  ['full', 'a string as the value', () => full([2], 'a' as never), /^full: value must be a number, got the string "a"$/],
  ['rand', 'low > high', () => rand([2], { low: 1, high: 0, seed: 1 }), /^rand: expected finite low ≤ high, got low 1 and high 0$/],
  ['rand', 'NaN bound', () => rand([2], { low: Number.NaN, seed: 1 }), /^rand: expected finite low ≤ high, got low NaN and high 1$/],
  [
    'new Tensor',
    'a number[] as data',
    () => new Tensor([1, 2] as never, [2]),
    /^Tensor: data must be a Float64Array; use tensor\(values\)/,
  ],
  [
    'tensor',
    'a typed array nested in an array',
    () => tensor([new Float64Array(2)] as never),
    /^tensor: element at \[0\] is an object \(Float64Array\), expected a number$/,
  ],
  // ops
  ['add', 'a string operand', () => zeros([2]).add('1' as never), /^add: operands must be Tensors or numbers, got the string "1"$/],
  ['mul', 'undefined operand', () => zeros([2]).mul(undefined as never), /^mul: operands must be Tensors or numbers, got undefined$/],
  [
    'sub',
    'a plain array operand',
    () => zeros([2]).sub([1, 2] as never),
    /^sub: operands must be Tensors or numbers, got an array \(use tensor\(values\)\)$/,
  ],
  ['div', 'null operand', () => zeros([2]).div(null as never), /^div: operands must be Tensors or numbers, got null$/],
  [
    'matmul',
    'a plain array operand',
    () => zeros([2, 2]).matmul([[1], [2]] as never),
    /^matmul: the right operand must be a Tensor, got an array/,
  ],
  // losses
  ['mse', 'a plain array target', () => mse(zeros([2]), [1, 2] as never), /^mse: target must be a Tensor of the same shape as pred/],
  ['bceWithLogits', 'a plain array target', () => bceWithLogits(zeros([2]), [0, 1] as never), /^bceWithLogits: targets must be a Tensor/],
  [
    'fit',
    'a label ≥ the class count (reported by data-set row, before any update)',
    () => train({ shuffle: true }, { x: zeros([4, 2]), y: Int32Array.from([0, 1, 1, 2]) }),
    /^fit: y: the label in row 3 is 2, outside 0\.\.1 for the model's 2 classes$/,
  ],
  [
    'fit',
    'a negative validation label',
    () => train({ validationData: { x: zeros([2, 2]), y: Int32Array.from([-1, 0]) } }),
    /^fit: validationData\.y: the label in row 0 is -1, outside 0\.\.1/,
  ],
  [
    'fit',
    'a label beyond a binary logistic model',
    () => train({}, { x: zeros([3, 2]), y: Int32Array.from([0, 1, 2]) }, new LogisticRegression(2) as never),
    /^fit: y: the label in row 2 is 2, outside 0\.\.1 for the model's 2 classes$/,
  ],
  // optimizer and scheduler options
  ['Adam', 'NaN beta1', () => new Adam(p(), { beta1: Number.NaN }), /^Adam: option beta1 must be in \[0, 1\), got NaN$/],
  [
    'AdamW',
    'Infinity weight decay',
    () => new AdamW(p(), { weightDecay: Infinity }),
    /^AdamW: option weightDecay must be a finite number ≥ 0, got Infinity$/,
  ],
  [
    'LRScheduler',
    'something that is not an optimizer',
    () => new LRScheduler({} as never, () => 1),
    /^LRScheduler: optimizer must be an Optimizer \(something with a numeric lr\)/,
  ],
  // fit options
  ['fit', 'shuffle: "no"', () => train({ shuffle: 'no' as never }), /^fit: shuffle must be true or false, got "no"$/],
  ['fit', 'an object seed', () => train({ seed: {} as never }), /^fit: seed must be a number or a string, got \{\}$/],
  [
    'fit',
    "schedulerInterval: 'batch'",
    () => train({ scheduler: () => 1, schedulerInterval: 'batch' as never }),
    /^fit: schedulerInterval must be 'epoch' or 'step', got "batch"$/,
  ],
  [
    'fit',
    'a number as a callback',
    () => train({ callbacks: [{}, 5 as never] }),
    /^fit: callbacks\[1\] must be an object with onStepEnd, onEpochEnd, … methods, got 5$/,
  ],
  [
    'fit',
    'no data',
    () => fit(new MLP([2, 2]), undefined as never, { quiet: true }),
    /^fit: expected a Dataset or \{ x: Tensor \[N, F\], y \}, got undefined$/,
  ],
  // generator state
  [
    'Rng.fromState',
    'a state with a missing word',
    () => Rng.fromState({ alea: { c: 1, s0: 0.5, s1: 0.5 }, spare: null }),
    /^Rng\.fromState: not a generator state: alea\.s2 must be a finite number, got missing$/,
  ],
  ['Rng.int', 'n = 0', () => new Rng(1).int(0), /^Rng\.int: n must be a positive integer, got 0$/],
  // CSV
  [
    'parseCsv',
    'a number too large for float64',
    () => parseCsv('a,b\n1,x\n1e999,y\n', { source: 'big.csv' }),
    /^big\.csv line 3, column 1 \(a\): "1e999" is too large for a number$/,
  ],
];

describe('bad input gets a clear error that says what and where', () => {
  it.each(rows)('%s: %s', (_where, _input, run, message) => {
    expect(run).toThrow(message);
  });

  it('a CSV file: the file, line and column, through loadCsv', () => {
    const path = join(tmpdir(), `gradlab-bad-input-${process.pid}.csv`);
    writeFileSync(path, 'x1,x2,label\n0.5,1,a\n0.25,-1e400,b\n');
    try {
      expect(() => loadCsv(path)).toThrow(`${path} line 3, column 2 (x2): "-1e400" is too large for a number`);
    } finally {
      rmSync(path, { force: true });
    }
  });

  const cli: [string, string[], string][] = [
    ['a negative seed', ['train', '--dataset', 'iris', '--seed', '-1'], 'gradlab train: --seed: expected a non-negative integer, got "-1"'],
    [
      'a batch size of 0',
      ['train', '--dataset', 'iris', '--batch-size', '0'],
      'gradlab train: --batch-size: expected a positive integer, got "0"',
    ],
    [
      'a hidden width of 0',
      ['train', '--dataset', 'iris', '--hidden', '64,0'],
      'gradlab train: --hidden: expected comma-separated positive integers like 64,32, got "64,0"',
    ],
    ['lr NaN', ['train', '--dataset', 'iris', '--lr', 'NaN'], 'gradlab train: --lr: expected a positive number, got "NaN"'],
    ['lr that overflows', ['train', '--dataset', 'iris', '--lr', '1e400'], 'gradlab train: --lr: expected a positive number, got "1e400"'],
    ['a flag without its value', ['train', '--dataset'], 'gradlab train: --dataset: expected a value <name|file.csv>'],
    [
      'an unknown command',
      ['frobnicate'],
      'gradlab: unknown command "frobnicate"; commands: train, compare, surface, evaluate, predict, export, datasets',
    ],
  ];
  it.each(cli)('CLI: %s', async (_input, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message);
  });
});
