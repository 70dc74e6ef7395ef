import { type WasmMemory, WebAssembly } from './webassembly.ts';

/** What kernels.wasm exports (see wasm/kernels.as.ts). Pointers are byte offsets into the shared memory. */
interface WasmKernels {
  packB(b: number, k: number, n: number, transB: number, packedB: number): void;
  rows(
    a: number,
    m: number,
    k: number,
    n: number,
    transA: number,
    packedA: number,
    packedB: number,
    c: number,
    from: number,
    to: number,
  ): void;
  compact(c: number, m: number, n: number): void;
}

/** 2 GiB, as `--maximumMemory` in wasm/build.ts. */
const MAX_PAGES = 32768;
/** Linear memory starts with the int32 words the two threads synchronise on; data follows. */
const CONTROL_DOUBLES = 8;
const JOB = 0,
  DONE = 1,
  READY = 2,
  STATE = 3,
  NEXT = 4,
  ARGS = 5;
/** STATE of the latest job: the helper may join it only while it is POSTED. */
const IDLE = 0,
  POSTED = 1,
  RUNNING = 2;
/** Row panels (of 4 rows) taken per grab: small enough to balance, large enough that grabs cost nothing. */
const GRAB = 2;

/**
 * Starts the helper thread: runs `source` (plain JavaScript) with `module` and `memory` in scope,
 * and calls `onError` if the thread dies. Supplied by the platform (Node: a worker thread).
 */
export type HelperStarter = (source: string, data: { module: object; memory: WasmMemory }, onError: () => void) => void;

/**
 * The WebAssembly SIMD kernels, or null until the platform installs them (src/node/kernels.ts on
 * import, `initKernels` in a browser) and where they cannot run (no WebAssembly SIMD or shared
 * memory): the TypeScript kernels then do all the work. Both add each product's terms in the same
 * order, without fused multiply-adds, so their results are bit-identical.
 */
let wasm: { module: object; memory: WasmMemory; kernels: WasmKernels; control: Int32Array } | null = null;
let startHelper: HelperStarter | null = null;

/**
 * Instantiates the compiled kernels.wasm over a fresh shared memory and routes large products to it;
 * `helper` (optional) starts the second thread. Returns false, keeping the TypeScript kernels, where
 * the module cannot be instantiated; `null` uninstalls them.
 */
export function installGemmKernels(module: object | null, helper: HelperStarter | null = null): boolean {
  wasm = null;
  helperState = helper === null ? 'failed' : 'off';
  startHelper = helper;
  if (module === null) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as WasmKernels;
    wasm = { module, memory, kernels, control: new Int32Array(memory.buffer, 0, CONTROL_DOUBLES * 2) };
    heap = new Float64Array(0);
    return true;
  } catch {
    return false;
  }
}

export function wasmAvailable(): boolean {
  return wasm !== null;
}

/**
 * Products of at least this many multiply-adds are split between this thread and one helper
 * thread (about 0.3 ms of work: well above the ~20 µs it takes to wake the helper). The helper
 * runs only where there is a second core and GRADLAB_THREADS is not 1.
 */
export const THREAD_MIN_MACS = 1 << 22;

/**
 * Both threads take row panels from the shared NEXT counter, GRAB at a time, until none are left:
 * a helper that the OS runs late (the other core busy) just takes fewer, and the product is
 * never slower than on one thread. ARGS hold `rows`' arguments, then the number of panels. The
 * helper runs this function's source text, so it uses nothing but its arguments.
 */
function grabRows(kernels: Pick<WasmKernels, 'rows'>, control: Int32Array, next: number, args: number, grab: number): void {
  const a = control.subarray(args, args + 9);
  for (let from = Atomics.add(control, next, grab); from < a[8]!; from = Atomics.add(control, next, grab)) {
    kernels.rows(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!, from, Math.min(from + grab, a[8]!));
  }
}

/**
 * The helper thread (`module` and `memory` in scope, see HelperStarter): it instantiates the same
 * module over the same shared memory and sets READY, then sleeps until JOB changes. It joins a job only by moving STATE from POSTED to RUNNING (the
 * main thread may have finished it alone and withdrawn it), grabs panels, and publishes DONE. It is
 * started on the first large product and used once ready; it never keeps the process alive.
 */
const HELPER_SOURCE = `
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const control = new Int32Array(memory.buffer, 0, ${CONTROL_DOUBLES * 2});
const grabRows = ${grabRows.toString()};
Atomics.store(control, ${READY}, 1);
for (let seen = 0; ; ) {
  Atomics.wait(control, ${JOB}, seen);
  seen = Atomics.load(control, ${JOB});
  if (Atomics.compareExchange(control, ${STATE}, ${POSTED}, ${RUNNING}) !== ${POSTED}) continue;
  const job = Atomics.load(control, ${JOB});
  grabRows(kernels, control, ${NEXT}, ${ARGS}, ${GRAB});
  Atomics.store(control, ${STATE}, ${IDLE});
  Atomics.store(control, ${DONE}, job);
  Atomics.notify(control, ${DONE});
}`;

/** Runs a product on both threads: posts it, grabs panels here too, then waits for the helper if it joined. */
function rowsOnTwoThreads(kernels: WasmKernels, args: readonly number[], panels: number): void {
  const { control } = wasm!;
  control.set([...args, panels], ARGS);
  Atomics.store(control, NEXT, 0);
  Atomics.store(control, JOB, ++jobs);
  Atomics.store(control, STATE, POSTED);
  Atomics.notify(control, JOB);
  grabRows(kernels, control, NEXT, ARGS, GRAB);
  if (Atomics.compareExchange(control, STATE, POSTED, IDLE) === POSTED) return; // the helper never joined
  // Sleep only while DONE still holds the value just read (reading it twice could miss the update),
  // and look again every 100 ms regardless, so no lost wake-up could ever hang the process.
  for (let done = Atomics.load(control, DONE); done !== jobs; done = Atomics.load(control, DONE)) Atomics.wait(control, DONE, done, 100);
}

let helperState: 'off' | 'starting' | 'ready' | 'failed' = 'failed';
let jobs = 0;

function helperReady(): boolean {
  if (wasm === null || startHelper === null || helperState === 'failed') return false;
  if (helperState === 'off') {
    helperState = 'starting';
    try {
      startHelper(HELPER_SOURCE, { module: wasm.module, memory: wasm.memory }, () => (helperState = 'failed'));
    } catch {
      helperState = 'failed';
    }
  }
  if (helperState === 'starting' && Atomics.load(wasm.control, READY) === 1) helperState = 'ready';
  return helperState === 'ready';
}

/** How many threads large products run on now: 2 once the helper thread is up, else 1 (it starts on the first large product). */
export function wasmThreads(): number {
  return helperReady() ? 2 : 1;
}

let heap: Float64Array = new Float64Array(0);

/**
 * A view of linear memory at least `doubles` long, growing the memory when needed. It never
 * shrinks: it stays as large as the largest product so far needed (10 MiB for 512×512 operands).
 */
function reserve(memory: WasmMemory, doubles: number): Float64Array {
  const bytes = doubles * 8;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  // After growing, `memory.buffer` is a new, longer buffer, so the view is rebuilt.
  if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  return heap;
}

const padded = (x: number): number => (x + 3) & ~3;
/** Regions start on 16-byte boundaries for the vector loads. */
const even = (x: number): number => x + (x & 1);

/** Where a product's operands, packed panels and result lie in linear memory, in doubles. */
function layout(m: number, k: number, n: number) {
  const aAt = CONTROL_DOUBLES;
  const bAt = even(aAt + m * k);
  const packedAAt = even(bAt + k * n);
  const packedBAt = packedAAt + padded(m) * k;
  const cAt = even(packedBAt + padded(n) * k);
  return { aAt, bAt, packedAAt, packedBAt, cAt, end: cAt + padded(m) * padded(n) };
}

/** Whether a product fits in linear memory (2 GiB); larger ones stay with the TypeScript kernels. */
export function wasmGemmFits(m: number, k: number, n: number): boolean {
  return layout(m, k, n).end * 8 <= MAX_PAGES * 65536;
}

/**
 * op(A)·op(B) as a new [m, n] array, computed in WebAssembly: A and B are copied into linear
 * memory, packed into panels and multiplied in 4×4 SIMD tiles, large products on two threads.
 * op(A) is [m, k]: `a` holds A [m, k], or Aᵀ stored as [k, m] when `transA`. op(B) is [k, n]:
 * `b` holds B [k, n], or [n, k] when `transB`.
 */
export function wasmGemm(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  threads = true,
): Float64Array {
  if (wasm === null) throw new Error('wasmGemm: the WebAssembly kernels are not available');
  if (!wasmGemmFits(m, k, n)) throw new RangeError(`wasmGemm: a [${m}, ${k}]·[${k}, ${n}] product does not fit in WebAssembly memory`);
  const { kernels, memory } = wasm;
  const { aAt, bAt, packedAAt, packedBAt, cAt, end } = layout(m, k, n);
  const mem = reserve(memory, end);
  mem.set(a, aAt);
  mem.set(b, bAt);
  kernels.packB(bAt * 8, k, n, transB ? 1 : 0, packedBAt * 8);
  const panels = padded(m) / 4;
  const args: [number, number, number, number, number, number, number, number] = [
    aAt * 8,
    m,
    k,
    n,
    transA ? 1 : 0,
    packedAAt * 8,
    packedBAt * 8,
    cAt * 8,
  ];
  if (threads && panels > GRAB && m * k * n >= THREAD_MIN_MACS && helperReady()) rowsOnTwoThreads(kernels, args, panels);
  else kernels.rows(...args, 0, panels);
  kernels.compact(cAt * 8, m, n);
  const out = new Float64Array(m * n);
  out.set(mem.subarray(cAt, cAt + m * n));
  return out;
}
