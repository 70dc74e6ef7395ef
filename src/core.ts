// The platform-free public API: runs in Node, browsers, workers and any JavaScript runtime. Nothing
// here (or below it) imports a `node:*` module or touches `process`, `Buffer` or the file system;
// test/core/browser-safe.test.ts enforces it. What needs a platform (files, the terminal, worker
// threads) lives in src/node/ and is registered from outside: see setPlatform and initKernels.
export * from './tensor/index.ts';
export * from './nn/index.ts';
export * from './optim/index.ts';
export * from './data/index.ts';
export * from './train/index.ts';
export * from './checkpoint/index.ts';
export * from './viz/index.ts';
export * from './inspect/index.ts';
export { Rng, manualSeed, resolveRng, type RngState, type RandomOptions } from './util/random.ts';
export { formatNumber } from './util/format-number.ts';
export { setPlatform, getPlatform, memoryStore, type Platform, type CheckpointStore, type PendingSteps } from './platform.ts';
export { initKernels, kernelStatus, type KernelSource, type KernelSources, type KernelStatus, type UrlLike } from './kernels.ts';
