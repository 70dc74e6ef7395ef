export * from './tensor/index.ts';
export { mse, bceWithLogits, crossEntropy, type Labels } from './nn/losses.ts';
export { Rng, manualSeed, type RngState, type RandomOptions } from './util/random.ts';
