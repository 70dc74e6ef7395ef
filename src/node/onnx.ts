import { writeFileAtomic } from './atomic-write.ts';
import { checkOutputPath, type OutputOptions } from './safe-write.ts';
import type { Module } from '../nn/module.ts';
import { toOnnx, type OnnxExportOptions } from '../onnx/export.ts';

/**
 * Writes an ONNX file atomically (a failed write leaves any previous file intact): either bytes from
 * `toOnnx`, or a model, which is exported with `options` first. Like every gradlab writer it replaces
 * only a file gradlab wrote (an earlier export) unless `force`. Returns the bytes written.
 */
export function saveOnnx(path: string, model: Module | Uint8Array, options: OnnxExportOptions & OutputOptions = {}): Uint8Array {
  const { force, inputs, option, shownAs, ...exportOptions } = options;
  const output = { force, inputs, option, shownAs, kind: 'onnx' };
  checkOutputPath(path, output); // before exporting, so a bad path costs nothing
  const bytes = model instanceof Uint8Array ? model : toOnnx(model, exportOptions);
  writeFileAtomic(path, bytes);
  return bytes;
}
