// The Node entry (package export "node"): the core plus the Node adapters, which register
// themselves on import (files, stdout progress, WebAssembly kernels on two threads).
// Browsers get src/core.ts. Named re-exports only; nothing is exported by default.
export * from './core.ts';
export * from './node/index.ts';
