import { describe, expect, it } from 'vitest';
import {
  didYouMean,
  editDistance,
  integerList,
  listOf,
  oneOf,
  parseFlags,
  positiveInteger,
  positiveNumber,
  UsageError,
  type CommandSpec,
} from '../../src/cli/args.ts';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a demo',
  flags: [
    { name: 'dataset', value: '<name>', description: 'data', required: true },
    { name: 'lr', value: '<x>', description: 'step', parse: positiveNumber },
    { name: 'epochs', value: '<n>', description: 'passes', parse: positiveInteger },
    { name: 'json', description: 'json' },
  ],
};

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseFlags', () => {
  it('reads --flag value, --flag=value and switches, and runs the value parsers', () => {
    expect(parseFlags(spec, ['--dataset', 'iris', '--lr=0.05', '--epochs', '3', '--json'])).toEqual({
      help: false,
      values: { dataset: 'iris', lr: 0.05, epochs: 3, json: true },
    });
  });
  it('keeps the last of a repeated flag and treats a negative number as a value', () => {
    expect(parseFlags(spec, ['--dataset', 'a', '--dataset', 'b']).values.dataset).toBe('b');
    expect(usage(() => parseFlags(spec, ['--dataset', 'a', '--lr', '-0.5']))).toBe('--lr: expected a positive number, got "-0.5"');
  });
  it('gives --help precedence over every other problem', () => {
    expect(parseFlags(spec, ['--bogus', '-h'])).toEqual({ help: true, values: {} });
  });
  it('names unknown flags with a suggestion, missing values, stray words and missing required flags', () => {
    expect(usage(() => parseFlags(spec, ['--dataset', 'x', '--lrr', '1']))).toBe(
      'unknown flag --lrr (did you mean --lr?); see --help for the options',
    );
    expect(usage(() => parseFlags(spec, ['--dataset', 'x', '--zzzzzz']))).toBe('unknown flag --zzzzzz; see --help for the options');
    expect(usage(() => parseFlags(spec, ['--dataset', 'x', '--lr', '--json']))).toBe('--lr: expected a value <x>');
    expect(usage(() => parseFlags(spec, ['--dataset', 'x', '--json=yes']))).toBe('--json is a switch and takes no value (got "yes")');
    expect(usage(() => parseFlags(spec, ['iris']))).toBe('unexpected argument "iris" (options are given as --name value; see --help)');
    expect(usage(() => parseFlags(spec, ['--lr', '1']))).toBe('missing required flag --dataset <name>');
  });
});

describe('value parsers', () => {
  it('accept valid text and reject the rest with the flag, the rule and the value', () => {
    expect(positiveNumber('1e-3', '--lr')).toBe(0.001);
    expect(usage(() => positiveNumber('abc', '--lr'))).toBe('--lr: expected a positive number, got "abc"');
    expect(usage(() => positiveNumber('0', '--lr'))).toBe('--lr: expected a positive number, got "0"');
    expect(usage(() => positiveNumber('Infinity', '--lr'))).toBe('--lr: expected a positive number, got "Infinity"');
    expect(usage(() => positiveInteger('2.5', '--epochs'))).toBe('--epochs: expected a positive integer, got "2.5"');
    expect(integerList('64, 32', '--hidden')).toEqual([64, 32]);
    expect(usage(() => integerList('64,,32', '--hidden'))).toBe(
      '--hidden: expected comma-separated positive integers like 64,32, got "64,,32"',
    );
    expect(usage(() => integerList('0', '--hidden'))).toContain('expected comma-separated positive integers like 64,32');
    const methods = ['gd', 'sgd', 'minibatch', 'momentum', 'adagrad', 'rmsprop', 'adam'] as const;
    expect(usage(() => oneOf(methods)('adamw', '--optimizer'))).toBe(
      '--optimizer: "adamw" is not one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam (did you mean adam?)',
    );
    expect(listOf(methods)('adam,sgd', '--optimizers')).toEqual(['adam', 'sgd']);
    expect(usage(() => listOf(methods)('adam,adam', '--optimizers'))).toBe('--optimizers: "adam" is listed twice');
    expect(usage(() => listOf(methods)('adam,nesterov', '--optimizers'))).toBe(
      '--optimizers: "nesterov" is not one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam',
    );
  });
});

describe('didYouMean', () => {
  it('counts edits, including adjacent swaps', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('trian', 'train')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests close names and unique prefixes, nothing for unrelated words', () => {
    expect(didYouMean('epoch', ['epochs', 'seed'])).toBe('epochs');
    expect(didYouMean('batchsize', ['batch-size', 'lr'])).toBe('batch-size');
    expect(didYouMean('opt', ['optimizer', 'lr'])).toBe('optimizer');
    expect(didYouMean('zzz', ['optimizer', 'lr'])).toBeUndefined();
  });
});
