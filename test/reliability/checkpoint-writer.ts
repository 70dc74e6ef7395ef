// Run by checkpoint-commit.test.ts in a child process (under `ulimit -f`, killed with kill -9, or two
// at once on one path): `node --import tsx checkpoint-writer.ts <path> <run> <first epoch> <saves> [kill|keep-going]`.
// Saves checkpoints of run <run> (a letter) for epochs <first epoch>, … (<saves> of them; 0: for ever).
// Every value a checkpoint holds follows from its run and epoch (see expectedRun), so a reader can tell
// a pair that belongs together from a checkpoint holding another run's or another epoch's losses.
// Every third save starts a new history array (a new side file); the others append to the current one.
// With `kill`, the process SIGKILLs itself after the side file is written, before the checkpoint is;
// with `keep-going`, a failed save is reported on stderr and the next one tried (exit status 1 at the end).
import { saveCheckpoint } from '../../src/checkpoint/index.ts';
import { fileCheckpointStore } from '../../src/node/checkpoint-store.ts';
import { expectedRun, writerModel } from './checkpoint-runs.ts';

const [path, run, first, saves, mode] = process.argv.slice(2);
if (!path || !run || !first || saves === undefined)
  throw new Error('usage: checkpoint-writer.ts <path> <run> <first epoch> <saves> [kill|keep-going]');
const files = fileCheckpointStore();
const store =
  mode === 'kill'
    ? {
        ...files,
        write: () => {
          process.kill(process.pid, 'SIGKILL');
        },
      }
    : files;
const { model, optimizer } = writerModel();
let stepLoss: number[] = [];
for (let epoch = Number(first), n = 0; Number(saves) === 0 || n < Number(saves); epoch++, n++) {
  const expected = expectedRun(run, epoch);
  if (n % 3 === 0) stepLoss = [...expected.stepLoss];
  else stepLoss.push(...expected.stepLoss.slice(stepLoss.length));
  for (const p of model.parameters()) p.data.fill(expected.weight);
  try {
    saveCheckpoint(
      path,
      { model, optimizer, epoch, step: stepLoss.length, history: { ...expected.history, stepLoss }, metadata: { run } },
      store,
    );
    process.stdout.write(`saved ${epoch}\n`);
  } catch (error) {
    if (mode !== 'keep-going') throw error;
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
