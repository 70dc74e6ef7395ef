/**
 * Compiles the AssemblyScript kernels to .wasm (`npm run build:wasm`): kernels.as.ts (matmul) and
 * adam.as.ts (the Adam step). The built .wasm files are committed, so installing gradlab needs no
 * compiler; test/tensor/kernels/wasm.test.ts rebuilds them in memory and fails when one is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCE = fileURLToPath(new URL('./kernels.as.ts', import.meta.url));
export const BINARY = fileURLToPath(new URL('./kernels.wasm', import.meta.url));
export const ADAM_SOURCE = fileURLToPath(new URL('./adam.as.ts', import.meta.url));
export const ADAM_BINARY = fileURLToPath(new URL('./adam.wasm', import.meta.url));

/** -O3, SIMD on, no runtime or assertions (the kernels allocate nothing and check nothing themselves). */
const COMMON = ['-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--importMemory'];

/**
 * The matmul kernels get a shared memory imported from JavaScript so that two threads can work in
 * it; each large parameter's Adam kernel gets a private one sized to its moments (src/optim/adam-wasm.ts).
 */
const KERNELS: Record<'kernels' | 'adam', { source: string; flags: string[] }> = {
  kernels: {
    source: SOURCE,
    flags: [...COMMON, '--enable', 'threads', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '32768'],
  },
  adam: { source: ADAM_SOURCE, flags: [...COMMON, '--initialMemory', '1'] },
};

/** The .wasm bytes compiled from the current source of `which`. */
export async function compileKernels(which: keyof typeof KERNELS = 'kernels'): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  const { source, flags } = KERNELS[which];
  let binary: Uint8Array | null = null;
  const { error, stderr } = await asc.main([source, '--outFile', `${which}.wasm`, ...flags], {
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
    },
  });
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- asc's stderr is a memory stream whose toString() returns the text; its declared type omits it
  if (error) throw new Error(`build:wasm: ${error.message}\n${stderr.toString()}`);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- binary is set inside the writeFile callback, which flow analysis does not follow
  if (binary === null) throw new Error('build:wasm: the compiler produced no .wasm');
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [which, path] of [
    ['kernels', BINARY],
    ['adam', ADAM_BINARY],
  ] as const) {
    const bytes = await compileKernels(which);
    writeFileSync(path, bytes);
    console.log(`wrote ${path} (${bytes.length} bytes)`);
  }
}
