import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initKernels, installAdamKernel, installGemmKernels, kernelStatus } from '../src/kernels.ts';
import { matmulNN } from '../src/tensor/kernels/matmul.ts';
import { gemmNN } from '../src/tensor/kernels/gemm.ts';
import { Rng } from '../src/util/random.ts';

const wasmFile = (name: string): Uint8Array => readFileSync(new URL(`../src/tensor/kernels/wasm/${name}`, import.meta.url));
const random = (rng: Rng, n: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal());

// This file swaps the process's kernels; vitest runs each test file in its own module graph.
describe.skipIf(process.env.GRADLAB_WASM === '0')('initKernels (how browsers load the WebAssembly kernels)', () => {
  it('runs the TypeScript kernels until it is called, then the WebAssembly ones, with the same products', async () => {
    installGemmKernels(null);
    installAdamKernel(null);
    expect(kernelStatus()).toEqual({ matmul: 'typescript', adam: 'typescript', threads: 1 });
    const rng = new Rng(4);
    const [a, b] = [random(rng, 24 * 40), random(rng, 40 * 16)];
    const before = matmulNN(a, b, 24, 40, 16);
    // A fetch Response and plain bytes are both accepted.
    const response = { arrayBuffer: () => Promise.resolve(new Uint8Array(wasmFile('kernels.wasm')).buffer) };
    expect(await initKernels({ matmul: response, adam: wasmFile('adam.wasm') })).toEqual({ matmul: 'wasm', adam: 'wasm', threads: 1 });
    const after = matmulNN(a, b, 24, 40, 16);
    const reference = new Float64Array(24 * 16);
    gemmNN(a, b, reference, 24, 40, 16);
    expect(after).toEqual(reference);
    expect(before).toEqual(reference);
  });

  it('resolves at once when the kernels already run, and names the file and the way out when a fetch fails', async () => {
    expect((await initKernels()).matmul).toBe('wasm');
    installGemmKernels(null);
    await expect(initKernels({ matmul: 'http://127.0.0.1:9/kernels.wasm' })).rejects.toThrow(
      /^initKernels: could not fetch kernels\.wasm from http:\/\/127\.0\.0\.1:9\/kernels\.wasm \(.+\); serve the file from gradlab's package \(dist\/tensor\/kernels\/wasm\/\) and pass its URL or bytes$/,
    );
    expect(kernelStatus().matmul).toBe('typescript');
    await expect(initKernels()).rejects.toThrow(
      /^initKernels: cannot fetch file:\/\/.+\/kernels\.wasm; in Node, import 'gradlab' loads the kernels itself \(unless GRADLAB_WASM=0\), or pass the bytes$/,
    );
  });

  it('keeps the TypeScript kernels when the bytes are not a WebAssembly module', async () => {
    installGemmKernels(null);
    expect((await initKernels({ matmul: new Uint8Array([1, 2, 3]) })).matmul).toBe('typescript');
  });
});
