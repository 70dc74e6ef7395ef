/**
 * Compiles kernels.as.ts to kernels.wasm with AssemblyScript (`npm run build:wasm`). The built
 * .wasm is committed, so installing gradlab needs no compiler; test/tensor/kernels/wasm.test.ts
 * rebuilds it in memory and fails when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCE = fileURLToPath(new URL('./kernels.as.ts', import.meta.url));
export const BINARY = fileURLToPath(new URL('./kernels.wasm', import.meta.url));

/**
 * -O3, SIMD on, no runtime or assertions (the kernels allocate nothing and check nothing
 * themselves), and a shared memory imported from JavaScript so that two threads can work in it.
 */
const FLAGS = ['-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '--enable', 'threads', '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '32768'];

/** The .wasm bytes compiled from the current source. */
export async function compileKernels(): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  let binary: Uint8Array | null = null;
  const { error, stderr } = await asc.main([SOURCE, '--outFile', 'kernels.wasm', ...FLAGS], {
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm') && typeof contents !== 'string') binary = contents;
    },
  });
  if (error) throw new Error(`build:wasm: ${error.message}\n${stderr.toString()}`);
  if (binary === null) throw new Error('build:wasm: the compiler produced no .wasm');
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await compileKernels();
  writeFileSync(BINARY, bytes);
  console.log(`wrote ${BINARY} (${bytes.length} bytes)`);
}
