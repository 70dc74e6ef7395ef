// gradlab as someone else's dependency: `npm pack`, install the tarball into a new project, and use it
// the five ways the README promises (Node, TypeScript, vitest, the CLI, a browser bundle).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChromium } from './chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./consumer', import.meta.url));
let dir = '';
let app = '';
let tarball = '';

/** The environment for child tools: without this vitest run's own variables, which would confuse a nested vitest. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
/** Runs a command in the consumer project; on failure the error carries its whole output. */
function run(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { cwd: app, env, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}
const tsconfig = (options: object): string =>
  JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', ...options },
    files: ['consumer.ts'],
  });

interface Moons {
  losses: number[];
  accuracy: number;
}
let nodeResult: { moons: Moons; iris: number[]; kernels: { matmul: string } } | null = null;
/** (a)'s output, run once and shared with (e). */
function nodeRun(): NonNullable<typeof nodeResult> {
  nodeResult ??= JSON.parse(run(process.execPath, ['node.js'])) as NonNullable<typeof nodeResult>;
  return nodeResult;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gradlab-consumer-'));
  // npm pack runs prepack, which builds dist/ from the current sources (.npmrc skips scripts unless told not to).
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts=false', '--pack-destination', dir, '--json'], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as [{ filename: string }];
  tarball = join(dir, packed.filename);
  app = join(dir, 'app');
  mkdirSync(app);
  cpSync(fixtures, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(app, 'tsconfig.json'), tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] }));
  writeFileSync(
    join(app, 'tsconfig.browser.json'),
    tsconfig({ module: 'ESNext', moduleResolution: 'Bundler', types: [], lib: ['ES2022'] }),
  );
  // Uses npm's cache when it has the few runtime dependencies (it does after `npm ci`), the registry otherwise.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball]);
  // The consumer's own devDependencies, linked from this repository rather than installed again.
  for (const name of ['vitest', 'typescript', '@types/node', 'fast-check']) {
    mkdirSync(join(app, 'node_modules', name, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gradlab installed from its tarball into a new project', () => {
  it('ships the build, the datasets and the licence, and no sources, tests, bench or CI', () => {
    const pkg = join(app, 'node_modules', 'gradlab');
    for (const file of [
      'dist/index.js',
      'dist/core.d.ts',
      'dist/tensor/kernels/wasm/kernels.wasm',
      'datasets/iris.csv',
      'LICENSE',
      'README.md',
    ])
      expect(existsSync(join(pkg, file)), file).toBe(true);
    for (const folder of ['src', 'test', 'bench', '.ci', 'examples']) expect(existsSync(join(pkg, folder)), folder).toBe(false);
    const installed = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    // Only what the library imports at run time comes along (csv-parse; d3-contour brings d3-array and internmap, protobufjs long).
    expect(
      Object.keys(installed.packages)
        .filter((p) => p !== '')
        .sort(),
    ).toEqual([
      'node_modules/csv-parse',
      'node_modules/d3-array',
      'node_modules/d3-contour',
      'node_modules/gradlab',
      'node_modules/internmap',
      'node_modules/long',
      'node_modules/protobufjs',
      'node_modules/seedrandom',
    ]);
  });

  it('(a) plain node imports it and trains models (the Node entry: datasets from disk, WebAssembly kernels)', () => {
    const { moons, iris, kernels } = nodeRun();
    expect(kernels.matmul).toBe(process.env.GRADLAB_WASM === '0' ? 'typescript' : 'wasm');
    expect(moons.losses).toHaveLength(25);
    expect(moons.losses.at(-1)!).toBeLessThan(moons.losses[0]! / 3);
    expect(moons.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(iris.at(-1)!).toBeLessThan(iris[0]! / 2);
  });

  it('(b) a strict TypeScript consumer type-checks against the .d.ts (Node resolution, and a bundler with no Node types)', () => {
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(run(process.execPath, [tsc, '-p', 'tsconfig.json'])).toBe('');
    expect(run(process.execPath, [tsc, '-p', 'tsconfig.browser.json'])).toBe('');
  }, 120_000);

  it('(f) a strict TypeScript project with no Node types ("types": [], no @types/node, skipLibCheck off) compiles against the Node entry and the core', () => {
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    const strict = (module: string, moduleResolution: string, file: string): string =>
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: 'ES2022',
          lib: ['ES2022'],
          types: [],
          module,
          moduleResolution,
        },
        files: [file],
      });
    writeFileSync(join(app, 'strict', 'tsconfig.node.json'), strict('NodeNext', 'NodeNext', 'node.ts'));
    writeFileSync(join(app, 'strict', 'tsconfig.core.json'), strict('ESNext', 'Bundler', 'core.ts'));
    // The project sees no Node types: `process` does not exist for it (a control that the check can fail).
    writeFileSync(join(app, 'strict', 'control.ts'), 'export const argv = process.argv;\n');
    writeFileSync(join(app, 'strict', 'tsconfig.control.json'), strict('NodeNext', 'NodeNext', 'control.ts'));
    expect(() => run(process.execPath, [tsc, '-p', 'strict/tsconfig.control.json'])).toThrow(/Cannot find name 'process'/);
    expect(run(process.execPath, [tsc, '-p', 'strict/tsconfig.node.json'])).toBe('');
    expect(run(process.execPath, [tsc, '-p', 'strict/tsconfig.core.json'])).toBe('');
  }, 120_000);

  it('(g) @arethetypeswrong/cli and publint find nothing wrong in the tarball', () => {
    const bin = (name: string): string => join(root, 'node_modules', '.bin', name);
    // ESM only (Node ≥ 20), so CommonJS and node10 resolution do not apply. The .wasm subpaths are assets that
    // bundlers turn into URLs (`gradlab/kernels.wasm?url`) or import.meta.resolve finds, not modules with types.
    expect(() =>
      run(bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './kernels.wasm', './adam.wasm', '--format', 'ascii']),
    ).not.toThrow();
    expect(run(bin('publint'), ['run', tarball, '--strict'])).toMatch(/All good!/);
  }, 120_000);

  it('(c) a vitest test in the consumer runs assertGradcheck on a custom Module', () => {
    const out = run(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'gradcheck.test.ts']);
    expect(out).toMatch(/1 passed/);
  }, 120_000);

  it('(d) npx gradlab runs the compiled CLI (no tsx in the project)', () => {
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false);
    expect(run('npx', ['gradlab', '--help'])).toMatch(/^gradlab 0\.\d+\.\d+: a tiny autodiff and training lab/);
    expect(run('npx', ['gradlab', 'train', '--dataset', 'iris'])).toMatch(/test accuracy 0\.\d+/);
  }, 120_000);

  it('(e) a browser bundle trains in headless Chromium to the same losses as Node, before and after initKernels', async () => {
    const bundle = await build({
      absWorkingDir: app,
      entryPoints: ['browser.js'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs).toContain('node_modules/gradlab/dist/core.js');
    expect(inputs.filter((p) => p.includes('gradlab/dist/node/') || p === 'node_modules/gradlab/dist/index.js')).toEqual([]);
    const wasm = join(app, 'node_modules', 'gradlab', 'dist', 'tensor', 'kernels', 'wasm');
    const result = await runInChromium(bundle.outputFiles[0]!.text, {
      '/kernels.wasm': readFileSync(join(wasm, 'kernels.wasm')),
      '/adam.wasm': readFileSync(join(wasm, 'adam.wasm')),
    });
    if ('error' in result) throw new Error(`in Chromium: ${String(result.error)}`);
    const node = nodeRun().moons;
    expect(result.before).toEqual({ matmul: 'typescript', adam: 'typescript', threads: 1 });
    // The page is cross-origin isolated (COOP/COEP headers), so the kernels' shared memory is allowed.
    expect(result.isolated).toBe(true);
    expect(result.status).toEqual({ matmul: 'wasm', adam: 'wasm', threads: 1 });
    for (const run of [result.typescript, result.wasm] as Moons[]) {
      expect(run.losses).toHaveLength(node.losses.length);
      run.losses.forEach((loss, i) => expect(Math.abs(loss - node.losses[i]!)).toBeLessThanOrEqual(1e-12));
      expect(run.accuracy).toBe(node.accuracy);
    }
  }, 120_000);
  describe('(h) the testing kit: gradlab/testing, gradlab/testing/vitest and gradlab/testing/arbitraries', () => {
    it('plain Node imports gradlab/testing and the arbitraries (fast-check, the optional peer, installed by the project)', () => {
      const r = JSON.parse(run(process.execPath, ['testing.js'])) as {
        close: { isAssertionError: boolean; name: string; message: string; actual: number[]; expected: number[] };
        shape: { message: string; actual: number[] };
        report: [string, boolean][];
        unused: string[];
        shapes: number[][];
        broadcast: number[][][];
        tensors: number[][];
        labels: number[][];
        graph: number[];
      };
      expect(r.close).toMatchObject({ isAssertionError: true, name: 'AssertionError', actual: [1, 2], expected: [1, 2.5] });
      expect(r.close.message).toMatch(
        /^Tensor-likes are not close!\n\nMismatched elements: 1 \/ 2 \(50%\)\nGreatest absolute difference: 0\.5 at actual\[1\]/,
      );
      expect(r.shape).toMatchObject({ message: 'x has shape [8, 2] but expected [n, 3]: dimension 1 is 2, not 3', actual: [8, 2] });
      // The default MLP passes every check; the unused parameter is named under gradientsFlow.
      expect(r.report).toEqual(
        [
          'finite',
          'initialLoss',
          'gradientsFlow',
          'gradcheck',
          'paramsUpdate',
          'batchIndependent',
          'overfits',
          'usesInput',
          'deterministic',
          'evalDeterministic',
        ].map((name) => [name, true]),
      );
      expect(r.unused[0]).toMatch(/^2 of 3 parameters get a gradient; no gradient \(null\) for extra/);
      for (const s of r.shapes) expect(s.length >= 1 && s.length <= 2 && s.every((d) => d >= 1 && d <= 3)).toBe(true);
      for (const [a, b] of r.broadcast)
        for (let k = 1; k <= Math.min(a!.length, b!.length); k++) {
          const [p, q] = [a!.at(-k)!, b!.at(-k)!];
          expect(p === q || p === 1 || q === 1, `${JSON.stringify(a)} with ${JSON.stringify(b)}`).toBe(true);
        }
      for (const v of r.tensors.flat()) expect(Math.abs(v) >= 0.25 && Math.abs(v) <= 1.5).toBe(true);
      for (const l of r.labels) expect(new Set(l)).toEqual(new Set([0, 1]));
      expect(Array.isArray(r.graph)).toBe(true);
    });

    it('gradlab/testing is platform-free: a browser bundle of it has no Node module, vitest or fast-check', async () => {
      const bundle = await build({
        absWorkingDir: app,
        stdin: { contents: "export * from 'gradlab/testing';", resolveDir: app, loader: 'js' },
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(bundle.metafile.inputs);
      expect(inputs).toContain('node_modules/gradlab/dist/testing/index.js');
      expect(inputs.filter((p) => /node_modules\/(vitest|fast-check)\/|gradlab\/dist\/node\//.test(p))).toEqual([]);
    });

    it('a strict TypeScript project type-checks all three entries; the matchers reach expect through the vitest entry only', () => {
      const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
      writeFileSync(
        join(app, 'tsconfig.testing.json'),
        tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] }).replace('consumer.ts', 'testing.ts'),
      );
      expect(run(process.execPath, [tsc, '-p', 'tsconfig.testing.json'])).toBe('');
      // The control: without the import of gradlab/testing/vitest, vitest's expect has no toHaveShape.
      writeFileSync(join(app, 'untyped.ts'), readFileSync(join(app, 'testing.ts'), 'utf8').replace("import 'gradlab/testing/vitest';", ''));
      writeFileSync(
        join(app, 'tsconfig.untyped.json'),
        tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'] }).replace('consumer.ts', 'untyped.ts'),
      );
      expect(() => run(process.execPath, [tsc, '-p', 'tsconfig.untyped.json'])).toThrow(/Property 'toHaveShape' does not exist/);
      // A test file that relies on setupFiles gets the types from tsconfig's "types", as the README says.
      const types = (extra: string[]): string =>
        tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node', ...extra] }).replace('consumer.ts', 'model.test.ts');
      writeFileSync(join(app, 'tsconfig.setup.json'), types(['gradlab/testing/vitest']));
      expect(run(process.execPath, [tsc, '-p', 'tsconfig.setup.json'])).toBe('');
      writeFileSync(join(app, 'tsconfig.nosetup.json'), types([]));
      expect(() => run(process.execPath, [tsc, '-p', 'tsconfig.nosetup.json'])).toThrow(/Property 'toPassModelChecks' does not exist/);
    }, 120_000);

    it('vitest with setupFiles: [gradlab/testing/vitest] runs the matchers; a planted bug fails with the report', () => {
      const vitest = join(app, 'node_modules', 'vitest', 'vitest.mjs');
      expect(run(process.execPath, [vitest, 'run', 'model.test.ts'])).toMatch(/3 passed/);
      let failed = '';
      try {
        run(process.execPath, [vitest, 'run', 'planted-bug.test.ts']);
      } catch (e) {
        failed = (e as Error).message;
      }
      expect(failed).toMatch(/✗ gradientsFlow +2 of 4 parameters get a gradient; no gradient \(null\) for hidden\.weight, hidden\.bias/);
      expect(failed).toMatch(/1 failed/);
    }, 120_000);
  });
});
