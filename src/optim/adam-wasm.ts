import { WebAssembly } from '../tensor/kernels/webassembly.ts';

/** The constants of one Adam step, computed once per parameter (see `adamCoefficients` in adam.ts). */
export type AdamCoefficients = {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  value: number;
  rbc2: number;
  eps: number;
  decay: number;
  l2: number;
  useDecay: boolean;
  useL2: boolean;
  amsgrad: boolean;
};

type AdamKernel = (
  p: number,
  g: number,
  m: number,
  v: number,
  vmax: number,
  n: number,
  beta1: number,
  beta2: number,
  oneMinusBeta1: number,
  oneMinusBeta2: number,
  value: number,
  rbc2: number,
  eps: number,
  decay: number,
  l2: number,
  flags: number,
) => void;

/** Elements per chunk of θ and g copied through the scratch area (256 KiB for both: they stay in L2 cache). */
const CHUNK = 16384;
const PAGE = 65536;
/** The scratch area (θ and g chunks) at the start of each parameter's memory; its moments follow. */
const SCRATCH_BYTES = 2 * CHUNK * 8;

/** The compiled adam.wasm, or null until it is installed from outside (src/node/kernels.ts in Node, `initKernels` in src/kernels.ts elsewhere). */
let module: object | null = null;

/**
 * Uses the compiled adam.wasm for large parameters from now on (`null`: the TypeScript rule only).
 * Returns false, keeping the TypeScript rule, where it cannot be instantiated (no WebAssembly SIMD).
 */
export function installAdamKernel(compiled: object | null): boolean {
  module = null;
  if (compiled === null) return false;
  try {
    new WebAssembly.Instance(compiled, { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1 }) } });
    module = compiled;
    return true;
  } catch {
    return false;
  }
}

/** Whether the WebAssembly Adam kernel runs (installed, WebAssembly SIMD present). */
export function wasmAdamAvailable(): boolean {
  return module !== null;
}

/** Each parameter's kernel instance, keyed by the buffer of its private memory. */
const homes = new WeakMap<ArrayBufferLike, AdamKernel>();

/**
 * Moment buffers of `size` doubles each (`count` of them: m, v and, for amsgrad, vmax), zeroed, as
 * views into a fresh memory of their own with a kernel instance over it. The memory never grows,
 * so the views never detach; it is collected with them.
 */
export function wasmMoments(size: number, count: number): Float64Array[] {
  if (module === null) throw new Error('wasmMoments: the WebAssembly Adam kernel is not available');
  const pages = Math.ceil((SCRATCH_BYTES + count * size * 8) / PAGE);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const { adam } = new WebAssembly.Instance(module, { env: { memory } }).exports as { adam: AdamKernel };
  homes.set(memory.buffer, adam);
  return Array.from({ length: count }, (_, k) => new Float64Array(memory.buffer, SCRATCH_BYTES + k * size * 8, size));
}

/** The kernel whose memory holds all of `moments` (none when one is an ordinary array, e.g. after loadStateDict). */
export function wasmHome(moments: readonly (Float64Array | undefined)[]): AdamKernel | undefined {
  const buffer = moments[0]!.buffer;
  const adam = homes.get(buffer);
  return adam !== undefined && moments.every((a) => a === undefined || a.buffer === buffer) ? adam : undefined;
}

/**
 * The Adam step of `adamReference` (adam.ts, the reference) with f64x2 SIMD, bit-identical to it
 * (test/optim/adam-wasm.test.ts). m, v (and vmax)
 * stay in the kernel's memory; θ and g go through the scratch area chunk by chunk, θ comes back.
 */
export function wasmAdam(
  adam: AdamKernel,
  param: Float64Array,
  grad: Float64Array,
  m: Float64Array,
  v: Float64Array,
  vmax: Float64Array | undefined,
  c: Readonly<AdamCoefficients>,
): void {
  const n = param.length;
  const scratch = new Float64Array(m.buffer, 0, 2 * CHUNK);
  const ps = scratch.subarray(0, CHUNK),
    gs = scratch.subarray(CHUNK);
  const flags = (c.useDecay ? 1 : 0) | (c.useL2 ? 2 : 0) | (c.amsgrad ? 4 : 0);
  const xAt = vmax === undefined ? 0 : vmax.byteOffset;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK),
      len = end - start,
      at = start * 8;
    ps.set(param.subarray(start, end));
    gs.set(grad.subarray(start, end));
    adam(
      0,
      CHUNK * 8,
      m.byteOffset + at,
      v.byteOffset + at,
      xAt + at,
      len,
      c.beta1,
      c.beta2,
      c.oneMinusBeta1,
      c.oneMinusBeta2,
      c.value,
      c.rbc2,
      c.eps,
      c.decay,
      c.l2,
      flags,
    );
    param.set(len === CHUNK ? ps : ps.subarray(0, len), start);
  }
}
