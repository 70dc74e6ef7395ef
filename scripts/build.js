#!/usr/bin/env node
// `npm run build` (also run by `npm pack` / `npm publish` through prepack): compiles src/ to ESM
// JavaScript and .d.ts in dist/ with tsc (tsconfig.build.json), then copies the WebAssembly kernels
// beside their loaders. dist/ is rebuilt from nothing, so no file of an older layout survives.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(`${root}/dist`, { recursive: true, force: true });
// tsc's messages go to stderr, so that `npm pack --json` prints nothing but its JSON on stdout.
execFileSync(process.execPath, [tsc, '-p', `${root}/tsconfig.build.json`], { stdio: ['ignore', 2, 2] });
mkdirSync(`${root}/dist/tensor/kernels/wasm`, { recursive: true });
for (const file of ['kernels.wasm', 'adam.wasm']) {
  copyFileSync(`${root}/src/tensor/kernels/wasm/${file}`, `${root}/dist/tensor/kernels/wasm/${file}`);
}
console.error('built dist/');
