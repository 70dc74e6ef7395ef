import { ALL_METHOD_NAMES, EXTRA_METHOD_NAMES, METHOD_NAMES, DEFAULT_BATCH_K } from '../train/methods.ts';
import {
  didYouMean,
  integerList,
  listOf,
  nonNegativeInteger,
  nonNegativeNumber,
  oneOf,
  positiveInteger,
  positiveNumber,
  UsageError,
  type FlagSpec,
  type ValueParser,
} from './args.ts';
import { BUNDLED_NAMES, datasetRef } from './data.ts';
import { defaultLr } from './defaults.ts';
import { MODEL_KINDS } from './model.ts';

/** The most --epochs a run takes. */
export const MAX_EPOCHS = 100_000;

/** --plot: the extension picks the format, so anything but .svg or .png is refused before training. */
export const figurePath: ValueParser<string> = (raw, flag) => {
  if (!/\.(svg|png)$/i.test(raw)) throw new UsageError(`${flag}: expected a file name ending in .svg or .png, got "${raw}"`);
  return raw;
};

/** --early-stop: a positive number of epochs, or off. */
function patienceOrOff(raw: string, flag: string): number | 'off' {
  if (raw === 'off') return 'off';
  if (/^\+?\d+$/.test(raw.trim()) && Number(raw) >= 1 && Number.isSafeInteger(Number(raw))) return Number(raw);
  const guess = didYouMean(raw, ['off']);
  throw new UsageError(`${flag}: expected a number of epochs ≥ 1 or off, got "${raw}"${guess ? ' (did you mean off?)' : ''}`);
}

/** Flags shared by the commands that train, so every command describes them the same way. */
export const FLAGS = {
  dataset: {
    name: 'dataset',
    value: '<name|file.csv>',
    description: `a bundled dataset (${BUNDLED_NAMES.join(', ')}) or a headed CSV file, one row per sample`,
    required: true,
    parse: datasetRef,
  },
  label: { name: 'label', value: '<column>', description: 'the CSV column holding the class', defaultText: 'the last column' },
  model: {
    name: 'model',
    value: '<kind>',
    description: 'logistic (a linear layer: sigmoid for 2 classes, softmax for more) or mlp (ReLU hidden layers)',
    defaultText: 'mlp',
    parse: oneOf(MODEL_KINDS),
  },
  hidden: {
    name: 'hidden',
    value: '<sizes>',
    description: 'hidden-layer widths of the mlp, comma-separated',
    defaultText: '64,32',
    parse: integerList,
  },
  optimizer: {
    name: 'optimizer',
    value: '<method>',
    description: `one of the seven methods ${METHOD_NAMES.join(', ')}, or ${EXTRA_METHOD_NAMES.join(', ')}`,
    defaultText: 'adam',
    parse: oneOf(ALL_METHOD_NAMES),
  },
  optimizers: {
    name: 'optimizers',
    value: '<list>',
    description: `comma-separated methods from ${ALL_METHOD_NAMES.join(', ')}`,
    defaultText: `the seven: ${METHOD_NAMES.join(',')}`,
    parse: listOf(ALL_METHOD_NAMES),
  },
  lr: {
    name: 'lr',
    value: '<rate>',
    description: `learning rate; each method has its own default (${ALL_METHOD_NAMES.map((m) => `${m} ${defaultLr(m)}`).join(', ')})`,
    parse: positiveNumber,
  },
  earlyStop: {
    name: 'early-stop',
    value: '<n|off>',
    description:
      'choose the epochs on validation: train on 80 % of the train rows until the val loss (on the other 20 %) has gone n epochs without a new lowest, then train on all train rows for the epochs of the lowest; off: train all --epochs on all train rows',
    defaultText: 'a tenth of the epochs, at least 10',
    parse: patienceOrOff,
  },
  l2: {
    name: 'l2',
    value: '<λ>',
    description: "the logistic model's L2 penalty (λ/2)·‖W‖² added to the mean loss (the bias is not penalised)",
    defaultText: "1/(training rows), scikit-learn's C = 1",
    parse: nonNegativeNumber,
  },
  batchSize: {
    name: 'batch-size',
    value: '<k>',
    description: 'samples per step for the mini-batch methods (gd always uses every training row, sgd one)',
    defaultText: String(DEFAULT_BATCH_K),
    parse: positiveInteger,
  },
  epochs: {
    name: 'epochs',
    value: '<n>',
    description: `passes over the training data, at most ${MAX_EPOCHS.toLocaleString('en-US')}`,
    defaultText: '100, or more for at least 2000 mini-batch steps',
    parse: (raw, flag) => {
      const epochs = positiveInteger(raw, flag);
      if (epochs > MAX_EPOCHS)
        throw new UsageError(
          `${flag}: at most ${MAX_EPOCHS.toLocaleString('en-US')} (passes over the training data; a run keeps every epoch's and every step's loss in memory), got ${raw}`,
        );
      return epochs;
    },
  },
  seed: {
    name: 'seed',
    value: '<n>',
    description: 'seed for the train/test split, the initial weights and the shuffling',
    defaultText: '0',
    parse: nonNegativeInteger,
  },
  plot: { name: 'plot', value: '<file.svg>', description: 'also draw a figure (.svg, or .png)', parse: figurePath },
  json: { name: 'json', description: 'print one JSON document on stdout instead of the report (progress is suppressed)' },
  force: { name: 'force', description: 'replace an existing output file that gradlab did not write (never the input data)' },
  allowLarge: { name: 'allow-large', description: `train a model with more than ${(5_000_000).toLocaleString('en-US')} parameters` },
} satisfies Record<string, FlagSpec>;

export const DEFAULT_HIDDEN = [64, 32];
