import * as ort from 'onnxruntime-node';
import type { Tensor } from '../../src/tensor/tensor.ts';
import type { OnnxElementType } from '../../src/onnx/graph.ts';

/** Runs ONNX bytes on feature rows x [N, F] with ONNX Runtime's CPU provider; outputs as float64 arrays. */
export async function runOnnx(
  bytes: Uint8Array,
  x: Tensor,
  elementType: OnnxElementType = 'float64',
): Promise<{ logits: Float64Array; probabilities: Float64Array; dims: { logits: readonly number[]; probabilities: readonly number[] } }> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  try {
    const data = elementType === 'float64' ? Float64Array.from(x.data) : Float32Array.from(x.data);
    const out = await session.run({ features: new ort.Tensor(elementType, data, [...x.shape]) });
    const logits = out.logits!;
    const probabilities = out.probabilities!;
    return {
      logits: Float64Array.from(logits.data as Float64Array | Float32Array),
      probabilities: Float64Array.from(probabilities.data as Float64Array | Float32Array),
      dims: { logits: logits.dims, probabilities: probabilities.dims },
    };
  } finally {
    await session.release();
  }
}

/**
 * Largest difference between ONNX Runtime's output `a` and gradlab's `b` (both [rows, cols]), relative
 * to the size of b's row: max |aᵢⱼ − bᵢⱼ| / max(maxⱼ |bᵢⱼ|, tiny). Per row rather than per element
 * because an element near 0 (a logit that cancels out, a probability of 1e-40 that float32 flushes
 * to 0) has a rounding error set by the row's scale, not by its own.
 */
export function rowRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, cols: number): number {
  let worst = 0;
  for (let start = 0; start < b.length; start += cols) {
    let scale = Number.MIN_VALUE;
    for (let j = 0; j < cols; j++) scale = Math.max(scale, Math.abs(b[start + j]!));
    for (let j = 0; j < cols; j++) worst = Math.max(worst, Math.abs(a[start + j]! - b[start + j]!) / scale);
  }
  return worst;
}

/** Largest elementwise relative difference |a − b| / |b| over the elements with |b| ≥ floor. */
export function elementRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-300): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) if (Math.abs(b[i]!) >= floor) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.abs(b[i]!));
  return worst;
}
