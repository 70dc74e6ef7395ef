import { readFileSync } from 'node:fs';

// The ES2022 lib has no WebAssembly types (they live in lib.dom); these are the few used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** What kernels.wasm exports (see wasm/kernels.as.ts). Pointers are byte offsets into `memory`. */
interface WasmKernels {
  memory: WasmMemory;
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, transA: number, transB: number, work: number): void;
  compact(c: number, m: number, n: number): void;
}

/**
 * The WebAssembly SIMD kernels, loaded synchronously at import, or null where they cannot run
 * (no WebAssembly SIMD, or GRADLAB_WASM=0 in the environment): the TypeScript kernels then do all
 * the work, with the same results up to floating-point summation order.
 */
const kernels: WasmKernels | null = load();

function load(): WasmKernels | null {
  if (process.env.GRADLAB_WASM === '0') return null;
  try {
    const module = new WebAssembly.Module(readFileSync(new URL('./wasm/kernels.wasm', import.meta.url)));
    return new WebAssembly.Instance(module, {}).exports as unknown as WasmKernels;
  } catch {
    return null;
  }
}

export function wasmAvailable(): boolean {
  return kernels !== null;
}

let heap = new Float64Array(0);

/** A view of linear memory at least `doubles` long, growing the memory (which never shrinks) when needed. */
function reserve(memory: WasmMemory, doubles: number): Float64Array {
  const bytes = doubles * 8;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  // Growing detaches the old buffer, so the view is rebuilt whenever the buffer changed.
  if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  return heap;
}

const padded = (x: number): number => (x + 3) & ~3;
/** Regions start on 16-byte boundaries for the vector loads. */
const even = (x: number): number => x + (x & 1);

/**
 * op(A)·op(B) as a new [m, n] array, computed in WebAssembly: A and B are copied into linear
 * memory, packed into panels and multiplied in 4×4 SIMD tiles. op(A) is [m, k]: `a` holds A [m, k],
 * or Aᵀ stored as [k, m] when `transA`. op(B) is [k, n]: `b` holds B [k, n], or [n, k] when `transB`.
 */
export function wasmGemm(a: Float64Array, b: Float64Array, m: number, k: number, n: number, transA: boolean, transB: boolean): Float64Array {
  if (kernels === null) throw new Error('wasmGemm: the WebAssembly kernels are not available');
  const aAt = 0;
  const bAt = even(aAt + m * k);
  const workAt = even(bAt + k * n);
  const cAt = even(workAt + (padded(m) + padded(n)) * k);
  const mem = reserve(kernels.memory, cAt + padded(m) * padded(n));
  mem.set(a, aAt);
  mem.set(b, bAt);
  kernels.gemm(aAt * 8, bAt * 8, cAt * 8, m, k, n, transA ? 1 : 0, transB ? 1 : 0, workAt * 8);
  kernels.compact(cAt * 8, m, n);
  const out = new Float64Array(m * n);
  out.set(mem.subarray(cAt, cAt + m * n));
  return out;
}
