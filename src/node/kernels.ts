import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { installAdamKernel } from '../optim/adam-wasm.ts';
import { WebAssembly } from '../tensor/kernels/webassembly.ts';
import { installGemmKernels, type HelperStarter } from '../tensor/kernels/wasm.ts';

/** The helper thread for large products: a worker thread that never keeps the process alive. */
const startWorker: HelperStarter = (source, data, onError) => {
  const prelude = "const { workerData } = require('node:worker_threads');\nconst { module, memory } = workerData;\n";
  const worker = new Worker(prelude + source, { eval: true, workerData: data });
  worker.unref();
  worker.on('error', onError);
};

/** The compiled module in `file` (next to the kernel sources), or null where it cannot compile here. */
function compile(file: string): object | null {
  try {
    return new WebAssembly.Module(readFileSync(new URL(`../tensor/kernels/wasm/${file}`, import.meta.url)));
  } catch {
    return null;
  }
}

/**
 * Loads the WebAssembly SIMD kernels synchronously (Node reads the .wasm files from disk), unless
 * GRADLAB_WASM=0; large products use a second thread unless GRADLAB_THREADS=1 or there is one core.
 */
export function loadNodeKernels(): void {
  if (process.env.GRADLAB_WASM === '0' || WebAssembly === undefined) return;
  const threads = process.env.GRADLAB_THREADS !== '1' && availableParallelism() >= 2;
  installGemmKernels(compile('kernels.wasm'), threads ? startWorker : null);
  installAdamKernel(compile('adam.wasm'));
}
