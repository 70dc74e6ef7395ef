import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { runInNewContext } from 'node:vm';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/core.ts';

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The core entry bundled as a browser bundler would: every import resolved, nothing left external. */
async function bundleCore(format: 'esm' | 'iife'): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    entryPoints: ['src/core.ts'],
    bundle: true,
    platform: 'browser',
    format,
    globalName: 'gradlab',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** Trains a small MLP on two moons with `api` (the core as imported here, or the bundle in a bare context). */
function train(api: typeof core): number[] {
  const data = api.makeMoons(200, { noise: 0.1, seed: 3 });
  const model = new api.MLP([2, 32, 32, 2], { seed: 1 });
  const history = api.fit(model, data, { optimizer: 'adam', lr: 0.01, epochs: 5, batchSize: 32, seed: 2, log: () => {}, now: () => 0 });
  return history.loss;
}

describe('the core (src/core.ts) runs anywhere', () => {
  it('bundles for the browser without a single Node built-in', async () => {
    const { metafile } = await bundleCore('esm');
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((path) => NODE_BUILTINS.has(path) || path.startsWith('node:'))).toEqual([]);
    // Packages may swap a built-in out for browsers ("browser": { "crypto": false }); only seedrandom does.
    expect(inputs.filter((path) => path.startsWith('(disabled):'))).toEqual(['(disabled):crypto']);
    for (const output of Object.values(metafile.outputs)) expect(output.imports).toEqual([]);
    expect(inputs.filter((path) => path.startsWith('src/node/') || path.startsWith('src/cli/'))).toEqual([]);
  });

  it('type-checks with no platform types ("types": [], ES2022 lib only)', () => {
    // tsc exits non-zero and prints the offending line (process, Buffer, node:*) on failure.
    const tsc = new URL('../../node_modules/typescript/bin/tsc', import.meta.url).pathname;
    expect(() => execFileSync(process.execPath, [tsc, '-p', 'tsconfig.core.json', '--noEmit'], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  }, 120_000);

  it('trains in a bare JavaScript context (no process, Buffer, require, console) to the same losses as Node', async () => {
    const { code } = await bundleCore('iife');
    const sandbox: { gradlab?: typeof core } = {};
    runInNewContext(`${code}\nglobalThis.gradlab = gradlab;`, sandbox);
    const bare = train(sandbox.gradlab!);
    const node = train(core); // with the Node adapters registered: WebAssembly kernels
    if (process.env.GRADLAB_WASM !== '0') expect(core.kernelStatus().matmul).toBe('wasm');
    expect(bare).toHaveLength(5);
    expect(bare[4]!).toBeLessThan(bare[0]!);
    // The TypeScript and WebAssembly kernels add the same terms in the same order: bit-identical.
    expect(bare).toEqual(node);
    expect(sandbox.gradlab!.kernelStatus()).toEqual({ matmul: 'typescript', adam: 'typescript', threads: 1 });
  });

  it('asks for a checkpoint store where there is no file system, and trains with memoryStore()', async () => {
    const { code } = await bundleCore('iife');
    const sandbox: { gradlab?: typeof core } = {};
    runInNewContext(`${code}\nglobalThis.gradlab = gradlab;`, sandbox);
    const g = sandbox.gradlab!;
    const data = g.makeMoons(40, { seed: 1 });
    const options = { epochs: 2, batchSize: 8, log: () => {}, checkpoint: 'run.json' } as const;
    expect(() => g.fit(new g.MLP([2, 4, 2], { seed: 1 }), data, options)).toThrow(
      'fit: no checkpoint store here (no file system); pass one, e.g. memoryStore(), or import gradlab in Node, where checkpoints are files',
    );
    const store = g.memoryStore();
    g.fit(new g.MLP([2, 4, 2], { seed: 1 }), data, { ...options, checkpointStore: store });
    expect(JSON.parse(store.files.get('run.json')!)).toMatchObject({ format: 'gradlab-checkpoint', epoch: 2 });
  });
});
