import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TF = typeof tf;
export type TfTensor = tf.Tensor;
export type TfVariable = tf.Variable;
export type TfScalar = tf.Scalar;
export type TfBackend = 'cpu' | 'wasm';

let ready = false;

/**
 * TF.js with its two pure-JavaScript backends: `cpu` (plain JS kernels) and `wasm` (XNNPACK,
 * WebAssembly SIMD, loaded from node_modules; no network). Production mode skips TF.js's debug
 * checks and silences its "install tfjs-node" notice.
 */
export async function loadTf(): Promise<TF> {
  if (!ready) {
    tf.enableProdMode();
    const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm');
    setWasmPaths(dirname(wasmFile) + '/');
    for (const backend of ['wasm', 'cpu'] as const) {
      if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend '${backend}' failed to initialise`);
    }
    ready = true;
  }
  return tf;
}

/** Makes `backend` current; each side builds and runs its model under its own backend only. */
export async function useBackend(backend: TfBackend): Promise<void> {
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
}

/** Whether the wasm backend runs with SIMD and threads (reported under the table). */
export async function wasmFeatures(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `wasm backend: SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
}
