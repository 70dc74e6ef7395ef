import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAM_BINARY, BINARY, compileKernels } from '../../../src/tensor/kernels/wasm/build.ts';

describe('kernels.wasm', () => {
  it('is up to date with kernels.as.ts (run `npm run build:wasm` after editing the source)', async () => {
    const built = await compileKernels();
    const committed = new Uint8Array(readFileSync(BINARY));
    expect(committed.length).toBe(built.length);
    expect(Buffer.compare(Buffer.from(committed), Buffer.from(built))).toBe(0);
  }, 30_000);

  it('adam.wasm is up to date with adam.as.ts (run `npm run build:wasm` after editing the source)', async () => {
    const built = await compileKernels('adam');
    expect(Buffer.compare(Buffer.from(readFileSync(ADAM_BINARY)), Buffer.from(built))).toBe(0);
  }, 30_000);
});
