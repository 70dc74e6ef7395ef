import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/nn/logistic.ts';
import { saveOnnx } from '../../src/node/onnx.ts';
import { OutputPathError } from '../../src/node/safe-write.ts';
import { isGradlabFile } from '../../src/util/file-kind.ts';
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

  it("replaces an earlier gradlab export, but not another producer's ONNX file unless forced", () => {
    const exported = toOnnx(new LogisticRegression(2));
    expect(isGradlabFile(exported)).toBe(true);
    // The head of a ModelProto from another exporter: ir_version 7 (field 1), producer_name "pytorch" (field 2).
    const theirs = Uint8Array.from([
      0x08,
      0x07,
      0x12,
      0x07,
      ...Array.from('pytorch', (c) => c.charCodeAt(0)),
      0x1a,
      0x03,
      0x32,
      0x2e,
      0x31,
    ]);
    expect(isGradlabFile(theirs)).toBe(false);
    const path = join(dir, 'theirs.onnx');
    writeFileSync(path, theirs);
    expect(() => saveOnnx(path, exported)).toThrow(
      new OutputPathError(
        path,
        'exists and is not a file gradlab wrote (a model, checkpoint or picture)',
        'choose another path, or pass { force: true } to replace it',
      ),
    );
    expect(new Uint8Array(readFileSync(path))).toEqual(theirs);
    saveOnnx(path, exported, { force: true });
    expect(readFileSync(path).equals(exported)).toBe(true);
  });

  it('keeps the previous file when the export fails', () => {
    const path = join(dir, 'kept.onnx');
    saveOnnx(path, new LogisticRegression(2));
    const before = readFileSync(path);
    expect(() => saveOnnx(path, new LogisticRegression(2), { classNames: ['only one'] })).toThrow(/classNames/);
    expect(readFileSync(path)).toEqual(before);
  });
});
