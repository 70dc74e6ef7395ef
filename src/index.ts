// The public API. Named re-exports of each area's index; nothing is exported by default.
export * from './tensor/index.ts';
export * from './nn/index.ts';
export * from './optim/index.ts';
export * from './data/index.ts';
export * from './train/index.ts';
export * from './checkpoint/index.ts';
export * from './viz/index.ts';
export * from './inspect/index.ts';
export * from './onnx/index.ts';
export { saveOnnx } from './node/onnx.ts';
export { Rng, manualSeed, resolveRng, type RngState, type RandomOptions } from './util/random.ts';
export { writeFileAtomic } from './util/atomic-write.ts';
