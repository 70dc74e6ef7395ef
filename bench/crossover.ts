/**
 * `npx tsx bench/crossover.ts`: times the TypeScript and the WebAssembly matmul kernels on the
 * shapes the workloads use, to place WASM_MIN_MACS (src/tensor/kernels/matmul.ts).
 */
import '../src/node/index.ts'; // the Node adapters: WebAssembly kernels and their helper thread
import { gemmNN, gemmNT, gemmTN } from '../src/tensor/kernels/gemm.ts';
import { wasmGemm } from '../src/tensor/kernels/wasm.ts';
import { Rng } from '../src/util/random.ts';

const rng = new Rng(1);
const random = (n: number): Float64Array => Float64Array.from({ length: n }, () => rng.normal());

function time(fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn();
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < 100) {
    fn();
    runs++;
  }
  return ((performance.now() - start) / runs) * 1000;
}

const shapes: [number, number, number][] = [
  [1, 3, 1],
  [4, 4, 4],
  [2, 16, 4],
  [8, 4, 8],
  [32, 2, 16],
  [32, 16, 16],
  [32, 16, 1],
  [8, 8, 8],
  [16, 16, 16],
  [32, 64, 10],
  [32, 32, 32],
  [32, 64, 64],
  [128, 784, 128],
  [1797, 64, 10],
];
console.log('   m    k    n      MACs |  NN ts µs  wasm µs |  NT ts µs  wasm µs |  TN ts µs  wasm µs');
for (const [m, k, n] of shapes) {
  const a = random(m * k),
    b = random(k * n),
    g = random(m * n);
  const cells = [
    time(() => gemmNN(a, b, new Float64Array(m * n), m, k, n)),
    time(() => wasmGemm(a, b, m, k, n, false, false)),
    time(() => gemmNT(g, b, new Float64Array(m * k), m, n, k)),
    time(() => wasmGemm(g, b, m, n, k, false, true)),
    time(() => gemmTN(a, g, new Float64Array(k * n), m, k, n)),
    time(() => wasmGemm(a, g, k, m, n, true, false)),
  ].map((us) => us.toFixed(2).padStart(8));
  console.log(
    `${[m, k, n].map((d) => String(d).padStart(4)).join(' ')} ${String(m * k * n).padStart(9)} | ${cells[0]!} ${cells[1]!} | ${cells[2]!} ${cells[3]!} | ${cells[4]!} ${cells[5]!}`,
  );
}
