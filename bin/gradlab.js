#!/usr/bin/env node
// In the installed package this runs the compiled JavaScript in dist/. In a source checkout (src/
// is there, and the package does not ship it) it runs the TypeScript sources through tsx instead,
// so the command never runs a stale build while you edit.
//
// `gradlab train` runs in a worker thread. Training is synchronous, and a signal handler only runs on
// a thread whose event loop is free: this main thread hears Ctrl-C (SIGINT) or SIGTERM and raises a
// flag in shared memory, the training stops after its current step, says what was saved and how to
// continue, and exits 128 + the signal's number. A second signal stops the process at once.
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { URL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const source = new URL('../src/cli/main.ts', import.meta.url);

async function loadMain() {
  if (!existsSync(source)) return (await import('../dist/cli/main.js')).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import(source.href)).main;
}

const STOPPING = ['SIGINT', 'SIGTERM'];

if (!isMainThread) {
  // The worker: its stdout is piped to the main thread's, which is the terminal (if any) to draw on.
  Object.assign(process.stdout, workerData.stdout);
  const flag = new Int32Array(workerData.flag);
  const interrupted = () => {
    const signal = Atomics.load(flag, 0);
    return signal === 0 ? null : (STOPPING.find((name) => constants.signals[name] === signal) ?? 'SIGINT');
  };
  const main = await loadMain();
  parentPort.postMessage(await main(workerData.argv, { interrupted }));
} else {
  // `gradlab … | head` closes the pipe early; stop quietly, as other command-line tools do.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const argv = process.argv.slice(2);
  if (argv[0] === 'train') {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { isTTY, columns } = process.stdout;
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { argv, flag: flag.buffer, stdout: isTTY ? { isTTY, columns } : {} },
    });
    for (const name of STOPPING) {
      process.on(name, () => {
        if (Atomics.load(flag, 0) !== 0) {
          process.stderr.write(
            `\ngradlab train: ${name} again: stopped at once (a checkpoint, if any, is as the last completed epoch left it)\n`,
          );
          process.exit(128 + constants.signals[name]);
        }
        Atomics.store(flag, 0, constants.signals[name]);
      });
    }
    worker.on('message', (code) => (process.exitCode = code));
    worker.on('error', (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 1;
    });
  } else {
    const main = await loadMain();
    // exitCode rather than process.exit(), so piped stdout (a --json document) is flushed completely.
    process.exitCode = await main(argv);
  }
}
