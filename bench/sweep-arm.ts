/**
 * One arm of `npm run bench:sweep`, run as a child process so that each arm gets its own kernel setup
 * (GRADLAB_THREADS and GRADLAB_WASM are read once, when the Node adapters load). `gradlab` or `tfjs`
 * (TF.js's wasm backend) is the argument; the parent sends one JSON command per line on stdin and gets
 * one JSON reply per line on stdout:
 *   {"op":"prepare","width":…,"batch":…,"quick":…} → builds the point, warms it up → {"count": steps per sample}
 *   {"op":"sample"} → one timed sample → {"ms": ms per step}
 * No forced GC before a sample (bench/harness.ts forces one because its sides share a process): here no other
 * arm's garbage can land on this arm's clock, and a forced GC hands the big steps fresh memory whose first
 * touch costs more than the step (batch 4,096: about 2× the steady-state time).
 *   {"op":"release"} → frees the point → {}
 */
import '../src/node/index.ts'; // the Node adapters: WebAssembly kernels and their helper thread
import { createInterface } from 'node:readline';
import type { Step } from './harness.ts';
import { sweepWorkload } from './sweep-points.ts';
import { calibrate, samplePlan, timeSteps } from './timing.ts';

type Command = { op: 'prepare'; width: number; batch: number; quick: boolean } | { op: 'sample' } | { op: 'release' };

const arm = process.argv[2];
if (arm !== 'gradlab' && arm !== 'tfjs') throw new Error(`sweep-arm: the argument is '${String(arm)}'; it must be 'gradlab' or 'tfjs'`);
// TF.js only in its own arm, so the gradlab arms never load it.
const tf = arm === 'tfjs' ? await import('./tf.ts') : null;
if (tf !== null) {
  await tf.loadTf();
  await tf.useBackend('wasm');
}

let current: { step: Step; count: number } | null = null;

async function handle(command: Command): Promise<object> {
  if (command.op === 'prepare') {
    const workload = sweepWorkload(command);
    let step: Step;
    if (tf === null) step = workload.gradlab();
    else {
      const t = await tf.loadTf();
      t.engine().startScope();
      step = workload.tf(t);
    }
    const { warmupMs, sampleMs } = samplePlan(command.quick);
    current = { step, count: calibrate(step, warmupMs, sampleMs) };
    return { count: current.count };
  }
  if (current === null) throw new Error(`sweep-arm: '${command.op}' before 'prepare'`);
  if (command.op === 'sample') {
    return { ms: timeSteps(current.step, current.count) };
  }
  current = null;
  if (tf !== null) {
    const t = await tf.loadTf();
    t.engine().endScope();
    t.disposeVariables();
  }
  return {};
}

for await (const line of createInterface({ input: process.stdin })) {
  let reply: object;
  try {
    reply = await handle(JSON.parse(line) as Command);
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
