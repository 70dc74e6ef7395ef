/**
 * Runs one workload's gradlab side alone for a few seconds, for a profiler:
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts 3 [seconds]`, then open the
 * .cpuprofile in Chrome DevTools (or summarise it with bench/profile-summary.ts).
 */
import { digitsWorkload } from './workloads/digits.ts';
import { adamWorkload, matmulWorkload } from './workloads/kernels.ts';
import { trainWorkloads } from './workloads/train.ts';

const id = Number(process.argv[2] ?? 1);
const seconds = Number(process.argv[3] ?? 5);
const workload = [...trainWorkloads, adamWorkload, matmulWorkload, digitsWorkload].find((w) => w.id === id);
if (workload === undefined) throw new Error(`profile: no workload ${process.argv[2]!}`);
const step = workload.gradlab();
let steps = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  step();
  steps++;
}
console.log(`${workload.title}: ${steps} steps, ${((performance.now() - start) / steps).toFixed(3)} ms/step`);
