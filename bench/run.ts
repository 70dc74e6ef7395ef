/**
 * `npm run bench [-- --quick] [workload numbers…] [leak]`: times every workload for gradlab and for
 * TF.js (cpu and wasm backends) in one run and prints a table; see bench/README.md.
 */
import '../src/node/index.ts'; // the Node adapters: WebAssembly kernels and their helper thread
import { cpus } from 'node:os';
import { measure, type Options, type Result, type Workload } from './harness.ts';
import { printTable } from './report.ts';
import { loadTf, wasmFeatures } from './tf.ts';
import { runTorch } from './torch.ts';
import { leakCheck } from './workloads/leak.ts';
import { trainWorkloads } from './workloads/train.ts';
import { adamWorkload, matmulWorkload } from './workloads/kernels.ts';
import { digitsWorkload } from './workloads/digits.ts';

const WORKLOADS: Workload[] = [...trainWorkloads, adamWorkload, matmulWorkload, digitsWorkload];

function parseArgs(argv: string[]): { options: Options; ids: number[]; leak: boolean } {
  const options: Options = { quick: false };
  const ids: number[] = [];
  let leak = false;
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === 'leak') leak = true;
    else if (/^\d+$/.test(arg) && WORKLOADS.some((w) => w.id === Number(arg))) ids.push(Number(arg));
    else
      throw new Error(
        `bench: unknown argument '${arg}' (allowed: --quick, workload numbers ${WORKLOADS.map((w) => w.id).join(' ')}, leak)`,
      );
  }
  // No selection means everything; naming only 'leak' runs just the leak check.
  if (ids.length === 0 && !leak) return { options, ids: WORKLOADS.map((w) => w.id), leak: true };
  return { options, ids, leak };
}

async function main(): Promise<void> {
  const { options, ids, leak } = parseArgs(process.argv.slice(2));
  const tf = await loadTf();
  console.log(
    `gradlab vs TensorFlow.js ${tf.version.tfjs} (${await wasmFeatures()}) — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}${options.quick ? ', --quick' : ''}`,
  );
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    console.log('(run node with --expose-gc for the memory columns and the leak check)');
  const results: Result[] = [];
  for (const id of ids) {
    const workload = WORKLOADS.find((w) => w.id === id)!;
    process.stdout.write(`  running ${id}: ${workload.title} …\n`);
    results.push(await measure(workload, options));
  }
  if (results.length > 0) {
    process.stdout.write('  running the PyTorch side (bench/torch_bench.py, one thread, float64 and float32) …\n');
    const torch = runTorch(
      results.map((r) => r.workload),
      options.quick,
    );
    if ('skipped' in torch) console.log(`  skipping the PyTorch columns: ${torch.skipped}`);
    else {
      console.log(`  PyTorch ${torch.version}, torch.set_num_threads(1)`);
      for (const r of results) r.torch = torch.ms.get(r.workload.id);
    }
    printTable(results, options);
  }
  if (leak) console.log(await leakCheck(options.quick ? 2_000 : 10_000));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
