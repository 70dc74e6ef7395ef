// `npm run size`: the package's budgets, measured and printed (not asserted): the core's browser
// bundle (minified, gzip -9, without the .wasm files, which load separately) ≤ 90 KB (76 KB for gradlab's
// own code and its other dependencies, 60 KB before tensor gradients, the new ops and the layers came, plus
// csv-parse's browser build, 14 KB), and the npm tarball ≤ 1 MB.
// Builds dist/ first, as `npm pack` would.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const bundle = await build({
  absWorkingDir: root,
  entryPoints: ['src/core.ts'],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  minify: true,
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const code = bundle.outputFiles[0]!.contents;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`core browser bundle (src/core.ts, esbuild --minify): ${kb(code.length)}, gzip ${kb(gzip)} (budget 90 KB)`);
const output = Object.values(bundle.metafile.outputs)[0]!;
const byPackage = new Map<string, number>();
for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
  const key = path.startsWith('node_modules/')
    ? path
        .split('/')
        .slice(1, path.split('/')[1]!.startsWith('@') ? 3 : 2)
        .join('/')
    : path.split('/').slice(0, 2).join('/');
  byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
}
for (const [key, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`  ${key.padEnd(28)} ${kb(bytes).padStart(9)} minified`);
for (const file of ['kernels.wasm', 'adam.wasm'])
  console.log(`  + ${file}, loaded by initKernels: ${statSync(`${root}/src/tensor/kernels/wasm/${file}`).size} bytes`);

execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
) as [{ size: number; unpackedSize: number; entryCount: number }];
console.log(`npm tarball: ${kb(pack.size)} (budget 1024 KB), ${kb(pack.unpackedSize)} unpacked, ${pack.entryCount} files`);
