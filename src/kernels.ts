// Loads the WebAssembly kernels where there is no file system (browsers, workers): the matrix products
// of the tensor layer and the Adam step of the optimizers, each installed into its layer from here, above
// both, as src/node/kernels.ts does in Node. Neither layer knows the other's kernel.
import { installAdamKernel, wasmAdamAvailable } from './optim/adam-wasm.ts';
import { WebAssembly } from './tensor/kernels/webassembly.ts';
import { installGemmKernels, wasmAvailable, wasmThreads, type HelperStarter } from './tensor/kernels/wasm.ts';

/** A URL object (the ES2022 lib has no URL type; this is the part gradlab needs). */
export interface UrlLike {
  readonly href: string;
}

/** The bytes of a .wasm file, or where to fetch them from (a URL, or a fetch `Response`). */
export type KernelSource = Uint8Array | ArrayBuffer | UrlLike | string | { arrayBuffer(): Promise<ArrayBuffer> };

// The runtime's URL class, under its usual name so that bundlers (Vite) see `new URL('…', import.meta.url)`.
const URL = (globalThis as unknown as { URL: new (url: string, base: string) => UrlLike }).URL;

export interface KernelSources {
  /** kernels.wasm (matrix products); default: in the package, `new URL('./tensor/kernels/wasm/kernels.wasm', import.meta.url)`. */
  matmul?: KernelSource;
  /** adam.wasm (the Adam step); default: `new URL('./tensor/kernels/wasm/adam.wasm', import.meta.url)`. */
  adam?: KernelSource;
}

/** Which kernels run: 'wasm' (WebAssembly SIMD) or 'typescript'; matmul threads 1 or 2. */
export interface KernelStatus {
  matmul: 'wasm' | 'typescript';
  adam: 'wasm' | 'typescript';
  threads: number;
}

/** The kernels running now. */
export function kernelStatus(): KernelStatus {
  return { matmul: wasmAvailable() ? 'wasm' : 'typescript', adam: wasmAdamAvailable() ? 'wasm' : 'typescript', threads: wasmThreads() };
}

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

async function bytesOf(source: KernelSource, file: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === 'object' && 'arrayBuffer' in source) return new Uint8Array(await source.arrayBuffer());
  const url = typeof source === 'string' ? source : source.href;
  if (url.startsWith('file:'))
    throw new Error(
      `initKernels: cannot fetch ${url}; in Node, import 'gradlab' loads the kernels itself (unless GRADLAB_WASM=0), or pass the bytes`,
    );
  const fetch = (globalThis as unknown as { fetch?: Fetch }).fetch;
  if (fetch === undefined) throw new Error(`initKernels: this runtime has no fetch to load ${file} from ${url}; pass its bytes instead`);
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(
      `initKernels: could not fetch ${file} from ${url} (${(error as Error).message}); serve the file from gradlab's package (dist/tensor/kernels/wasm/) and pass its URL or bytes`,
      { cause: error },
    );
  }
  if (!response.ok)
    throw new Error(
      `initKernels: fetching ${file} from ${url} answered HTTP ${response.status}; serve the file from gradlab's package (dist/tensor/kernels/wasm/) and pass its URL or bytes`,
    );
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Loads the WebAssembly SIMD kernels (matrix products and the Adam step) in a browser or any
 * runtime with `fetch`; until it resolves, and where WebAssembly SIMD or shared memory is missing
 * (a page that is not cross-origin isolated cannot share memory), the TypeScript kernels run, with
 * bit-identical results. In Node, `import 'gradlab'` has already loaded them and this resolves at once.
 * Products run on one thread here: only the Node entry starts the helper thread.
 */
export async function initKernels(sources: KernelSources = {}): Promise<KernelStatus> {
  if (!('WebAssembly' in globalThis)) return kernelStatus();
  // Given sources are loaded as given; with none, whichever kernel is not running yet is fetched from the package.
  const given = sources.matmul !== undefined || sources.adam !== undefined;
  const wanted = {
    matmul: given ? sources.matmul !== undefined : !wasmAvailable(),
    adam: given ? sources.adam !== undefined : !wasmAdamAvailable(),
  };
  const [matmul, adam] = await Promise.all([
    wanted.matmul ? bytesOf(sources.matmul ?? new URL('./tensor/kernels/wasm/kernels.wasm', import.meta.url), 'kernels.wasm') : null,
    wanted.adam ? bytesOf(sources.adam ?? new URL('./tensor/kernels/wasm/adam.wasm', import.meta.url), 'adam.wasm') : null,
  ]);
  if (matmul !== null) installGemmKernels(await compileOrNull(matmul));
  if (adam !== null) installAdamKernel(await compileOrNull(adam));
  return kernelStatus();
}

/** null where the module does not compile here (no SIMD support): the TypeScript kernels stay. */
async function compileOrNull(bytes: Uint8Array): Promise<object | null> {
  try {
    return await WebAssembly.compile(bytes);
  } catch {
    return null;
  }
}

export { installGemmKernels, installAdamKernel, type HelperStarter };
