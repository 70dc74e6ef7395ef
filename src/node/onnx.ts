import { writeFileAtomic } from '../util/atomic-write.ts';
import type { Module } from '../nn/module.ts';
import { toOnnx, type OnnxExportOptions } from '../onnx/export.ts';

/**
 * Writes an ONNX file atomically (a failed write leaves any previous file intact): either bytes from
 * `toOnnx`, or a model, which is exported with `options` first. Returns the bytes written.
 */
export function saveOnnx(path: string, model: Module | Uint8Array, options: OnnxExportOptions = {}): Uint8Array {
  const bytes = model instanceof Uint8Array ? model : toOnnx(model, options);
  writeFileAtomic(path, bytes);
  return bytes;
}
