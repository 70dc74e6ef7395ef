import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { saveOnnx } from '../../src/node/onnx.ts';
import { toOnnx } from '../../src/onnx/export.ts';

describe('saveOnnx', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-onnx-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the exported bytes (from a model or from bytes) and leaves no temporary file', () => {
    const model = new LogisticRegression(4, { classes: 3 });
    const path = join(dir, 'sub', 'iris.onnx');
    const bytes = saveOnnx(path, model, { elementType: 'float32' });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    saveOnnx(path, toOnnx(model));
    expect(readFileSync(path).equals(toOnnx(model))).toBe(true);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['iris.onnx']);
  });

  it('keeps the previous file when the export fails', () => {
    const path = join(dir, 'kept.onnx');
    saveOnnx(path, new LogisticRegression(2));
    const before = readFileSync(path);
    expect(() => saveOnnx(path, new LogisticRegression(2), { classNames: ['only one'] })).toThrow(/classNames/);
    expect(readFileSync(path)).toEqual(before);
  });
});
